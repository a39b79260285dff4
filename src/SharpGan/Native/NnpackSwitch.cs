using System.Runtime.InteropServices;
using TorchSharp;

namespace SharpGan.Native;

/// <summary>
/// Turns libtorch's NNPACK convolutions off for the process. libtorch picks among three CPU convolution families
/// (oneDNN, NNPACK and its own), and NNPACK's availability depends on the CPU: on one its cpuinfo does not know
/// (AMD EPYC Zen 5) it refuses, and libtorch 2.10 logs "Could not initialize NNPACK! Reason: Unsupported hardware"
/// on stderr for every convolution that asks — hundreds of lines a run of the residual recipe. Off, every CPU
/// computes a convolution with the kernels <see cref="Compute.SafeConvolution"/> was checked against, and nothing is
/// printed. TorchSharp has no switch for it (PyTorch's <c>torch.backends.nnpack.set_flags</c>), so this calls
/// libtorch's own <c>at::globalContext().setUserEnabledNNPACK(false)</c> by its exported (Itanium C++) name; where the
/// names are not exported (Windows' libtorch) nothing changes.
/// </summary>
internal static class NnpackSwitch
{
    const string Library = "libtorch_cpu.so";
    const string GlobalContextSymbol = "_ZN2at13globalContextEv";
    const string SetEnabledSymbol = "_ZN2at7Context20setUserEnabledNNPACKEb";
    const string EnabledSymbol = "_ZNK2at7Context17userEnabledNNPACKEv";

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    delegate IntPtr GlobalContext();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    delegate void SetEnabled(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    [return: MarshalAs(UnmanagedType.U1)]
    delegate bool Enabled(IntPtr context);

    static readonly Lazy<bool> Done = new(TurnOffOnce);

    /// <summary>Turns NNPACK off once per process (loading libtorch first if nothing has); false where it could not.</summary>
    public static bool EnsureOff() => Done.Value;

    /// <summary>Whether libtorch would consider NNPACK for a convolution now; null where the switch is not reachable.</summary>
    public static bool? IsEnabled()
    {
        if (!TryBind(out var context, out var handle) || !NativeLibrary.TryGetExport(handle, EnabledSymbol, out var enabled))
            return null;
        return Marshal.GetDelegateForFunctionPointer<Enabled>(enabled)(context);
    }

    static bool TurnOffOnce()
    {
        if (!TryBind(out var context, out var handle) || !NativeLibrary.TryGetExport(handle, SetEnabledSymbol, out var set))
            return false;
        Marshal.GetDelegateForFunctionPointer<SetEnabled>(set)(context, false);
        return true;
    }

    /// <summary>libtorch's global context, from the copy of libtorch_cpu TorchSharp loaded (the loader hands back an
    /// already loaded library by its name).</summary>
    static bool TryBind(out IntPtr context, out IntPtr handle)
    {
        context = IntPtr.Zero;
        _ = torch.get_num_threads();   // TorchSharp's static constructor loads libtorch
        if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad(Library, out handle)
            || !NativeLibrary.TryGetExport(handle, GlobalContextSymbol, out var global))
        {
            handle = IntPtr.Zero;
            return false;
        }
        context = Marshal.GetDelegateForFunctionPointer<GlobalContext>(global)();
        return context != IntPtr.Zero;
    }
}
