using System.Buffers.Binary;
using System.Text;
using SharpGan.Pretrained;
using static TorchSharp.torch;

namespace SharpGan.Tests.Pretrained;

public class SafeTensorsTests
{
    [Fact]
    public void Tensors_of_every_common_dtype_round_trip_with_the_standard_header()
    {
        using var dir = new TempDir();
        var tensors = new Dictionary<string, Tensor>
        {
            ["b.weight"] = arange(24, dtype: ScalarType.Float32).reshape(2, 3, 4).div(7),
            ["a.half"] = tensor(new float[] { 1.5f, -2.25f }).to_type(ScalarType.Float16),
            ["a.bf16"] = tensor(new float[] { 3.0f, 0.5f }).to_type(ScalarType.BFloat16),
            ["count"] = tensor(new long[] { 42 }),
            ["transposed"] = arange(6, dtype: ScalarType.Float64).reshape(2, 3).t(),   // not contiguous: written row-major
        };
        SafeTensors.Write(dir["w.safetensors"], tensors, new Dictionary<string, string> { ["format"] = "pt" });

        var read = SafeTensors.Read(dir["w.safetensors"]);
        Assert.Equal(tensors.Keys.Order(), read.Keys.Order());
        foreach (var (name, t) in tensors)
        {
            Assert.Equal(t.dtype, read[name].dtype);
            Assert.Equal(t.shape, read[name].shape);
            Assert.True(t.to_type(ScalarType.Float64).equal(read[name].to_type(ScalarType.Float64)).all().item<bool>(), name);
        }
        var bytes = File.ReadAllBytes(dir["w.safetensors"]);
        var header = Encoding.UTF8.GetString(bytes, 8, (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes));
        Assert.StartsWith("{\"__metadata__\":{\"format\":\"pt\"},\"a.bf16\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[0,4]}", header);
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3 }, "not a safetensors file")]
    [InlineData(new byte[] { 255, 0, 0, 0, 0, 0, 0, 0, (byte)'{' }, "exceeds the file")]
    [InlineData(new byte[] { 2, 0, 0, 0, 0, 0, 0, 0, (byte)'[', (byte)'x' }, "not a JSON object")]
    public void A_broken_file_is_refused_with_its_name_and_the_problem(byte[] content, string problem)
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir["bad.safetensors"], content);
        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Read(dir["bad.safetensors"]));
        Assert.Contains("bad.safetensors", e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void A_tensor_whose_offsets_do_not_match_its_shape_is_named()
    {
        using var dir = new TempDir();
        SafeTensors.Write(dir["w.safetensors"], new Dictionary<string, Tensor> { ["w"] = zeros(4) });
        var bytes = File.ReadAllBytes(dir["w.safetensors"]);
        var text = Encoding.UTF8.GetString(bytes).Replace("\"shape\":[4]", "\"shape\":[5]");
        File.WriteAllBytes(dir["w.safetensors"], Encoding.UTF8.GetBytes(text));
        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Read(dir["w.safetensors"]));
        Assert.Contains("tensor 'w'", e.Message);
    }

    [Fact]
    public void Metadata_is_read_back_from_the_header_alone()
    {
        using var dir = new TempDir();
        SafeTensors.Write(dir["m.safetensors"], new Dictionary<string, Tensor> { ["w"] = zeros(3) },
            new Dictionary<string, string> { ["format"] = "x", ["config"] = "{\"a\":1}" });
        Assert.Equal(new Dictionary<string, string> { ["format"] = "x", ["config"] = "{\"a\":1}" }, SafeTensors.ReadMetadata(dir["m.safetensors"]));
        SafeTensors.Write(dir["bare.safetensors"], new Dictionary<string, Tensor> { ["w"] = zeros(3) });
        Assert.Empty(SafeTensors.ReadMetadata(dir["bare.safetensors"]));
    }
}
