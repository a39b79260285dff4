namespace SharpGan.Training;

/// <summary>Reports each step synchronously on the training thread (Progress&lt;T&gt; would post to the thread pool,
/// out of order and after the step it describes).</summary>
public sealed class ProgressCallback(Action<TrainProgress> onStep) : IProgress<TrainProgress>
{
    public void Report(TrainProgress value) => onStep(value);
}
