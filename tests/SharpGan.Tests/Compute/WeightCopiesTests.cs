using SharpGan.Compute;
using SharpGan.Config;
using SharpGan.Recipes;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SharpGan.Tests.Compute;

/// <summary>Weight copies made once per phase: one per weight however often D runs, fresh after every optimiser
/// step, and a step that shares them computes what per-forward copies compute.</summary>
public class WeightCopiesTests
{
    static readonly ComputePolicy Bf16ChannelsLast = new(ChannelsLast: true, Bf16: true);
    static readonly ComputePolicy ChannelsLast = new(ChannelsLast: true, Bf16: false);

    /// <summary>The tiny run with R1 and R2, so D's phase runs D on reals, fakes and the penalties' inputs.</summary>
    static SharpGanConfig Penalised(string dir)
    {
        var config = ComputePolicyTests.Config(dir);
        return config with { Tricks = config.Tricks with { R1Gamma = 1, R2Gamma = 1 } };
    }

    static List<Parameter> Convolutions(nn.Module network) =>
        [.. network.modules().OfType<PolicyConv>().Select(conv => conv.Weight)];

    [Fact]
    public void A_phase_makes_one_copy_per_weight_and_the_next_phase_after_a_step_makes_fresh_ones()
    {
        using var dir = new TempDir();
        var (recipe, batch) = ComputePolicyTests.Recipe(Penalised(dir.Path), Bf16ChannelsLast);
        using var _ = recipe;
        using var optimizer = optim.SGD(recipe.Discriminator.parameters(), 0.5);
        var weight = Convolutions(recipe.Discriminator)[1];
        Tensor before;
        using (var share = WeightCopies.Share())
        {
            optimizer.zero_grad();
            recipe.DiscriminatorPhase(batch);
            // D ran on reals and fakes and under R1 and R2; G drew the fakes: still one copy of each weight.
            Assert.Equal(Convolutions(recipe.Generator).Count + Convolutions(recipe.Discriminator).Count, share.Made);
            before = WeightCopies.Of(weight, Bf16ChannelsLast).detach().clone();
        }
        optimizer.step();
        using (var share = WeightCopies.Share())
        {
            var after = WeightCopies.Of(weight, Bf16ChannelsLast);
            Assert.Equal(1, share.Made);
            Assert.True(after.requires_grad);
            Assert.True(after.to_type(ScalarType.Float32).sub(before.to_type(ScalarType.Float32)).abs().max().item<float>() > 0, "the copy after the step is the stepped weight's");
            using var fresh = Bf16ChannelsLast.Weight(weight);
            Assert.True(after.eq(fresh).all().item<bool>());
            Assert.Same(after, WeightCopies.Of(weight, Bf16ChannelsLast));
        }
    }

    [Fact]
    public void A_copy_made_while_a_weight_was_frozen_is_not_used_once_it_trains_again()
    {
        using var dir = new TempDir();
        var (recipe, _) = ComputePolicyTests.Recipe(Penalised(dir.Path), ChannelsLast);
        using var r = recipe;
        var weight = Convolutions(recipe.Discriminator)[0];
        using var share = WeightCopies.Share();
        weight.requires_grad = false;
        var frozen = WeightCopies.Of(weight, ChannelsLast);
        weight.requires_grad = true;
        var training = WeightCopies.Of(weight, ChannelsLast);
        Assert.False(frozen.requires_grad);
        Assert.True(training.requires_grad);
        Assert.Equal(2, share.Made);
    }

    [Fact]
    public void Without_autograd_nothing_is_kept()
    {
        using var dir = new TempDir();
        var (recipe, _) = ComputePolicyTests.Recipe(Penalised(dir.Path), ChannelsLast);
        using var r = recipe;
        using var share = WeightCopies.Share();
        using (no_grad())
            recipe.Generate(recipe.Noise(2));
        Assert.Equal(0, share.Made);
    }

    /// <summary>One D and one G step by SGD (the updates are the gradients themselves), sharing copies per phase as
    /// the trainer does, or copying per forward. One step: GAN updates amplify any rounding difference from there
    /// (two steps of this run turn 1e-7 into 4e-3 in fp32), so only a step's own outputs can be compared.</summary>
    static Tensor[] Step(ComputePolicy policy, bool share)
    {
        using var dir = new TempDir();
        var (recipe, batch) = ComputePolicyTests.Recipe(Penalised(dir.Path), policy);
        using var _ = recipe;
        using var optimizerG = optim.SGD(recipe.Generator.parameters(), 0.05);
        using var optimizerD = optim.SGD(recipe.Discriminator.parameters(), 0.05);
        manual_seed(9);
        optimizerD.zero_grad();
        using (share ? WeightCopies.Share() : null)
            recipe.DiscriminatorPhase(batch);
        optimizerD.step();
        optimizerG.zero_grad();
        using (share ? WeightCopies.Share() : null)
        using (SharpGan.Training.FrozenParameters.Of(recipe.Discriminator))
            recipe.GeneratorPhase(batch);
        optimizerG.step();
        return [.. recipe.Generator.parameters().Concat(recipe.Discriminator.parameters()).Select(p => p.detach().clone())];
    }

    static float MaxDifference(Tensor[] a, Tensor[] b) => a.Zip(b).Max(pair => pair.First.sub(pair.Second).abs().max().item<float>());

    [Fact]
    public void A_channels_last_step_sharing_copies_gives_the_weights_of_copies_per_forward()
    {
        Assert.InRange(MaxDifference(Step(ChannelsLast, share: false), Step(ChannelsLast, share: true)), 0, 1e-5);
    }

    /// <summary>Shared, a weight's gradients are summed in bf16 at its copy (as under autocast's cast cache) rather
    /// than in fp32 at the master: the step moves by less than bf16 itself moves it away from fp32.</summary>
    [Fact]
    public void A_bf16_step_sharing_copies_stays_within_bf16s_own_distance_from_fp32()
    {
        var fp32 = Step(ComputePolicy.Fp32Nchw, share: false);
        var perForward = Step(Bf16ChannelsLast, share: false);
        var shared = Step(Bf16ChannelsLast, share: true);
        float bf16Error = MaxDifference(fp32, perForward), sharingChange = MaxDifference(perForward, shared);
        Assert.True(sharingChange <= bf16Error, $"sharing moved the weights by {sharingChange}, bf16 by {bf16Error}");
        Assert.InRange(MaxDifference(fp32, shared), 0, 1.5 * bf16Error);
    }
}
