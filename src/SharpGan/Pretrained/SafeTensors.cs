using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace SharpGan.Pretrained;

/// <summary>
/// The safetensors format (Hugging Face): an 8-byte little-endian header length N, N bytes of JSON mapping each
/// tensor's name to its dtype, shape and [begin, end) byte offsets in the data that follows (little-endian, row
/// major), and an optional "__metadata__" map of strings. Weights arrive in it from outside; SharpGan never downloads.
/// </summary>
public static class SafeTensors
{
    static readonly Dictionary<string, ScalarType> Types = new()
    {
        ["F64"] = ScalarType.Float64, ["F32"] = ScalarType.Float32, ["F16"] = ScalarType.Float16, ["BF16"] = ScalarType.BFloat16,
        ["I64"] = ScalarType.Int64, ["I32"] = ScalarType.Int32, ["I16"] = ScalarType.Int16, ["I8"] = ScalarType.Int8,
        ["U8"] = ScalarType.Byte, ["BOOL"] = ScalarType.Bool,
    };

    /// <summary>Every tensor of the file, by name (CPU, the file's dtypes).</summary>
    /// <exception cref="InvalidDataException">The file is not safetensors, or its header contradicts its size; the message names the file.</exception>
    public static Dictionary<string, Tensor> Read(string path)
    {
        using var file = OpenExisting(path);
        var header = Header(path, file);
        var data = new byte[file.Length - file.Position];
        file.ReadExactly(data);
        var tensors = new Dictionary<string, Tensor>();
        foreach (var (name, node) in header)
        {
            if (name == "__metadata__") continue;
            var entry = node!.AsObject();
            var dtypeName = (string)entry["dtype"]!;
            if (!Types.TryGetValue(dtypeName, out var dtype))
                throw new InvalidDataException($"'{path}': tensor '{name}' has dtype {dtypeName}, which SharpGan does not read");
            var shape = entry["shape"]!.AsArray().Select(d => (long)d!).ToArray();
            var offsets = entry["data_offsets"]!.AsArray().Select(d => (long)d!).ToArray();
            long expected = shape.Aggregate(1L, (a, b) => a * b) * ElementSize(dtype);
            if (offsets[1] - offsets[0] != expected || offsets[1] > data.Length)
                throw new InvalidDataException($"'{path}': tensor '{name}' ({dtypeName} [{string.Join(", ", shape)}]) has offsets {offsets[0]}..{offsets[1]} that do not fit");
            var t = empty(shape, dtype);
            t.bytes = data.AsSpan((int)offsets[0], (int)expected);
            tensors[name] = t;
        }
        return tensors;
    }

    /// <summary>The file's "__metadata__" strings (empty when it has none), read from the header alone.</summary>
    /// <exception cref="InvalidDataException">The file is not safetensors, or its metadata is not a map of strings; the message names the file.</exception>
    public static IReadOnlyDictionary<string, string> ReadMetadata(string path)
    {
        using var file = OpenExisting(path);
        if (Header(path, file)["__metadata__"] is not JsonObject metadata) return new Dictionary<string, string>();
        try { return metadata.ToDictionary(m => m.Key, m => m.Value!.GetValue<string>()); }
        catch (Exception e) when (e is InvalidOperationException or FormatException or NullReferenceException)
        {
            throw new InvalidDataException($"'{path}': its __metadata__ is not a map of strings");
        }
    }

    static FileStream OpenExisting(string path) =>
        !File.Exists(path) ? throw new FileNotFoundException($"weights file '{path}' does not exist", path)
        : Native.FileKind.Problem(path) is { } notAFile ? throw new InvalidDataException($"weights file '{path}': {notAFile}")   // a FIFO would block the read
        : File.OpenRead(path);

    /// <summary>Reads the length and the JSON header, leaving <paramref name="file"/> at the first data byte.</summary>
    static JsonObject Header(string path, FileStream file)
    {
        if (file.Length < 8) throw new InvalidDataException($"'{path}' is not a safetensors file: {file.Length} bytes");
        Span<byte> length = stackalloc byte[8];
        file.ReadExactly(length);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(length);
        if (headerLength > (ulong)file.Length - 8) throw new InvalidDataException($"'{path}' is not a safetensors file: header length {headerLength} exceeds the file");
        var json = new byte[headerLength];
        file.ReadExactly(json);
        try { return JsonNode.Parse(Encoding.UTF8.GetString(json))!.AsObject(); }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException)
        {
            throw new InvalidDataException($"'{path}' is not a safetensors file: its header is not a JSON object");
        }
    }

    /// <summary>Writes <paramref name="tensors"/> (sorted by name, as the reference writer does) atomically.</summary>
    public static void Write(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var header = new JsonObject();
        if (metadata is not null)
            header["__metadata__"] = new JsonObject(metadata.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)JsonValue.Create(m.Value))));
        var blobs = new List<byte[]>();
        long offset = 0;
        foreach (var (name, tensor) in tensors.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            using var contiguous = tensor.detach().cpu().contiguous();
            var blob = contiguous.bytes.ToArray();
            header[name] = new JsonObject
            {
                ["dtype"] = Types.First(t => t.Value == tensor.dtype).Key,
                ["shape"] = new JsonArray(tensor.shape.Select(d => (JsonNode?)JsonValue.Create(d)).ToArray()),
                ["data_offsets"] = new JsonArray(JsonValue.Create(offset), JsonValue.Create(offset + blob.Length)),
            };
            blobs.Add(blob);
            offset += blob.Length;
        }
        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        var temp = path + ".tmp";
        using (var file = File.Create(temp))
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)json.Length);
            file.Write(length);
            file.Write(json);
            foreach (var blob in blobs) file.Write(blob);
        }
        File.Move(temp, path, overwrite: true);
    }

    static long ElementSize(ScalarType dtype) => dtype switch
    {
        ScalarType.Float64 or ScalarType.Int64 => 8,
        ScalarType.Float32 or ScalarType.Int32 => 4,
        ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Int16 => 2,
        _ => 1,
    };
}
