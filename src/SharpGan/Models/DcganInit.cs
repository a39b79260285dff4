using TorchSharp;
using static TorchSharp.torch;

namespace SharpGan.Models;

/// <summary>DCGAN's initialisation: convolution and dense weights ~ N(0, 0.02) (dense biases 0), BatchNorm scale ~ N(1, 0.02) and shift 0.</summary>
internal static class DcganInit
{
    public static void Apply(nn.Module module)
    {
        using var _ = no_grad();
        foreach (var (_, m) in module.named_modules())
        {
            switch (m)
            {
                case Compute.PolicyConv conv:
                    nn.init.normal_(conv.Weight, 0.0, 0.02);
                    break;
                case Compute.PolicyLinear dense:
                    nn.init.normal_(dense.Weight, 0.0, 0.02);
                    nn.init.zeros_(dense.Bias);
                    break;
                case TorchSharp.Modules.Conv2d or TorchSharp.Modules.ConvTranspose2d or TorchSharp.Modules.Linear:
                    var weight = m.named_parameters().First(p => p.name == "weight").parameter;
                    nn.init.normal_(weight, 0.0, 0.02);
                    break;
                case SafeBatchNorm2d bn:
                    nn.init.normal_(bn.Weight, 1.0, 0.02);
                    nn.init.zeros_(bn.Bias);
                    break;
                case TorchSharp.Modules.BatchNorm2d bn:
                    nn.init.normal_(bn.weight!, 1.0, 0.02);
                    nn.init.zeros_(bn.bias!);
                    break;
            }
        }
    }
}
