using System.Runtime.InteropServices;
using TorchSharp;

namespace SharpGan.Native;

/// <summary>
/// Holds back libtorch's warnings for a moment. libtorch prints them (<c>TORCH_WARN</c>) on stderr through c10's
/// logger, which drops any message under the level in its global <c>FLAGS_caffe2_log_level</c>; TorchSharp sets no
/// level and reads no setting for it (libtorch's <c>TORCH_CPP_LOG_LEVEL</c> is read only by PyTorch's start-up).
/// SharpGan needs this where TorchSharp itself triggers a warning meant for libtorch's C++ users: its L-BFGS
/// constructor asks for <c>Optimizer::parameters()</c>, which prints "will be removed in PyTorch 1.6" on every run
/// of <c>sharpgan style</c>. Errors still print; where the flag is not exported (Windows' libtorch) nothing changes.
/// </summary>
internal static class NativeWarnings
{
    const string Library = "libc10.so";
    const string LevelSymbol = "FLAGS_caffe2_log_level";
    const int Error = 2;   // c10's GLOG_ERROR: warnings (1) and info (0) are dropped

    static readonly object Gate = new();

    /// <summary>Runs <paramref name="make"/> with libtorch's warnings held back, then restores the level it found.</summary>
    public static T Muted<T>(Func<T> make)
    {
        if (!TryLevel(out var level))
            return make();
        lock (Gate)
        {
            int before = Marshal.ReadInt32(level);
            Marshal.WriteInt32(level, Math.Max(before, Error));
            try { return make(); }
            finally { Marshal.WriteInt32(level, before); }
        }
    }

    /// <summary>The address of c10's level, in the copy of libc10 TorchSharp loaded.</summary>
    static bool TryLevel(out IntPtr level)
    {
        level = IntPtr.Zero;
        _ = torch.get_num_threads();   // TorchSharp's static constructor loads libtorch
        return OperatingSystem.IsLinux() && NativeLibrary.TryLoad(Library, out var handle) && NativeLibrary.TryGetExport(handle, LevelSymbol, out level);
    }
}
