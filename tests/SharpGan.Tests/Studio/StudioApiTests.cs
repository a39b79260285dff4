using System.Net;
using ImageMagick;
using SharpGan.Cli.Studio;
using SharpGan.Onnx;
using static SharpGan.Tests.Studio.StudioApi;

namespace SharpGan.Tests.Studio;

/// <summary>The studio's API against real servers on free ports, over one-epoch runs of every kind it shows.</summary>
[Collection(StudioCollection.Name)]
public class StudioApiTests(StudioRuns runs)
{
    HttpClient Plain => runs.Plain.Client;

    [Fact]
    public async Task Info_describes_the_run_and_the_export_is_written_into_the_run()
    {
        // eval.csv as EvalSink writes it: read on each request, since a run may still be training.
        File.WriteAllLines(Path.Combine(runs.Plain.Run.Folder, "eval.csv"), ["epoch,fd,kid", "1,12.5,0.25"]);
        var info = (await Get(Plain, "/api/info")).Json;
        Assert.Equal("none", info.GetProperty("kind").GetString());
        Assert.Equal(12.5, info.GetProperty("panel").GetProperty("eval")[0].GetProperty("fd").GetDouble());
        Assert.Equal(32, info.GetProperty("imageSize").GetInt32());
        Assert.True(info.GetProperty("drawsFromNoise").GetBoolean());
        var panel = info.GetProperty("panel");
        Assert.Equal(1, panel.GetProperty("epochs").GetInt32());
        Assert.True(panel.GetProperty("lastLosses").GetProperty("loss_d").GetDouble() > 0);
        Assert.Equal(["epoch_0001.png"], panel.GetProperty("samples").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("none", panel.GetProperty("config").GetProperty("model.conditioning").GetString());
        Assert.True(File.Exists(Path.Combine(runs.Plain.Run.Folder, StudioRun.ExportFolderName, "generator.json")));

        var tags = (await Get(runs.Tags.Client, "/api/info")).Json;
        Assert.Equal(["google", "pink", "red", "twitter", "yellow"], tags.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).Order());
        Assert.Equal(2, tags.GetProperty("tagGroups").GetArrayLength());
        var mask = (await Get(runs.Mask.Client, "/api/info")).Json;
        Assert.Equal(32, mask.GetProperty("maskSize").GetInt32());
        Assert.Equal("segmenter.safetensors", mask.GetProperty("segmenter").GetString());
    }

    [Fact]
    public async Task A_grid_is_the_seeds_own_pictures_as_sample_onnx_draws_them_and_times_itself()
    {
        var grid = await Post(Plain, "/api/grid", """{"start": "5", "count": 4}""");
        Assert.Equal(200, grid.Status);
        Assert.Equal(["5", "6", "7", "8"], grid.Json.GetProperty("seeds").EnumerateArray().Select(s => s.GetString()));
        Assert.Matches(@"^generate;dur=[0-9.]+, total;dur=[0-9.]+$", grid.Headers.GetValues("Server-Timing").Single());
        var listed = await Post(Plain, "/api/grid", """{"seeds": ["7", 5]}""");
        Assert.Equal(grid.Images.ElementAt(2), listed.Images.First());
        Assert.Equal(grid.Images.ElementAt(0), listed.Images.ElementAt(1));

        using var generator = OnnxGenerator.Open(Path.Combine(runs.Plain.Run.Folder, StudioRun.ExportFolderName), DropoutDraw.Mean);
        var expected = generator.Images(1, 7).Single();
        var (width, height, rgba) = Decode(listed.Images.First());
        Assert.Equal((32, 32), (width, height));
        for (int i = 0; i < 32 * 32; i++)
            Assert.Equal(expected.Pixels[3 * i], rgba[4 * i]);

        var png = await Post(Plain, "/api/grid.png", """{"start": "0", "count": 16}""");
        Assert.Equal("image/png", png.ContentHeaders.ContentType!.MediaType);
        Assert.Equal((4 * 32 + 5 * 2, 4 * 32 + 5 * 2), SizeOfPng(png.Bytes));
    }

