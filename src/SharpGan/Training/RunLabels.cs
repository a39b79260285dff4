using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Recipes.Kinds;

namespace SharpGan.Training;

/// <summary>Attaches the labels data.labels asks for and writes their names into the model config, so the
/// checkpoint knows what its generator can draw; a resumed run must find the same names.</summary>
internal static class RunLabels
{
    /// <summary>The CSV in the run folder that lists the images the labels left out.</summary>
    public const string ReportFile = "labels-report.csv";

    public static (SharpGanConfig Config, ImageSet Images, IReadOnlyList<DroppedImage> Dropped) Attach(SharpGanConfig config, ImageSet images)
    {
        var data = config.Data;
        IReadOnlyList<DroppedImage> dropped = [];
        switch (data.Labels)
        {
            case "folders":
                images = ClassFolders.Label(data.Path, images);
                break;
            case "csv":
                images = LabelsCsv.Label(data.LabelsFile, data.Path, images, allowUnlabelled: GanKinds.Of(config).Data.HasFlag(KindData.Unlabelled));
                break;
            case "tags":
                (images, dropped) = AttributeTags.Label(data.TagsFile, data.TagGroups, data.Path, images);
                break;
            default:
                return (config, images, dropped);
        }
        if (config.Model.Classes.Length > 0 && !config.Model.Classes.SequenceEqual(images.Classes))
            throw new DataException($"the run was trained on {(data.Labels == "tags" ? "tags" : "classes")} {string.Join(", ", config.Model.Classes)}; '{data.Path}' now has {string.Join(", ", images.Classes)}");
        config = config with { Model = config.Model with { Classes = [.. images.Classes], MultiLabel = data.Labels == "tags" } };
        if (images.Labels is not null && data.LabelledFraction < 1)
            images = ClassFolders.KeepLabelled(images, data.LabelledFraction, config.Train.Seed);
        return (config, images, dropped);
    }
}
