using Microsoft.Playwright;
using static SharpGan.Tests.Studio.StudioApi;

namespace SharpGan.Tests.Studio;

/// <summary>The studio's page in headless chromium, against the same servers as the API tests: what a user clicks,
/// paints and uploads reaches the server and comes back as pictures.</summary>
[Collection(StudioCollection.Name)]
public class StudioBrowserTests(StudioRuns runs, ChromiumBrowser chromium) : IClassFixture<ChromiumBrowser>
{
    async Task<IPage> Open(StudioRuns.Served served)
    {
        var page = await chromium.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 1400 } });
        await page.GotoAsync(served.Address.ToString());
        await page.WaitForSelectorAsync("body[data-ready=true]", new PageWaitForSelectorOptions { Timeout = 60_000 });
        return page;
    }

    static Task<bool> AllDecoded(IPage page, string selector) =>
        page.EvaluateAsync<bool>("s => [...document.querySelectorAll(s)].every(i => i.complete && i.naturalWidth > 0)", selector);

    static Task<string[]> Attributes(IPage page, string selector, string attribute) =>
        page.EvaluateAsync<string[]>("([s, a]) => [...document.querySelectorAll(s)].map(e => e.getAttribute(a))", new[] { selector, attribute });

    static async Task Stroke(IPage page, string canvas, (float X, float Y)[] points)
    {
        var box = (await page.Locator(canvas).BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + points[0].X * box.Width, box.Y + points[0].Y * box.Height);
        await page.Mouse.DownAsync();
        foreach (var (x, y) in points.Skip(1))
            await page.Mouse.MoveAsync(box.X + x * box.Width, box.Y + y * box.Height, new MouseMoveOptions { Steps = 5 });
        await page.Mouse.UpAsync();
    }

    [Fact]
    public async Task The_grid_shows_the_pictures_asked_for_and_a_click_gives_close_distinct_variations()
    {
        var page = await Open(runs.Plain);
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#grid img').length === 16");
        await page.FillAsync("#count", "9");
        await page.ClickAsync("#grid-form button[type=submit]");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#grid img').length === 9");
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('#grid img')].every(i => i.complete && i.naturalWidth > 0)");
        Assert.True(await AllDecoded(page, "#grid img"));
        Assert.Equal(Enumerable.Range(0, 9).Select(k => k.ToString()), await Attributes(page, "#grid img", "data-seed"));

        await page.ClickAsync("#grid img[data-seed='0']");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#variations img').length === 8 && [...document.querySelectorAll('#variations img')].every(i => i.complete && i.naturalWidth > 0)");
        Assert.Equal("0", await page.TextContentAsync("#selected-seed"));
        var grid = (await Attributes(page, "#grid img", "src")).Select(s => Decode(s).Rgba).ToList();
        var variations = (await Attributes(page, "#variations img", "src")).Select(s => Decode(s).Rgba).ToList();
        Assert.Equal(8, variations.Distinct(new BytesComparer()).Count());
        double toSource = variations.Average(v => Distance(v, grid[0]));
        double otherSeeds = grid.Skip(1).Average(g => Distance(g, grid[0]));
        Assert.True(toSource < otherSeeds, $"variations are {toSource:F1} from their source, other seeds {otherSeeds:F1}");

        await page.ClickAsync("#grid img[data-seed='4']");
        await page.WaitForFunctionAsync("() => !document.getElementById('strip-section').hidden && document.querySelectorAll('#strip img').length === 8");
        Assert.Equal(("0", "4"), (await page.TextContentAsync("#strip-from"), await page.TextContentAsync("#strip-to")));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ChromiumBrowser.Artefacts, "grid-variations-strip.png"), FullPage = true });
    }

    [Fact]
    public async Task A_class_change_redraws_the_same_seeds()
    {
        var page = await Open(runs.Classes);
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#grid img').length === 16");
        var seeds = await Attributes(page, "#grid img", "data-seed");
        var before = await Attributes(page, "#grid img", "src");
        await page.SelectOptionAsync("#class-picker", "sunflower");
        await page.WaitForFunctionAsync("first => document.querySelector('#grid img').getAttribute('src') !== first", before[0]);
        Assert.Equal(seeds, await Attributes(page, "#grid img", "data-seed"));
        var after = await Attributes(page, "#grid img", "src");
        Assert.All(before.Zip(after), pair => Assert.NotEqual(pair.First, pair.Second));
    }

    [Fact]
    public async Task Exclusive_tags_are_radio_buttons_and_a_tag_redraws_the_same_seeds()
    {
        var page = await Open(runs.Tags);
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#grid img').length === 16");
        Assert.Equal(["", "red", "yellow", "pink"], await Attributes(page, "input[name='group-colour']", "value"));
        var seeds = await Attributes(page, "#grid img", "data-seed");
        var before = await Attributes(page, "#grid img", "src");
        await page.CheckAsync("input[name='group-colour'][value='yellow']");
        await page.WaitForFunctionAsync("first => document.querySelector('#grid img').getAttribute('src') !== first", before[0]);
        var yellow = await Attributes(page, "#grid img", "src");
        await page.CheckAsync("input[name='group-colour'][value='red']");
        await page.WaitForFunctionAsync("first => document.querySelector('#grid img').getAttribute('src') !== first", yellow[0]);
        Assert.Equal(seeds, await Attributes(page, "#grid img", "data-seed"));
        Assert.False(await page.IsVisibleAsync("#error"));   // red replaced yellow: never both of one group
    }

    [Fact]
    public async Task A_painted_mask_reaches_the_server_byte_for_byte_and_changes_the_picture()
    {
        var page = await Open(runs.Mask);
        await page.WaitForFunctionAsync("() => document.getElementById('mask-server-hash').textContent.length === 64");
        var firstHash = await page.TextContentAsync("#mask-server-hash");
        var firstPicture = await page.GetAttributeAsync("#mask-picture", "src");
        Assert.Equal(await page.TextContentAsync("#mask-sent-hash"), firstHash);

        await page.FillAsync("#brush", "6");
        await Stroke(page, "#mask-canvas", [(0.05f, 0.05f), (0.95f, 0.1f), (0.9f, 0.95f), (0.1f, 0.9f)]);
        await page.WaitForFunctionAsync("first => document.getElementById('mask-server-hash').textContent !== first", firstHash);
        var sent = await page.TextContentAsync("#mask-sent-hash");
        Assert.Equal(sent, await page.TextContentAsync("#mask-server-hash"));
        Assert.NotEqual(firstPicture, await page.GetAttributeAsync("#mask-picture", "src"));
        Assert.Matches(@"^[01]\.[0-9]{3}$", await page.TextContentAsync("#mask-iou"));
        await page.CheckAsync("#mask-overlay");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ChromiumBrowser.Artefacts, "mask.png"), FullPage = true });
    }

    [Fact]
    public async Task A_bad_mask_upload_shows_its_message_on_the_page()
    {
        var page = await Open(runs.Mask);
        await page.SetInputFilesAsync("#mask-file", new FilePayload { Name = "notes.png", MimeType = "image/png", Buffer = "not a picture"u8.ToArray() });
        await page.WaitForSelectorAsync("#error:not([hidden])");
        Assert.Equal("the upload is not a decodable PNG picture", await page.TextContentAsync("#error"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ChromiumBrowser.Artefacts, "bad-upload.png") });
    }

    [Fact]
    public async Task A_drawn_edge_map_is_translated()
    {
        var page = await Open(runs.Pix2Pix);
        await page.WaitForFunctionAsync("() => (document.getElementById('pix2pix-picture').getAttribute('src') || '').startsWith('data:')");
        var blank = await page.GetAttributeAsync("#pix2pix-picture", "src");
        await page.FillAsync("#pen", "2");
        await Stroke(page, "#pen-canvas", [(0.2f, 0.2f), (0.8f, 0.2f), (0.8f, 0.8f), (0.2f, 0.8f), (0.2f, 0.2f)]);
        await page.WaitForFunctionAsync("first => document.getElementById('pix2pix-picture').getAttribute('src') !== first", blank);
        var translated = await page.GetAttributeAsync("#pix2pix-picture", "src");
        Assert.Equal((32, 32), Size(translated!));
        Assert.False(await page.IsVisibleAsync("#error"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ChromiumBrowser.Artefacts, "pix2pix.png"), FullPage = true });
    }

    sealed class BytesComparer : IEqualityComparer<byte[]>
    {
        public bool Equals(byte[]? a, byte[]? b) => a.AsSpan().SequenceEqual(b);
        public int GetHashCode(byte[] bytes) => bytes.Length;
    }
}