    [Fact]
    public async Task Variations_at_strength_zero_are_the_source_and_grow_apart_with_strength()
    {
        var source = Decode((await Post(Plain, "/api/grid", """{"seeds": ["3"]}""")).Images.Single()).Rgba;
        var still = await Post(Plain, "/api/variations", """{"seed": "3", "count": 3, "strength": 0}""");
        Assert.All(still.Images, image => Assert.Equal(source, Decode(image).Rgba));
        var near = (await Post(Plain, "/api/variations", """{"seed": "3", "count": 4, "strength": 0.2}""")).Images.Select(i => Decode(i).Rgba).ToList();
        var far = (await Post(Plain, "/api/variations", """{"seed": "3", "count": 4, "strength": 2}""")).Images.Select(i => Decode(i).Rgba).ToList();
        Assert.True(near.Select(n => Distance(n, source)).Average() < far.Select(f => Distance(f, source)).Average());
        Assert.NotEqual(near[0], near[1]);
    }

    [Fact]
    public async Task A_strip_runs_from_one_seed_to_the_other_and_comes_as_a_gif()
    {
        var ends = (await Post(Plain, "/api/grid", """{"seeds": ["1", "2"]}""")).Images.ToList();
        var strip = await Post(Plain, "/api/interpolate", """{"from": "1", "to": "2", "frames": 5}""");
        var frames = strip.Images.ToList();
        Assert.Equal(5, frames.Count);
        Assert.Equal(Decode(ends[0]).Rgba, Decode(frames[0]).Rgba);
        Assert.Equal(Decode(ends[1]).Rgba, Decode(frames[4]).Rgba);

        var gif = await Post(Plain, "/api/strip.gif", """{"from": "1", "to": "2", "frames": 5}""");
        Assert.Equal("image/gif", gif.ContentHeaders.ContentType!.MediaType);
        using var read = new MagickImageCollection(gif.Bytes);
        Assert.Equal(8, read.Count);   // forth and back: 5 + 3
    }

