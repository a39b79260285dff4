using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SkiaSharp;

namespace SharpGan.Tests.Studio;

/// <summary>Calls to a studio and what comes back, decoded.</summary>
static class StudioApi
{
    public sealed record Answer(int Status, JsonElement Json, HttpResponseHeaders Headers, HttpContentHeaders ContentHeaders, byte[] Bytes)
    {
        public string Error => Json.GetProperty("error").GetString()!;
        public IEnumerable<string> Images => Json.GetProperty("images").EnumerateArray().Select(e => e.GetString()!);
    }

    public static Task<Answer> Post(HttpClient client, string path, string json) =>
        Send(client, new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    public static Task<Answer> Upload(HttpClient client, string path, byte[] bytes, string type = "image/png")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return Send(client, new HttpRequestMessage(HttpMethod.Post, path) { Content = content });
    }

    public static Task<Answer> Get(HttpClient client, string path) => Send(client, new HttpRequestMessage(HttpMethod.Get, path));

    public static async Task<Answer> Send(HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var json = response.Content.Headers.ContentType?.MediaType == "application/json"
            ? JsonDocument.Parse(bytes).RootElement.Clone()
            : default;
        return new Answer((int)response.StatusCode, json, response.Headers, response.Content.Headers, bytes);
    }

    /// <summary>A data: URL's PNG as RGBA bytes and its size.</summary>
    public static (int Width, int Height, byte[] Rgba) Decode(string dataUrl)
    {
        const string prefix = "data:image/png;base64,";
        Assert.StartsWith(prefix, dataUrl);
        return DecodePng(Convert.FromBase64String(dataUrl[prefix.Length..]));
    }

    public static (int Width, int Height, byte[] Rgba) DecodePng(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        using var rgba = bitmap.Copy(SKColorType.Rgba8888);
        return (rgba.Width, rgba.Height, rgba.GetPixelSpan().ToArray());
    }

    public static (int Width, int Height) Size(string dataUrl)
    {
        var (width, height, _) = Decode(dataUrl);
        return (width, height);
    }

    public static (int Width, int Height) SizeOfPng(byte[] png)
    {
        var (width, height, _) = DecodePng(png);
        return (width, height);
    }

    /// <summary>Mean absolute difference per channel of two pictures of one size (0…255).</summary>
    public static double Distance(byte[] a, byte[] b)
    {
        Assert.Equal(a.Length, b.Length);
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += Math.Abs(a[i] - b[i]);
        return sum / a.Length;
    }

    /// <summary>A PNG of <paramref name="width"/>×<paramref name="height"/>: white where <paramref name="white"/> says, black elsewhere.</summary>
    public static byte[] Png(int width, int height, Func<int, int, bool> white)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                bitmap.SetPixel(x, y, white(x, y) ? SKColors.White : SKColors.Black);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
