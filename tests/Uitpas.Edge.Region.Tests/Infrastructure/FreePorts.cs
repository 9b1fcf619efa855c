using System.Net;
using System.Net.Sockets;

namespace Uitpas.Edge.Region.Tests.Infrastructure;

/// <summary>Free loopback TCP ports for child processes that need a fixed port across restarts.</summary>
public static class FreePorts
{
    /// <summary>A port that was free a moment ago on 127.0.0.1.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Completes once something accepts TCP connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task WaitListeningAsync(int port, TimeSpan timeout, Func<bool>? gaveUp = null)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                if (gaveUp?.Invoke() == true)
                {
                    throw new InvalidOperationException($"the process meant to listen on port {port} ended");
                }
                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(IPAddress.Loopback, port, cts.Token);
                    return;
                }
                catch (SocketException)
                {
                    await Task.Delay(25, cts.Token);
                }
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"nothing listened on 127.0.0.1:{port} within {timeout}");
        }
    }
}
