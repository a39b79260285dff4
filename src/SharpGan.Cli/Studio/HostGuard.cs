using System.Net;
using System.Net.NetworkInformation;

namespace SharpGan.Cli.Studio;

/// <summary>
/// The Host headers the studio answers: its own address and port, by name (localhost) and number. A page on another
/// site that points a name of its own at 127.0.0.1 (DNS rebinding) sends its own name as Host and is refused, so it
/// can never read the studio's answers even though the browser thinks it is same-origin.
/// </summary>
sealed class HostGuard
{
    readonly HashSet<string> allowed;

    public HostGuard(IPAddress bound, int port)
    {
        var names = new List<string> { "localhost", "127.0.0.1", "[::1]" };
        if (bound.Equals(IPAddress.Any) || bound.Equals(IPAddress.IPv6Any))
            names.AddRange(LocalAddresses().Select(Literal));
        else
            names.Add(Literal(bound));
        allowed = names.Select(n => $"{n}:{port}").ToHashSet(StringComparer.OrdinalIgnoreCase);
        // Browsers leave HTTP's default port out of Host.
        if (port == 80) allowed.UnionWith(names);
    }

    public bool Allows(string? host) => host is not null && allowed.Contains(host);

    static string Literal(IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();

    static IEnumerable<IPAddress> LocalAddresses() =>
        NetworkInterface.GetAllNetworkInterfaces().SelectMany(n => n.GetIPProperties().UnicastAddresses).Select(a => a.Address);
}
