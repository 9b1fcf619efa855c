using System.Globalization;
using System.Net;
using MQTTnet.Server;

namespace Uitpas.Edge.Bench.Ingest;

/// <summary>
/// The stock MQTTnet server, run as a child of the bench (`serve-stock --port N`): the server as
/// MqttServerOptionsBuilder makes it with defaults, bound to loopback, and a no-op publish
/// interceptor. Options: --backlog N sets the TCP listen backlog (ConnectionBacklog); --consume
/// takes every tap in the interceptor (ProcessPublish = false, as the agent does) instead of
/// forwarding it to subscribers.
/// </summary>
public static class StockServer
{
    public static async Task<int> RunAsync(string[] args)
    {
        var port = 0;
        int? backlog = null;
        var consume = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--port": port = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--backlog": backlog = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--consume": consume = true; break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        var options = new MqttServerOptionsBuilder().WithDefaultEndpoint().WithDefaultEndpointPort(port).Build();
        options.DefaultEndpointOptions.BoundInterNetworkAddress = IPAddress.Loopback;
        options.DefaultEndpointOptions.BoundInterNetworkV6Address = IPAddress.None;
        Console.WriteLine($"stock MQTTnet server: ConnectionBacklog default {options.DefaultEndpointOptions.ConnectionBacklog}, KeepAlive monitor interval {options.KeepAliveOptions.MonitorInterval}, DefaultCommunicationTimeout {options.DefaultCommunicationTimeout}, MaxPendingMessagesPerClient {options.MaxPendingMessagesPerClient}, NoDelay {options.DefaultEndpointOptions.NoDelay}, ThreadPool min {Min()}");
        if (backlog is { } b)
        {
            options.DefaultEndpointOptions.ConnectionBacklog = b;
        }
        using var server = new MqttServerFactory().CreateMqttServer(options);
        server.InterceptingPublishAsync += e =>
        {
            if (consume && e.ApplicationMessage.Topic.EndsWith("/tap", StringComparison.Ordinal))
            {
                e.ProcessPublish = false;
            }
            return Task.CompletedTask;
        };
        await server.StartAsync().ConfigureAwait(false);
        Console.WriteLine($"listening on {port}, backlog {options.DefaultEndpointOptions.ConnectionBacklog}");
        var stop = new TaskCompletionSource();
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            stop.TrySetResult();
        });
        await stop.Task.ConfigureAwait(false);
        await server.StopAsync().ConfigureAwait(false);
        return 0;
    }

    private static string Min()
    {
        ThreadPool.GetMinThreads(out var worker, out var io);
        return $"{worker}/{io}";
    }
}
