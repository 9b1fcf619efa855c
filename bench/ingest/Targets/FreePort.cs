using System.Net;
using System.Net.Sockets;

namespace Uitpas.Edge.Bench.Ingest.Targets;

public static class FreePort
{
    /// <summary>A loopback port free right now.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
