using SharpGan.Data;
using static TorchSharp.torch;

namespace SharpGan.Segmentation;

/// <summary>A picture to judge a segmenter by eye: one row per pair, image | true mask | predicted mask.</summary>
public static class SegmentationPreview
{
    public static RgbImage Rows(Segmenter model, ImageSet pairs, IReadOnlyList<int> indices)
    {
        if (indices.Count == 0) throw new ArgumentException("a preview needs at least one pair");
        using var scope = NewDisposeScope();
        var batch = pairs.Take(indices.ToArray()).ToBatch();
        var predicted = model.Predict(batch.Images).ge(MaskStatistics.Threshold).to_type(ScalarType.Float32);
        // Masks as grey pictures in [-1, 1]: white object, black background.
        var rows = stack([batch.Images, AsPicture(batch.Masks), AsPicture(predicted)], 1).flatten(0, 1);
        return ImageTensors.ToGrid(rows, columns: 3);
    }

    static Tensor AsPicture(Tensor masks) => masks.mul(2).sub(1).expand(-1, 3, -1, -1);
}
