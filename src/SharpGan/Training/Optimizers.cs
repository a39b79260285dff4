using SharpGan.Compute;
using SharpGan.Config;
using TorchSharp;
using TorchSharp.Modules;

namespace SharpGan.Training;

/// <summary>The optimisers of <c>train.optimizer</c>, and how the trainer steps and clears them.</summary>
internal static class Optimizers
{
    public static OptimizerHelper Make(torch.nn.Module module, double lr, TrainConfig t) => t.Optimizer switch
    {
        "rmsprop" => torch.optim.RMSProp(module.parameters(), lr),
        _ => torch.optim.Adam(module.parameters(), lr, t.Beta1, t.Beta2),
    };

    /// <summary>One step: Adam's in one pass over each parameter where its parameters allow (<see cref="OnePassAdam"/>),
    /// the optimiser's own otherwise.</summary>
    public static void Step(OptimizerHelper optimizer)
    {
        if (optimizer is Adam adam && OnePassAdam.Fits(adam)) OnePassAdam.Step(adam);
        else optimizer.step();
    }

    /// <summary>
    /// Drops the gradients instead of zeroing them (PyTorch's <c>zero_grad(set_to_none=True)</c>, its default since
    /// 2.0; TorchSharp's <c>zero_grad</c> zeroes): the next backward then hands its gradient over instead of adding it
    /// to zeros, a write and a read-add of every parameter saved. A parameter the next phase leaves without a gradient
    /// is then not stepped at all, rather than moved by its momentum alone.
    /// </summary>
    public static void ClearGradients(OptimizerHelper optimizer)
    {
        foreach (var parameter in optimizer.parameters())
            parameter.grad = null;
    }
}
