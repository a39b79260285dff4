namespace SharpGan.Onnx;

/// <summary>What a generator's always-on dropout inputs (<c>dropout_0</c>, …) are given.</summary>
public enum DropoutDraw
{
    /// <summary>Keep masks from the seed's stream, after the batch's noise, input by input:
    /// <c>(torch.rand(shape) ≥ p) / (1 − p)</c>. SharpGan's checkpoint sampling draws its dropout through torch's
    /// bernoulli instead, so these pictures vary as the checkpoint's do without being the same ones.</summary>
    Seeded,

    /// <summary>All ones: dropout's mean, the same picture for the same noise every time.</summary>
    Mean,
}
