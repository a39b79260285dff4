using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SharpGan.Onnx;
using Spectre.Console;

namespace SharpGan.Cli.Studio;

/// <summary>
/// The studio's web server: Kestrel on one address, the page's embedded files and a bounded JSON API over the run's
/// exported generator. Every answer passes three gates first: the Host header must name this server (DNS rebinding),
/// bodies are read within their limits, and every failure becomes one line of JSON with a 4xx status (a 500 only for
/// a studio bug, still without its trace). No CORS header is ever sent, so other sites' scripts cannot read answers.
/// </summary>
sealed class StudioServer : IAsyncDisposable
{
    public const int MaxGrid = 256, MaxVariations = 64, MaxFrames = 64, MaxTags = 64;

    // Quotes as they are: answers are JSON with nosniff, never pasted into HTML, and people read the messages.
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    const string ClockItem = "studio.clock";

    readonly WebApplication app;
    readonly StudioRun run;
    HostGuard? guard;

    public Uri Address { get; private set; } = null!;

    StudioServer(WebApplication app, StudioRun run)
    {
        this.app = app;
        this.run = run;
    }

    OnnxGenerator Generator => run.Generator;

    public static async Task<StudioServer> Start(StudioRun run, IPAddress host, int port)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // A backstop above the studio's own limits (RequestBody), which answer with the limit in words.
            kestrel.Limits.MaxRequestBodySize = RequestBody.UploadLimit + 1;
            kestrel.Listen(host, port);
        });
        var app = builder.Build();
        var server = new StudioServer(app, run);
        server.Map();
        await app.StartAsync();
        var bound = new Uri(app.Urls.First());
        // Listening everywhere includes the loopback, which is the address to print; any other is printed as bound.
        bool everywhere = host.Equals(IPAddress.Any) || host.Equals(IPAddress.IPv6Any);
        server.Address = new Uri($"http://{(everywhere ? "127.0.0.1" : bound.Host)}:{bound.Port}/");
        server.guard = new HostGuard(host, bound.Port);
        return server;
    }

    void Map()
    {
        app.Use(Guarded);
        foreach (var path in PageFiles.Paths)
            Get(path, (HttpContext context) => Page(context, path));
        Get("/api/info", Info);
        Post("/api/grid", Grid);
        Post("/api/grid.png", GridPng);
        Post("/api/variations", Variations);
        Post("/api/interpolate", Interpolate);
        Post("/api/strip.gif", StripGifFile);
        Post("/api/mask", Mask);
        Post("/api/translate", Translate);
        app.MapGet(SamplesPrefix + "{name}", (HttpContext context, string name) => Sample(context, name));
        // "{*path}", not MapFallback's default "{*path:nonfile}", which leaves names with a dot to a bodiless 404. A
        // path asked for with another method also lands here, since the fallback takes any method: it gets its 405.
        app.MapFallback("{*path}", NotHere);
    }

    const string SamplesPrefix = "/api/samples/";

    /// <summary>The one method each fixed path answers to, for the 405 of another.</summary>
    readonly Dictionary<string, string> methodOf = new(StringComparer.Ordinal);

    void Get(string path, Delegate handler)
    {
        app.MapGet(path, handler);
        methodOf[path] = HttpMethods.Get;
    }

    void Post(string path, Delegate handler)
    {
        app.MapPost(path, handler);
        methodOf[path] = HttpMethods.Post;
    }

    Task NotHere(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var method = methodOf.GetValueOrDefault(path)
            ?? (path.StartsWith(SamplesPrefix, StringComparison.Ordinal) && path.IndexOf('/', SamplesPrefix.Length) < 0 ? HttpMethods.Get : null);
        if (method is null || HttpMethods.Equals(method, context.Request.Method))
            return Fail(context, StatusCodes.Status404NotFound, "no such page or endpoint");
        return Fail(context, StatusCodes.Status405MethodNotAllowed, $"{Clip(context.Request.Method)} is not answered here: {path} takes {method}", allow: method);
    }

    /// <summary>Host check, safety headers and the one place failures become answers.</summary>
    async Task Guarded(HttpContext context, RequestDelegate next)
    {
        var headers = context.Response.Headers;
        headers["X-Content-Type-Options"] = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cache-Control"] = "no-store";
        // The page needs its own scripts and data:/blob: pictures only; nothing from elsewhere.
        headers["Content-Security-Policy"] = "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; frame-ancestors 'none'";
        context.Items[ClockItem] = Stopwatch.StartNew();
        if (guard is null || !guard.Allows(context.Request.Host.Value))
        {
            await Fail(context, StatusCodes.Status400BadRequest, $"Host '{Clip(context.Request.Host.Value ?? "")}' is not this studio's address ({Address?.Authority ?? "starting"}): refused");
            return;
        }
        try
        {
            await next(context);
        }
        catch (Exception e)
        {
            var (status, message, unexpected) = StudioError.Map(e);
            if (unexpected) AnsiConsole.MarkupLineInterpolated($"[red]studio: {context.Request.Method} {context.Request.Path}: {e}[/]");
            if (context.Response.HasStarted) context.Abort();
            else await Fail(context, status, message);
        }
    }

    static Task Fail(HttpContext context, int status, string message, string? allow = null)
    {
        context.Response.Clear();
        context.Response.StatusCode = status;
        if (allow is not null) context.Response.Headers.Allow = allow;
        context.Response.Headers["X-Content-Type-Options"] = "nosniff";
        context.Response.Headers["Cache-Control"] = "no-store";
        return context.Response.WriteAsJsonAsync(new { error = message }, Json);
    }

    static async Task Page(HttpContext context, string path)
    {
        var (bytes, type) = PageFiles.Get(path);
        context.Response.ContentType = type;
        await context.Response.Body.WriteAsync(bytes);
    }

    Task Info(HttpContext context)
    {
        var g = Generator;
        var m = g.Manifest;
        return Answer(context, new
        {
            run = Path.GetFileName(run.Folder),
            kind = g.Kind,
            architecture = m.Architecture,
            imageSize = g.ImageSize,
            drawsFromNoise = g.DrawsFromNoise,
            classes = g.MultiLabel ? [] : g.Classes,
            tags = g.MultiLabel ? g.Classes : [],
            tagGroups = (m.TagGroups ?? []).Select(t => new { name = t.Name, tags = t.Tags }),
            maskSize = g.TakesMasks ? g.ImageSize : (int?)null,
            translatesPictures = g.TranslatesPictures,
            segmenter = run.Segmenter?.Source,
            exportEpoch = m.Epoch,
            ema = m.Ema,
            variation = Latents.VariationMethod,
            interpolation = "slerp between the two seeds' noise vectors, both ends included",
            limits = new { grid = MaxGrid, variations = MaxVariations, frames = MaxFrames, jsonBytes = RequestBody.JsonLimit, uploadBytes = RequestBody.UploadLimit, uploadSide = UploadedPicture.MaxSide },
            panel = run.Panel.Read(),
        });
    }

    async Task Grid(HttpContext context)
    {
        var (seeds, condition, images, ms) = await GridImages(context);
        await Answer(context, new { seeds = Texts(seeds), @class = condition.ClassName, tags = condition.Tags, images = DataUrls(images), ms }, ms);
    }

    async Task GridPng(HttpContext context)
    {
        var (_, _, images, ms) = await GridImages(context);
        await Bytes(context, PngPicture.Encode(PictureBytes.ToGrid(images, PictureBytes.GridColumns(images.Count))), "image/png", ms);
    }

    async Task<(IReadOnlyList<long> Seeds, Conditioning Condition, GeneratedImages Images, double Ms)> GridImages(HttpContext context)
    {
        var body = await JsonBody(context, "seeds", "start", "count", "class", "tags");
        var seeds = body.Seeds("seeds", MaxGrid);
        if (seeds is not null && (body.Has("start") || body.Has("count")))
            throw StudioError.Bad("give seeds, or start and count, not both");
        if (seeds is null)
        {
            long start = body.Seed("start", 0);
            int count = body.Int("count", 1, MaxGrid, 16);
            if (start > long.MaxValue - (count - 1)) throw StudioError.Bad($"start {start} + count {count}: seeds past {long.MaxValue}");
            seeds = Enumerable.Range(0, count).Select(k => start + k).ToList();
        }
        var condition = ConditionOf(body);
        NoiseAlone();
        var clock = Stopwatch.StartNew();
        var images = Generator.FromNoise(seeds.Count, Latents.OfSeeds(seeds, Generator.NoiseLength), condition.Repeated(seeds.Count));
        return (seeds, condition, images, clock.Elapsed.TotalMilliseconds);
    }

    async Task Variations(HttpContext context)
    {
        var body = await JsonBody(context, "seed", "count", "strength", "variationSeed", "class", "tags");
        long seed = body.Seed("seed");
        int count = body.Int("count", 1, MaxVariations, 8);
        double strength = body.Number("strength", 0, 2, 0.5);
        // The other noise comes from a seed mixed from the source's (a 64-bit LCG step), not seed + 1, so a variation
        // is never pulled towards the next picture of the grid.
        long variationSeed = body.Seed("variationSeed", (long)((ulong)seed * 6364136223846793005UL + 1442695040888963407UL >> 1));
        var condition = ConditionOf(body);
        NoiseAlone();
        var clock = Stopwatch.StartNew();
        var images = Generator.FromNoise(count, Latents.Variations(seed, variationSeed, count, strength, Generator.NoiseLength), condition.Repeated(count));
        double ms = clock.Elapsed.TotalMilliseconds;
        await Answer(context, new { seed = Text(seed), variationSeed = Text(variationSeed), strength, method = Latents.VariationMethod, @class = condition.ClassName, tags = condition.Tags, images = DataUrls(images), ms }, ms);
    }

    async Task Interpolate(HttpContext context)
    {
        var (from, to, condition, images, ms) = await Strip(context);
        await Answer(context, new { from = Text(from), to = Text(to), method = "slerp", @class = condition.ClassName, tags = condition.Tags, images = DataUrls(images), ms }, ms);
    }

    async Task StripGifFile(HttpContext context)
    {
        var (_, _, _, images, ms) = await Strip(context);
        await Bytes(context, StripGif.Encode(PictureBytes.ToImages(images)), "image/gif", ms);
    }

    async Task<(long From, long To, Conditioning Condition, GeneratedImages Images, double Ms)> Strip(HttpContext context)
    {
        var body = await JsonBody(context, "from", "to", "frames", "class", "tags");
        long from = body.Seed("from"), to = body.Seed("to");
        int frames = body.Int("frames", 2, MaxFrames, 8);
        var condition = ConditionOf(body);
        NoiseAlone();
        var clock = Stopwatch.StartNew();
        var images = Generator.FromNoise(frames, Latents.Slerp(from, to, frames, Generator.NoiseLength), condition.Repeated(frames));
        return (from, to, condition, images, clock.Elapsed.TotalMilliseconds);
    }

    async Task Mask(HttpContext context)
    {
        if (!Generator.TakesMasks)
            throw StudioError.Bad($"this generator takes no masks (model.conditioning {Generator.Kind})");
        long seed = QuerySeed(context);
        var png = await Upload(context);
        var clock = Stopwatch.StartNew();
        var (mask, warnings) = UploadedPicture.Mask(png, Generator.ImageSize);
        var images = Generator.FromNoise(1, Latents.OfSeed(seed, Generator.NoiseLength), masks: mask.Select(b => b / 255f).ToArray());
        var picture = PictureBytes.ToImages(images)[0];
        double ms = clock.Elapsed.TotalMilliseconds;
        double? iou = run.Segmenter?.Iou(picture, mask);
        int size = Generator.ImageSize;
        var maskPicture = new RgbPicture(size, size, mask.SelectMany(b => new[] { b, b, b }).ToArray());
        await Answer(context, new
        {
            seed = Text(seed), sha256 = Sha256(png), bytes = png.Length, warnings, iou,
            image = DataUrl(PngPicture.Encode(picture)), mask = DataUrl(PngPicture.Encode(maskPicture)), ms,
        }, ms);
    }

    async Task Translate(HttpContext context)
    {
        if (!Generator.TranslatesPictures)
            throw StudioError.Bad($"this generator does not translate pictures (model.conditioning {Generator.Kind})");
        long seed = QuerySeed(context);
        var png = await Upload(context);
        var clock = Stopwatch.StartNew();
        int size = Generator.ImageSize;
        var planes = UploadedPicture.Picture(png, size);
        var values = planes.Select(PictureBytes.FromByte).ToArray();
        var output = GeneratedImages.Concat(Generator.Translate(values, seed));
        var input = PictureBytes.ToImages(new GeneratedImages(values, 1, size))[0];
        double ms = clock.Elapsed.TotalMilliseconds;
        await Answer(context, new
        {
            seed = Text(seed), sha256 = Sha256(png), bytes = png.Length,
            input = DataUrl(PngPicture.Encode(input)), image = DataUrls(output)[0], ms,
        }, ms);
    }

    Task Sample(HttpContext context, string name) => Bytes(context, run.Panel.Sample(name), "image/png", null);

    Conditioning ConditionOf(RequestBody body) => Conditioning.Of(Generator, body.Text("class"), body.Texts("tags", MaxTags));

    /// <summary>Grids, variations and strips are drawn from noise alone; the other kinds are answered with where to go.</summary>
    void NoiseAlone()
    {
        if (Generator.TakesMasks) throw StudioError.Bad($"this generator draws where a mask says (model.conditioning {Generator.Kind}): send a mask to /api/mask");
        if (Generator.TranslatesPictures) throw StudioError.Bad($"this generator translates pictures (model.conditioning {Generator.Kind}): send a picture to /api/translate");
    }

    /// <summary>JSON endpoints take application/json only: a cross-site page may send a plain form without asking, but a
    /// JSON request from elsewhere needs a CORS preflight, which the studio never grants.</summary>
    static Task<RequestBody> JsonBody(HttpContext context, params string[] allowed)
    {
        if (!IsType(context.Request, "application/json"))
            throw new StudioError(StatusCodes.Status415UnsupportedMediaType, "send the body as application/json");
        return RequestBody.Json(context.Request, allowed);
    }

    /// <summary>Uploads come as the raw PNG body (image/png), for the same reason.</summary>
    static Task<byte[]> Upload(HttpContext context)
    {
        if (!IsType(context.Request, "image/png"))
            throw new StudioError(StatusCodes.Status415UnsupportedMediaType, "send the picture as the body, Content-Type image/png");
        return RequestBody.Read(context.Request, RequestBody.UploadLimit, "an upload");
    }

    static bool IsType(HttpRequest request, string type) =>
        request.ContentType?.Split(';', 2)[0].Trim().Equals(type, StringComparison.OrdinalIgnoreCase) == true;

    static long QuerySeed(HttpContext context)
    {
        foreach (var key in context.Request.Query.Keys)
            if (key != "seed") throw StudioError.Bad($"unknown parameter '{Clip(key)}'; allowed: seed");
        var values = context.Request.Query["seed"];
        return values.Count switch
        {
            0 => 0,
            1 => RequestBody.ParseSeed(values[0] ?? "", "seed"),
            _ => throw StudioError.Bad("seed: given more than once"),
        };
    }

    static Task Answer(HttpContext context, object value, double? ms = null)
    {
        Timing(context, ms);
        return context.Response.WriteAsJsonAsync(value, Json);
    }

    static async Task Bytes(HttpContext context, byte[] bytes, string type, double? ms)
    {
        Timing(context, ms);
        context.Response.ContentType = type;
        await context.Response.Body.WriteAsync(bytes);
    }

    /// <summary>Server-Timing (W3C), visible in the browser's network panel: the generator's time, and the whole
    /// request's from its arrival to its answer being ready (reading, checks, generation, PNG encoding).</summary>
    static void Timing(HttpContext context, double? ms)
    {
        var total = ((Stopwatch)context.Items[ClockItem]!).Elapsed.TotalMilliseconds;
        var generate = ms is { } t ? $"generate;dur={t.ToString("F1", CultureInfo.InvariantCulture)}, " : "";
        context.Response.Headers["Server-Timing"] = $"{generate}total;dur={total.ToString("F1", CultureInfo.InvariantCulture)}";
    }

    static string[] DataUrls(GeneratedImages images) => PictureBytes.ToImages(images).Select(p => DataUrl(PngPicture.Encode(p))).ToArray();
    static string DataUrl(byte[] png) => "data:image/png;base64," + Convert.ToBase64String(png);
    static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
    static string Text(long seed) => seed.ToString(CultureInfo.InvariantCulture);
    static string[] Texts(IEnumerable<long> seeds) => seeds.Select(Text).ToArray();
    static string Clip(string text) => text.Length <= 60 ? text : text[..60] + "…";

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
