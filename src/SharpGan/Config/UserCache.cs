namespace SharpGan.Config;

/// <summary>Where SharpGan keeps what it can rebuild: <c>$XDG_CACHE_HOME/sharpgan/NAME</c> (<c>~/.cache/sharpgan/NAME</c>),
/// unless an environment variable names another folder for that kind of cache.</summary>
internal static class UserCache
{
    public static string Folder(string name, string overrideVariable) =>
        Environment.GetEnvironmentVariable(overrideVariable) is { Length: > 0 } set ? set
            : Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cache ? cache
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "sharpgan", name);
}
