using SharpGan.Config;
using SharpGan.Models;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace SharpGan.Bench;

/// <summary>
/// The anchor of <c>sharpgan bench</c>: pytorch/examples' dcgan/main.py step written as plain TorchSharp, fp32 NCHW,
/// with stock nn modules and none of SharpGan's machinery in the timed step. Real and fake losses are
/// back-propagated separately, as there; the networks have SharpGan's DCGAN layers for the image size (at 64 px
/// exactly the example's) and start from the example's weights_init (N(0, 0.02)), so both sides compute the same
/// arithmetic on numbers of the same magnitude. D's sigmoid is folded into the loss (binary cross-entropy with
/// logits, the same arithmetic): libtorch's plain convolutions can hand this loop NaN on some CPUs
/// (<see cref="Compute.SafeConvolution"/>), and the example's BCELoss would stop the bench on it, where a timing anchor
/// only needs the step's work done.
/// </summary>
internal sealed class BareDcganLoop : IDisposable
{
    readonly nn.Module<Tensor, Tensor> netG, netD;
    readonly optim.Optimizer optimizerG, optimizerD;
    readonly int nz;

    public BareDcganLoop(int imageSize = 64, int nz = 100, int ngf = 64, int ndf = 64)
    {
        Native.NnpackSwitch.EnsureOff();   // the trainer's side has it off: both sides compute with the same kernels
        this.nz = nz;
        var model = new ModelConfig { ImageSize = imageSize, Latent = $"{nz}x1x1", Ngf = ngf, Ndf = ndf };
        var g = nn.Sequential();
        var gLayers = DcganLayout.Generator(model);
        for (int i = 0; i < gLayers.Count; i++)
        {
            var l = gLayers[i];
            g.append(nn.ConvTranspose2d(l.InChannels, l.OutChannels, l.Kernel, l.Stride, l.Padding, bias: false));
            if (i < gLayers.Count - 1)
            {
                g.append(nn.BatchNorm2d(l.OutChannels));
                g.append(nn.ReLU(true));
            }
        }
        g.append(nn.Tanh());
        netG = g;
        var d = nn.Sequential();
        var dLayers = DcganLayout.Discriminator(model);
        for (int i = 0; i < dLayers.Count; i++)
        {
            var l = dLayers[i];
            d.append(nn.Conv2d(l.InChannels, l.OutChannels, l.Kernel, l.Stride, l.Padding, bias: false));
            if (i == dLayers.Count - 1) break;
            if (i > 0) d.append(nn.BatchNorm2d(l.OutChannels));
            d.append(nn.LeakyReLU(0.2, true));
        }
        netD = d;
        DcganInit.Apply(netG);
        DcganInit.Apply(netD);
        optimizerG = optim.Adam(netG.parameters(), 2e-4, 0.5, 0.999);
        optimizerD = optim.Adam(netD.parameters(), 2e-4, 0.5, 0.999);
    }

    /// <summary>One D update on real + fake, one G update; <paramref name="real"/> is B×3×S×S in [-1, 1].</summary>
    public void Step(Tensor real)
    {
        using var scope = NewDisposeScope();
        netG.train();
        long b = real.shape[0];
        var label = full(b, 1.0f);
        // (1) Update D: maximize log(D(x)) + log(1 - D(G(z)))
        netD.zero_grad();
        var errDReal = F.binary_cross_entropy_with_logits(netD.forward(real).view(-1), label);
        errDReal.backward();
        var fake = netG.forward(randn(b, nz, 1, 1));
        label.fill_(0.0f);
        var errDFake = F.binary_cross_entropy_with_logits(netD.forward(fake.detach()).view(-1), label);
        errDFake.backward();
        optimizerD.step();
        // (2) Update G: maximize log(D(G(z)))
        netG.zero_grad();
        label.fill_(1.0f);
        var errG = F.binary_cross_entropy_with_logits(netD.forward(fake).view(-1), label);
        errG.backward();
        optimizerG.step();
        errDReal.add(errDFake).item<float>();
        errG.item<float>();
    }

    /// <summary>The example's sampling: G in eval mode without autograd, <paramref name="count"/> images.</summary>
    public void Sample(int count)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        netG.eval();
        netG.forward(randn(count, nz, 1, 1))[0, 0, 0, 0].item<float>();
    }

    public void Dispose()
    {
        optimizerG.Dispose();
        optimizerD.Dispose();
        netG.Dispose();
        netD.Dispose();
    }
}
