namespace SharpGan.Training;

/// <summary>Reported after every step, for progress bars.</summary>
public readonly record struct TrainProgress(int Epoch, int Epochs, int StepInEpoch, int StepsPerEpoch, long Step, long TotalSteps, double LossD, double LossG, double ImagesPerSecond);
