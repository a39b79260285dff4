using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using static TorchSharp.torch;
using SharpGan.Files;

namespace SharpGan.Reporting;

/// <summary>
/// A matrix as NumPy's .npy, format version 1.0, float32 little-endian, so <c>numpy.load</c> (and tools built on it,
/// torch-fidelity, clean-fid) read SharpGan's features without SharpGan. Written here rather than through a package:
/// the format is a magic string, a Python-literal header and the raw values.
/// </summary>
internal static class NpyFile
{
    /// <summary>The header is padded so the data starts on a 64-byte boundary, as NumPy writes it (the spec asks 16).</summary>
    const int Alignment = 64;

    /// <summary>Writes <paramref name="matrix"/> (N × D, any float type) as N × D float32.</summary>
    public static void WriteFloat32(string path, Tensor matrix) => AtomicFile.Write(path, Float32(matrix));

    public static byte[] Float32(Tensor matrix)
    {
        if (matrix.dim() != 2) throw new ArgumentException($"an .npy of features is N × D; got {matrix.dim()} dimensions");
        long rows = matrix.shape[0], columns = matrix.shape[1];
        using var values = matrix.to_type(ScalarType.Float32).contiguous();
        var header = Header(rows, columns);
        var bytes = new byte[header.Length + rows * columns * sizeof(float)];
        header.CopyTo(bytes, 0);
        var data = bytes.AsSpan(header.Length);
        int i = 0;
        foreach (var v in values.data<float>())
            BinaryPrimitives.WriteSingleLittleEndian(data[(i++ * sizeof(float))..], v);
        return bytes;
    }

    /// <summary>Magic, version 1.0, the header's length (uint16 LE), then the dict padded with spaces and ended by '\n'.</summary>
    static byte[] Header(long rows, long columns)
    {
        var dict = string.Create(CultureInfo.InvariantCulture, $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({rows}, {columns}), }}");
        const int prefix = 6 + 2 + 2;
        int length = (prefix + dict.Length + 1 + Alignment - 1) / Alignment * Alignment - prefix;
        var header = new byte[prefix + length];
        header[0] = 0x93;
        "NUMPY"u8.CopyTo(header.AsSpan(1));
        header[6] = 1;
        header[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), (ushort)length);
        var text = Encoding.ASCII.GetBytes(dict.PadRight(length - 1) + "\n");
        text.CopyTo(header, prefix);
        return header;
    }
}
