using System.Net;
using SharpGan.Cli.Studio;
using SharpGan.Tests.Cli;
using SharpGan.Tests.Data;

namespace SharpGan.Tests.Studio;

/// <summary>The API and browser tests share one set of trained runs and servers.</summary>
[CollectionDefinition(Name)]
public sealed class StudioCollection : ICollectionFixture<StudioRuns>
{
    public const string Name = "studio";
}

/// <summary>
/// One-epoch runs of the tiny flowers, one per kind the studio shows differently (unconditional, ACGAN classes, ACGAN
/// tags with exclusive groups, mask with a segmenter, pix2pix on edge drawings), each served by a real studio on a
/// free port. Shared by the API and browser tests: training them is most of the time.
/// </summary>
public sealed class StudioRuns : IAsyncLifetime
{
    readonly TempDir dir = new();
    readonly List<Served> all = [];

    internal Served Plain { get; private set; } = null!;
    internal Served Classes { get; private set; } = null!;
    internal Served Tags { get; private set; } = null!;
    internal Served Mask { get; private set; } = null!;
    internal Served Pix2Pix { get; private set; } = null!;

    public string Folder => dir.Path;

    internal sealed class Served(StudioRun run, StudioServer server) : IAsyncDisposable
    {
        public StudioRun Run { get; } = run;
        public StudioServer Server { get; } = server;
        public Uri Address => Server.Address;
        public HttpClient Client { get; } = new() { BaseAddress = server.Address };

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Server.DisposeAsync();
            Run.Dispose();
        }
    }

    public async Task InitializeAsync()
    {
        string tiny = Repo.Fixture("tiny");
        string[] small = ["--size", "32", "--epochs", "1", "--set", "model.ngf=8", "--set", "model.ndf=8", "--set", "output.tensor_board=false", "--set", "output.gif=false"];
        await Train(["train", "--data", tiny, "--out", dir["plain"], .. small]);

        File.WriteAllLines(dir["labels.csv"], Directory.GetFiles(tiny).Select(f => $"{Path.GetFileName(f)},{Path.GetFileName(f).Split('-')[1].Split('.')[0]}"));
        await Train(["train", "--data", tiny, "--out", dir["classes"], .. small, "--set", "model.conditioning=acgan", "--set", "data.labels=csv", "--set", $"data.labels_file={dir["labels.csv"]}"]);

        File.WriteAllLines(dir["tags.csv"], AttributeTagsTests.TagRows);
        File.WriteAllLines(dir["groups.txt"], AttributeTagsTests.GroupLines);
        await Train(["train", "--data", tiny, "--out", dir["tags"], .. small, "--set", "model.conditioning=acgan", "--set", "data.labels=tags",
            "--set", $"data.tags_file={dir["tags.csv"]}", "--set", $"data.tag_groups={dir["groups.txt"]}"]);

        await Train(["train", "--data", tiny, "--out", dir["mask"], .. small, "--set", "model.conditioning=mask", "--set", "data.masks=alpha", "--set", "model.latent=32x2x2"]);
        await Train(["segment", "train", "--data", tiny, "--out", dir["segmenter"], "--size", "32", "--epochs", "1", "--depth", "2", "--filters", "4", "--batch", "4"]);

        await Train(["data", "pairs", tiny, dir["pairs"], "--kind", "edges", "--size", "32"]);
        await Train(["translate", "train", "--data", dir["pairs"], "--out", dir["pix2pix"], .. small, "--d-layers", "1", "--holdout", "2"]);

        Plain = await Serve("plain");
        Classes = await Serve("classes");
        Tags = await Serve("tags");
        Mask = await Serve("mask", Path.Combine(dir["segmenter"], "segmenter.safetensors"));
        Pix2Pix = await Serve("pix2pix");
    }

    static async Task Train(string[] args)
    {
        var (exit, text) = await CliOutput.Run(args);
        Assert.True(exit == 0, $"{string.Join(' ', args)}: exit {exit}\n{text}");
    }

    async Task<Served> Serve(string name, string? segmenter = null)
    {
        var run = StudioRun.Open(dir[name], segmenter);
        var served = new Served(run, await StudioServer.Start(run, IPAddress.Loopback, 0));
        all.Add(served);
        return served;
    }

    public async Task DisposeAsync()
    {
        foreach (var served in all) await served.DisposeAsync();
        dir.Dispose();
    }
}
