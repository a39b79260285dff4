using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace SharpGan.Bench;

/// <summary>
/// The anchor of <c>sharpgan bench</c>: pytorch/examples' dcgan/main.py step written as plain TorchSharp, with its
/// own inline networks and none of SharpGan's machinery in the timed step. Real and fake losses are back-propagated
/// separately, as there; the networks start from the example's weights_init (N(0, 0.02)) so both sides compute on
/// numbers of the same magnitude.
/// </summary>
public sealed class BareDcganLoop : IDisposable
{
    readonly nn.Module<Tensor, Tensor> netG, netD;
    readonly optim.Optimizer optimizerG, optimizerD;
    readonly int nz;

    public BareDcganLoop(int nz = 100, int ngf = 64, int ndf = 64)
    {
        this.nz = nz;
        netG = nn.Sequential(
            nn.ConvTranspose2d(nz, ngf * 8, 4, 1, 0, bias: false), nn.BatchNorm2d(ngf * 8), nn.ReLU(true),
            nn.ConvTranspose2d(ngf * 8, ngf * 4, 4, 2, 1, bias: false), nn.BatchNorm2d(ngf * 4), nn.ReLU(true),
            nn.ConvTranspose2d(ngf * 4, ngf * 2, 4, 2, 1, bias: false), nn.BatchNorm2d(ngf * 2), nn.ReLU(true),
            nn.ConvTranspose2d(ngf * 2, ngf, 4, 2, 1, bias: false), nn.BatchNorm2d(ngf), nn.ReLU(true),
            nn.ConvTranspose2d(ngf, 3, 4, 2, 1, bias: false), nn.Tanh());
        netD = nn.Sequential(
            nn.Conv2d(3, ndf, 4, 2, 1, bias: false), nn.LeakyReLU(0.2, true),
            nn.Conv2d(ndf, ndf * 2, 4, 2, 1, bias: false), nn.BatchNorm2d(ndf * 2), nn.LeakyReLU(0.2, true),
            nn.Conv2d(ndf * 2, ndf * 4, 4, 2, 1, bias: false), nn.BatchNorm2d(ndf * 4), nn.LeakyReLU(0.2, true),
            nn.Conv2d(ndf * 4, ndf * 8, 4, 2, 1, bias: false), nn.BatchNorm2d(ndf * 8), nn.LeakyReLU(0.2, true),
            nn.Conv2d(ndf * 8, 1, 4, 1, 0, bias: false), nn.Sigmoid());
        Models.DcganInit.Apply(netG);
        Models.DcganInit.Apply(netD);
        optimizerG = optim.Adam(netG.parameters(), 2e-4, 0.5, 0.999);
        optimizerD = optim.Adam(netD.parameters(), 2e-4, 0.5, 0.999);
    }

    /// <summary>One D update on real + fake, one G update; <paramref name="real"/> is B×3×64×64 in [-1, 1].</summary>
    public void Step(Tensor real)
    {
        using var scope = NewDisposeScope();
        long b = real.shape[0];
        var label = full(b, 1.0f);
        // (1) Update D: maximize log(D(x)) + log(1 - D(G(z)))
        netD.zero_grad();
        var errDReal = F.binary_cross_entropy(netD.forward(real).view(-1), label);
        errDReal.backward();
        var fake = netG.forward(randn(b, nz, 1, 1));
        label.fill_(0.0f);
        var errDFake = F.binary_cross_entropy(netD.forward(fake.detach()).view(-1), label);
        errDFake.backward();
        optimizerD.step();
        // (2) Update G: maximize log(D(G(z)))
        netG.zero_grad();
        label.fill_(1.0f);
        var errG = F.binary_cross_entropy(netD.forward(fake).view(-1), label);
        errG.backward();
        optimizerG.step();
        errDReal.add(errDFake).item<float>();
        errG.item<float>();
    }

    public void Dispose()
    {
        optimizerG.Dispose();
        optimizerD.Dispose();
        netG.Dispose();
        netD.Dispose();
    }
}
