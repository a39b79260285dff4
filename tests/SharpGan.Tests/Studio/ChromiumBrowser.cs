using Microsoft.Playwright;

namespace SharpGan.Tests.Studio;

/// <summary>Headless chromium through Playwright, one per test class; screenshots go to bin/…/studio-artefacts.</summary>
public sealed class ChromiumBrowser : IAsyncLifetime
{
    public const string Executable = "/usr/bin/chromium";

    IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static string Artefacts { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "studio-artefacts")).FullName;

    public async Task InitializeAsync()
    {
        // Playwright cannot download a browser here: Debian's chromium is what it drives (.ci/run installs it).
        Assert.True(File.Exists(Executable), $"no {Executable}: apt-get install chromium (.ci/run does)");
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu"],
        });
    }

    public async Task DisposeAsync()
    {
        if (playwright is null) return;
        await Browser.DisposeAsync();
        playwright.Dispose();
    }
}
