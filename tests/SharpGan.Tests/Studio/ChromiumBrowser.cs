using Microsoft.Playwright;

namespace SharpGan.Tests.Studio;

/// <summary>A [Fact] that runs only where Debian's chromium is installed (.ci/run installs it); Playwright cannot
/// download a browser here, so without it there is nothing to drive.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!File.Exists(ChromiumBrowser.Executable))
            Skip = $"no {ChromiumBrowser.Executable} (apt-get install chromium; .ci/run does)";
    }
}

/// <summary>Headless chromium through Playwright, one per test class; screenshots go to bin/…/studio-artefacts.</summary>
public sealed class ChromiumBrowser : IAsyncLifetime
{
    public const string Executable = "/usr/bin/chromium";

    IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static string Artefacts { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "studio-artefacts")).FullName;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Executable)) return;
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