    public static TheoryData<string, string, string> BadRequests() => new()
    {
        { "/api/grid", """{"count": 257}""", "count 257: allowed 1..256" },
        { "/api/grid", $$"""{"seeds": [{{string.Join(",", Enumerable.Range(0, 257))}}]}""", "seeds: 257 seeds; allowed 1..256" },
        { "/api/grid", """{"start": "-1"}""", "start '-1': a seed is a whole number 0..9223372036854775807" },
        { "/api/grid", """{"start": "9223372036854775808"}""", "start '9223372036854775808': a seed is a whole number 0..9223372036854775807" },
        { "/api/grid", """{"seeds": ["1", 2.5]}""", "seeds[1]: a seed is a whole number 0..9223372036854775807 (a string of digits, or a JSON integer up to 2^53)" },
        { "/api/grid", """{"start": "12a"}""", "start '12a': a seed is a whole number 0..9223372036854775807" },
        { "/api/grid", """{"start": "9223372036854775807", "count": 2}""", "start 9223372036854775807 + count 2: seeds past 9223372036854775807" },
        { "/api/grid", """{"seeds": ["1"], "count": 2}""", "give seeds, or start and count, not both" },
        { "/api/grid", """{"colour": "red"}""", "unknown field 'colour'; allowed: seeds, start, count, class, tags" },
        { "/api/grid", """{"count": 4, "count": 5}""", "field 'count' is given twice" },
        { "/api/grid", """[1, 2]""", "the body must be a JSON object, not array" },
        { "/api/grid", """{"start": """, "not JSON:" },
        { "/api/grid", """{"class": "rose"}""", "this generator has no classes or tags (model.conditioning none)" },
        { "/api/variations", """{"count": 2}""", "seed: required (a seed)" },
        { "/api/variations", """{"seed": "1", "strength": 3}""", "strength 3: allowed 0..2" },
        { "/api/variations", """{"seed": "1", "count": 65}""", "count 65: allowed 1..64" },
        { "/api/interpolate", """{"from": "1", "to": "2", "frames": 65}""", "frames 65: allowed 2..64" },
        { "/api/interpolate", """{"from": "1", "to": "2", "frames": 1}""", "frames 1: allowed 2..64" },
        { "/api/strip.gif", """{"from": "1"}""", "to: required (a seed)" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_is_a_400_with_one_line_that_names_it(string path, string body, string message)
    {
        var answer = await Post(Plain, path, body);
        Assert.Equal(400, answer.Status);
        Assert.StartsWith(message, answer.Error);
        Assert.DoesNotContain("\n", answer.Error);
        Assert.DoesNotContain("   at ", answer.Error);   // a stack trace's frames
    }

    [Fact]
    public async Task Oversized_bodies_are_refused_before_they_are_read_whole()
    {
        var body = $$"""{"start": "1", "pad": "{{new string('x', 70_000)}}"}""";
        var json = await Post(Plain, "/api/grid", body);
        Assert.Equal(413, json.Status);
        Assert.Equal($"a JSON body of {body.Length} bytes: at most 65536 bytes", json.Error);
        var upload = await Upload(runs.Mask.Client, "/api/mask", new byte[1024 * 1024 + 1]);
        Assert.Equal(413, upload.Status);
        Assert.Equal("an upload of 1048577 bytes: at most 1048576 bytes", upload.Error);
    }

    [Fact]
    public async Task Uploads_that_are_not_small_square_pngs_are_refused_by_what_is_wrong()
    {
        var mask = runs.Mask.Client;
        Assert.Equal("the upload is not a decodable PNG picture", (await Upload(mask, "/api/mask", "not a picture"u8.ToArray())).Error);
        Assert.Equal("the upload is empty: send a PNG picture as the body", (await Upload(mask, "/api/mask", [])).Error);
        var huge = await Upload(mask, "/api/mask", Png(1025, 1025, (_, _) => false));
        Assert.Equal((400, "the upload is 1025×1025; at most 1024×1024"), (huge.Status, huge.Error));
        var tall = await Upload(mask, "/api/mask", Png(32, 48, (_, _) => true));
        Assert.Equal("the mask is 32×48; this generator takes square masks (32×32; a square mask of another size is resized)", tall.Error);
        var truncated = Png(32, 32, (x, _) => x < 16);
        Assert.Equal(400, (await Upload(mask, "/api/mask", truncated[..(truncated.Length / 2)])).Status);
        var wrongType = await Upload(mask, "/api/mask", Png(32, 32, (x, _) => x < 16), "application/octet-stream");
        Assert.Equal((415, "send the picture as the body, Content-Type image/png"), (wrongType.Status, wrongType.Error));
        Assert.Equal(415, (await Upload(Plain, "/api/grid", "{}"u8.ToArray(), "text/plain")).Status);
        Assert.Equal("unknown parameter 'path'; allowed: seed", (await Upload(mask, "/api/mask?path=/etc/passwd", Png(32, 32, (x, _) => x < 16))).Error);
        Assert.Equal("seed 'x': a seed is a whole number 0..9223372036854775807", (await Upload(mask, "/api/mask?seed=x", Png(32, 32, (x, _) => x < 16))).Error);
    }

    [Fact]
    public async Task Classes_and_tags_change_the_pictures_and_unknown_or_clashing_ones_are_refused()
    {
        var classes = runs.Classes.Client;
        var first = await Post(classes, "/api/grid", """{"seeds": ["1", "2"]}""");
        Assert.Equal("hibiscus", first.Json.GetProperty("class").GetString());
        var rose = await Post(classes, "/api/grid", """{"seeds": ["1", "2"], "class": "rose"}""");
        Assert.NotEqual(first.Images.First(), rose.Images.First());
        Assert.Equal("no class 'lily'; this generator draws: hibiscus, rose, sunflower, tulip", (await Post(classes, "/api/grid", """{"class": "lily"}""")).Error);
        Assert.Equal("this generator draws classes, not tags: hibiscus, rose, sunflower, tulip", (await Post(classes, "/api/grid", """{"tags": ["red"]}""")).Error);

        var tags = runs.Tags.Client;
        var none = await Post(tags, "/api/grid", """{"seeds": ["1"]}""");
        var red = await Post(tags, "/api/grid", """{"seeds": ["1"], "tags": ["red", "google"]}""");
        Assert.NotEqual(none.Images.First(), red.Images.First());
        Assert.Equal("no tag 'blue'; this generator knows: google, pink, red, twitter, yellow", (await Post(tags, "/api/grid", """{"tags": ["blue"]}""")).Error);
        Assert.Equal("tags red and yellow are both in group 'colour': at most one of red, yellow, pink",
            (await Post(tags, "/api/variations", """{"seed": "1", "tags": ["red", "yellow"]}""")).Error);
    }

    [Fact]
    public async Task A_mask_picture_echoes_the_upload_hash_follows_the_mask_and_is_scored_by_the_segmenter()
    {
        var mask = runs.Mask.Client;
        var left = Png(32, 32, (x, _) => x < 16);
        var answer = await Upload(mask, "/api/mask?seed=4", left);
        Assert.Equal(200, answer.Status);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(left)), answer.Json.GetProperty("sha256").GetString());
        Assert.Equal((32, 32), Size(answer.Json.GetProperty("image").GetString()!));
        var used = Decode(answer.Json.GetProperty("mask").GetString()!).Rgba;
        Assert.Equal(255, used[4 * 3]);            // (3, 0): left half, object
        Assert.Equal(0, used[4 * 20]);             // (20, 0): right half, background
        var iou = answer.Json.GetProperty("iou").GetDouble();
        Assert.InRange(iou, 0, 1);
        Assert.Matches(@"^generate;dur=[0-9.]+, total;dur=[0-9.]+$", answer.Headers.GetValues("Server-Timing").Single());

        var right = await Upload(mask, "/api/mask?seed=4", Png(32, 32, (x, _) => x >= 16));
        Assert.NotEqual(answer.Json.GetProperty("image").GetString(), right.Json.GetProperty("image").GetString());
        var empty = await Upload(mask, "/api/mask", Png(64, 64, (_, _) => false));
        Assert.Equal(["1 of 1 mask(s) empty (no object pixel): mask.png", "1 of 1 mask(s) resized to 32×32: mask.png (64×64)"],
            empty.Json.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
        Assert.Equal("this generator draws where a mask says (model.conditioning mask): send a mask to /api/mask", (await Post(mask, "/api/grid", "{}")).Error);
        Assert.Equal("this generator takes no masks (model.conditioning none)", (await Upload(Plain, "/api/mask", left)).Error);
    }

    [Fact]
    public async Task A_drawing_is_translated_by_pix2pix()
    {
        var drawing = Png(32, 32, (x, y) => x != 10 && y != 20);
        var answer = await Upload(runs.Pix2Pix.Client, "/api/translate?seed=1", drawing);
        Assert.Equal(200, answer.Status);
        Assert.Equal((32, 32), Size(answer.Json.GetProperty("image").GetString()!));
        Assert.Equal(DecodePng(drawing).Rgba, Decode(answer.Json.GetProperty("input").GetString()!).Rgba);
        Assert.Equal("this generator translates pictures (model.conditioning pix2pix): send a picture to /api/translate",
            (await Post(runs.Pix2Pix.Client, "/api/grid", "{}")).Error);
        Assert.Equal("this generator does not translate pictures (model.conditioning none)", (await Upload(Plain, "/api/translate", drawing)).Error);
    }

    [Theory]
    [InlineData("/api/samples/..%2Fconfig.json")]
    [InlineData("/api/samples/%2e%2e%2fconfig.json")]
    [InlineData("/api/samples/config.json")]
    [InlineData("/api/samples/..%5Cmetrics.csv")]
    [InlineData("/api/samples/../config.json")]
    [InlineData("/api/samples/epoch_0001.png/x")]
    [InlineData("/studio.js.map")]
    [InlineData("/index.html")]
    public async Task Only_listed_run_pictures_and_page_files_are_served(string path)
    {
        var answer = await Get(Plain, path);
        Assert.Equal(404, answer.Status);
        Assert.False(string.IsNullOrEmpty(answer.Error));
    }

    [Theory]
    [InlineData("POST", "/api/info", "GET")]
    [InlineData("GET", "/api/grid", "POST")]
    [InlineData("DELETE", "/", "GET")]
    [InlineData("PUT", "/api/samples/epoch_0001.png", "GET")]
    public async Task A_path_asked_with_another_method_gets_405_and_the_method_it_takes(string method, string path, string allowed)
    {
        var answer = await Send(Plain, new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(405, answer.Status);
        Assert.Equal([allowed], answer.ContentHeaders.Allow);
        Assert.Equal($"{method} is not answered here: {path} takes {allowed}", answer.Error);
    }

    [Fact]
    public async Task A_listed_sample_and_the_page_are_served()
    {
        var sample = await Get(Plain, "/api/samples/epoch_0001.png");
        Assert.Equal(200, sample.Status);
        Assert.Equal(File.ReadAllBytes(Path.Combine(runs.Plain.Run.Folder, "samples", "epoch_0001.png")), sample.Bytes);
        var page = await Get(Plain, "/");
        Assert.Equal("text/html", page.ContentHeaders.ContentType!.MediaType);
        Assert.Contains("/studio.js", System.Text.Encoding.UTF8.GetString(page.Bytes));
        Assert.Equal(200, (await Get(Plain, "/studio.js")).Status);
        Assert.Equal(200, (await Get(Plain, "/studio.css")).Status);
    }

    [Theory]
    [InlineData("evil.example:80")]
    [InlineData("evil.example")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:1")]
    public async Task A_foreign_host_header_is_refused(string host)
    {
        foreach (var path in new[] { "/", "/api/info" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Host = host;
            var answer = await Send(Plain, request);
            Assert.Equal(400, answer.Status);
            Assert.Contains($"Host '{host}' is not this studio's address", answer.Error);
        }
        var local = new HttpRequestMessage(HttpMethod.Get, "/api/info");
        local.Headers.Host = $"localhost:{runs.Plain.Address.Port}";
        Assert.Equal(200, (await Send(Plain, local)).Status);
    }

    [Fact]
    public async Task Another_address_is_printed_as_bound_and_answers_to_its_own_host()
    {
        await using var server = await SharpGan.Cli.Studio.StudioServer.Start(runs.Plain.Run, IPAddress.Parse("127.0.0.2"), 0);
        Assert.Equal("127.0.0.2", server.Address.Host);
        using var client = new HttpClient { BaseAddress = server.Address };
        Assert.Equal(200, (await Get(client, "/api/info")).Status);
        var foreign = new HttpRequestMessage(HttpMethod.Get, "/api/info");
        foreign.Headers.Host = $"127.0.0.3:{server.Address.Port}";
        Assert.Equal(400, (await Send(client, foreign)).Status);
    }

    [Fact]
    public async Task No_answer_carries_a_cors_header_even_to_a_preflight()
    {
        var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/grid");
        preflight.Headers.Add("Origin", "http://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");
        var withOrigin = new HttpRequestMessage(HttpMethod.Post, "/api/grid") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        withOrigin.Headers.Add("Origin", "http://evil.example");
        foreach (var answer in new[] { await Send(Plain, preflight), await Send(Plain, withOrigin), await Get(Plain, "/api/info"), await Get(Plain, "/nowhere") })
        {
            Assert.DoesNotContain(answer.Headers, h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(answer.ContentHeaders, h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
        }
        Assert.NotEqual(200, (await Send(Plain, new HttpRequestMessage(HttpMethod.Options, "/api/grid"))).Status);
    }
}
