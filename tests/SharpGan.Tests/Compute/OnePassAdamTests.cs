using SharpGan.Compute;
using SharpGan.Recipes;
using SharpGan.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SharpGan.Tests.Compute;

/// <summary>Adam in one pass computes TorchSharp's Adam: weights, both moments and the step count, on parameters
/// small enough for one thread's tail and large enough to be split between threads; and cleared gradients are the
/// gradients zeroed ones would have been.</summary>
public class OnePassAdamTests
{
    /// <summary>Shapes: a BatchNorm's 7 (all tail), a convolution's, one over the parallel threshold with a ragged end.</summary>
    static readonly long[][] Shapes = [[7], [64, 3, 4, 4], [200_003]];

    static List<Parameter> Parameters(long seed)
    {
        var random = new Generator((ulong)seed);
        return [.. Shapes.Select(s => new Parameter(randn(s, generator: random) * 0.02))];
    }

    static void SetGradients(IReadOnlyList<Parameter> parameters, int step)
    {
        var random = new Generator((ulong)(1000 + step));
        foreach (var p in parameters)
            p.grad = randn(p.shape, generator: random) * (step + 1);
    }

    static (List<Parameter> Stock, List<Parameter> OnePass) Run(int steps, Func<List<Parameter>, Adam> make,
        Action<Adam, Adam>? check = null)
    {
        var stock = Parameters(7);
        var onePass = Parameters(7);
        using var stockAdam = make(stock);
        using var onePassAdam = make(onePass);
        Assert.True(OnePassAdam.Fits(onePassAdam));
        for (int step = 0; step < steps; step++)
        {
            SetGradients(stock, step);
            SetGradients(onePass, step);
            stockAdam.step();
            OnePassAdam.Step(onePassAdam);
        }
        check?.Invoke(stockAdam, onePassAdam);
        return (stock, onePass);
    }

    static void AssertClose(Tensor expected, Tensor actual, double tolerance)
    {
        double scale = expected.abs().max().item<float>();
        double difference = (expected - actual).abs().max().item<float>();
        Assert.True(difference <= tolerance * scale, $"max |Δ| {difference:E3} over scale {scale:E3}");
    }

    [Fact]
    public void Five_steps_with_the_trainers_settings_give_torchsharps_weights_and_moments()
    {
        var (stock, onePass) = Run(5, ps => optim.Adam(ps, 2e-4, 0.5, 0.999), (a, b) =>
        {
            var (sa, sb) = (a.state_dict().State, b.state_dict().State);
            for (int i = 0; i < sa.Count; i++)
            {
                var (x, y) = ((Adam.State)sa[i], (Adam.State)sb[i]);
                Assert.Equal(5, y.step);
                Assert.Equal(x.step, y.step);
                AssertClose(x.exp_avg, y.exp_avg, 1e-6);
                AssertClose(x.exp_avg_sq, y.exp_avg_sq, 1e-6);
            }
        });
        for (int i = 0; i < stock.Count; i++)
        {
            // The weights moved (by about 5 × 2e-4) and moved alike: to fp32's rounding of the step.
            Assert.True((onePass[i] - Parameters(7)[i]).abs().max().item<float>() > 5e-4);
            AssertClose(stock[i] - Parameters(7)[i], onePass[i] - Parameters(7)[i], 1e-5);
        }
    }

    [Fact]
    public void Weight_decay_and_maximize_follow_torchsharps_adam()
    {
        var (stock, onePass) = Run(3, ps => optim.Adam(ps, 1e-2, 0.9, 0.99, weight_decay: 0.1, maximize: true));
        for (int i = 0; i < stock.Count; i++)
            AssertClose(stock[i] - Parameters(7)[i], onePass[i] - Parameters(7)[i], 1e-5);
    }

    [Fact]
    public void A_parameter_without_a_gradient_stays_put_and_its_step_does_not_count()
    {
        var parameters = Parameters(3);
        using var adam = optim.Adam(parameters, 1e-2);
        SetGradients(parameters, 0);
        parameters[1].grad = null;
        var before = parameters[1].detach().clone();
        OnePassAdam.Step(adam);
        Assert.True(parameters[1].eq(before).all().item<bool>());
        Assert.Equal([1L, 0L, 1L], adam.state_dict().State.Select(s => ((Adam.State)s).step));
    }

    [Fact]
    public void Amsgrad_is_left_to_torchsharp()
    {
        using var adam = optim.Adam(Parameters(3), amsgrad: true);
        Assert.False(OnePassAdam.Fits(adam));
    }

    [Fact]
    public void Its_state_saves_and_resumes_as_torchsharps_adam()
    {
        var parameters = Parameters(5);
        using var adam = optim.Adam(parameters, 2e-4, 0.5, 0.999);
        SetGradients(parameters, 0);
        OnePassAdam.Step(adam);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            adam.save_state_dict(writer);
        stream.Position = 0;
        var copy = parameters.Select(p => new Parameter(p.detach().clone())).ToList();
        using var resumed = optim.Adam(copy, 2e-4, 0.5, 0.999);
        resumed.load_state_dict(new BinaryReader(stream));
        // The next step from the saved state: one pass on the original, TorchSharp's on the resumed copy.
        SetGradients(parameters, 1);
        SetGradients(copy, 1);
        OnePassAdam.Step(adam);
        resumed.step();
        for (int i = 0; i < parameters.Count; i++)
            AssertClose(parameters[i] - Parameters(5)[i], copy[i] - Parameters(5)[i], 1e-5);
    }

    [Fact]
    public void Cleared_gradients_come_back_from_backward_as_zeroed_ones_do_bit_for_bit()
    {
        using var dir = new TempDir();
        var (recipe, batch) = ComputePolicyTests.Recipe(ComputePolicyTests.Config(dir.Path), ComputePolicy.Fp32Nchw);
        using var _ = recipe;
        using var optimizer = optim.Adam(recipe.Discriminator.parameters());
        List<Tensor> Gradients()
        {
            manual_seed(3);
            recipe.DiscriminatorPhase(batch);
            return [.. recipe.Discriminator.parameters().Select(p => p.grad!.clone())];
        }
        Gradients();
        optimizer.zero_grad();
        var zeroed = Gradients();
        Optimizers.ClearGradients(optimizer);
        Assert.All(recipe.Discriminator.parameters(), p => Assert.Null(p.grad));
        var cleared = Gradients();
        Assert.Equal(zeroed.Count, cleared.Count);
        for (int i = 0; i < zeroed.Count; i++)
            Assert.True(zeroed[i].eq(cleared[i]).all().item<bool>(), $"gradient {i}");
    }
}
