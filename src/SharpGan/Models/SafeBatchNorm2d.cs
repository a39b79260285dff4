using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace SharpGan.Models;

/// <summary>
/// BatchNorm over channels (momentum 0.1, affine, running statistics) with the state-dict keys of nn.BatchNorm2d,
/// computed by one functional call. TorchSharp 0.107's own BatchNorm2d bumps <c>num_batches_tracked</c> with a
/// temporary <c>Scalar</c> on every training forward; a garbage collection can finalise that Scalar while libtorch
/// still reads it (seen: a crash after 5,400 steps). With a fixed momentum the counter is never read, so here it is
/// kept for the keys only and no Scalar is made.
/// </summary>
internal sealed class SafeBatchNorm2d : nn.Module<Tensor, Tensor>
{
    const double Momentum = 0.1;

    readonly Parameter weight, bias;
    readonly Tensor running_mean, running_var, num_batches_tracked;
    readonly double eps;

    public SafeBatchNorm2d(long features, double eps = 1e-5) : base("BatchNorm2d")
    {
        this.eps = eps;
        weight = new Parameter(ones(features));
        bias = new Parameter(zeros(features));
        running_mean = zeros(features);
        running_var = ones(features);
        num_batches_tracked = zeros([], ScalarType.Int64);
        RegisterComponents();
    }

    public Parameter Weight => weight;
    public Parameter Bias => bias;
    public Tensor RunningMean => running_mean;
    public Tensor RunningVar => running_var;
    public double Eps => eps;

    public override Tensor forward(Tensor input)
    {
        using var _ = Compute.StepProfile.Time("of which (in forwards): batch norm");
        return F.batch_norm(input, running_mean, running_var, weight, bias, training, Momentum, eps);
    }
}
