using System.Diagnostics;
using System.Net;
using Uitpas.Edge.Bench.Ingest.Mqtt;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Bench.Ingest.Load;

/// <summary>1,000 (or any number of) load terminals over real TCP connections from one process.</summary>
public sealed class Fleet : IAsyncDisposable
{
    private const ushort KeepAliveSeconds = 60;
    private readonly List<LoadTerminal> _terminals;
    private readonly CancellationTokenSource _stop = new();
    private Task? _pinger;
    private int _disconnects;

    private Fleet(List<LoadTerminal> terminals) => _terminals = terminals;

    public IReadOnlyList<LoadTerminal> Terminals => _terminals;

    /// <summary>Connections that ended while the fleet was up.</summary>
    public int Disconnects => Volatile.Read(ref _disconnects);

    /// <summary>How long connecting (CONNECT/CONNACK and SUBSCRIBE/SUBACK) took for all terminals.</summary>
    public TimeSpan ConnectTime { get; private set; }

    /// <summary>Device ids bench-0001…</summary>
    public static IReadOnlyList<string> DeviceIds(int count) =>
        Enumerable.Range(1, count).Select(i => $"bench-{i:D4}").ToArray();

    /// <summary>
    /// Connects every terminal (at most <paramref name="parallel"/> handshakes at once) and
    /// subscribes each to its result topic; fails when one cannot connect within <paramref name="timeout"/>.
    /// </summary>
    public static async Task<Fleet> ConnectAsync(IReadOnlyList<string> ids, byte[][] chips, IPEndPoint endPoint, int parallel, bool subscribeResults, TimeSpan timeout)
    {
        var terminals = ids.Select((id, i) => new LoadTerminal(id, chips, i)).ToList();
        var fleet = new Fleet(terminals);
        var started = Stopwatch.GetTimestamp();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await Parallel.ForEachAsync(terminals, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = deadline.Token }, async (terminal, ct) =>
            {
                var connection = await RawMqttConnection.ConnectAsync(endPoint, terminal.Id, KeepAliveSeconds, 16, ct).ConfigureAwait(false);
                terminal.Attach(connection);
                connection.Closed = fleet.OnClosed;
                if (subscribeResults)
                {
                    await connection.SubscribeAsync(Topics.Result(terminal.Id), ct).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            var connected = terminals.Count(t => t.Connection is { IsOpen: true });
            await fleet.DisposeAsync().ConfigureAwait(false);
            throw new TimeoutException($"{connected} of {terminals.Count} terminals connected within {timeout.TotalSeconds:F0} s");
        }
        fleet.ConnectTime = Stopwatch.GetElapsedTime(started);
        fleet._pinger = fleet.PingLoopAsync();
        return fleet;
    }

    /// <summary>Where measurements go now (the echo subscriber reads it too).</summary>
    public LoadSink? CurrentSink { get; private set; }

    public void MeasureInto(LoadSink? sink)
    {
        CurrentSink = sink;
        foreach (var terminal in _terminals)
        {
            terminal.MeasureInto(sink);
        }
    }

    /// <summary>Closed loop: every terminal keeps one tap outstanding for <paramref name="duration"/> (warm-up first, not measured).</summary>
    public async Task<LoadSink> RunClosedLoopAsync(TimeSpan warmUp, TimeSpan duration, TimeSpan drainTimeout)
    {
        MeasureInto(null);
        foreach (var terminal in _terminals)
        {
            await terminal.StartClosedLoopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        await Task.Delay(warmUp).ConfigureAwait(false);
        ForgetResults();
        var sink = new LoadSink();
        MeasureInto(sink);
        await Task.Delay(duration).ConfigureAwait(false);
        MeasureInto(null);
        foreach (var terminal in _terminals)
        {
            terminal.StopLoop();
        }
        sink.Unacknowledged = await DrainAsync(drainTimeout).ConfigureAwait(false);
        return sink;
    }

    /// <summary>Open loop: <paramref name="rate"/> taps per second spread round-robin over the terminals.</summary>
    public async Task<LoadSink> RunOpenLoopAsync(int rate, TimeSpan warmUp, TimeSpan duration, TimeSpan drainTimeout)
    {
        MeasureInto(null);
        var sink = new LoadSink();
        var started = Stopwatch.GetTimestamp();
        var total = warmUp + duration;
        long issued = 0;
        var next = 0;
        var measuring = false;
        while (true)
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (elapsed >= total)
            {
                break;
            }
            if (!measuring && elapsed >= warmUp)
            {
                ForgetResults();
                MeasureInto(sink);
                measuring = true;
            }
            var due = (long)(elapsed.TotalSeconds * rate);
            while (issued < due)
            {
                var terminal = _terminals[next];
                next = (next + 1) % _terminals.Count;
                issued++;
                _ = terminal.PublishAsync(CancellationToken.None).AsTask();
            }
            await Task.Delay(1).ConfigureAwait(false);
        }
        // Results of the last taps still count: stop recording only after the drain.
        sink.Unacknowledged = await DrainAsync(drainTimeout).ConfigureAwait(false);
        await WaitResultsAsync(sink, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        MeasureInto(null);
        return sink;
    }

    /// <summary>Waits until no tap is outstanding; returns how many still are at the timeout.</summary>
    public async Task<int> DrainAsync(TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var outstanding = _terminals.Sum(t => t.Outstanding);
            if (outstanding == 0 || Stopwatch.GetElapsedTime(started) > timeout)
            {
                return outstanding;
            }
            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_pinger is not null)
        {
            await _pinger.ConfigureAwait(false);
        }
        await Parallel.ForEachAsync(_terminals.Where(t => t.Connection is not null), async (t, _) =>
        {
            t.Connection!.Closed = null;
            await t.Connection.DisposeAsync().ConfigureAwait(false);
        }).ConfigureAwait(false);
        _stop.Dispose();
    }

    private static async Task WaitResultsAsync(LoadSink sink, TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        while (sink.Results < sink.Acked && Stopwatch.GetElapsedTime(started) < timeout)
        {
            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    private void ForgetResults()
    {
        foreach (var terminal in _terminals)
        {
            terminal.ForgetResults();
        }
    }

    private void OnClosed(RawMqttConnection connection, Exception? failure) => Interlocked.Increment(ref _disconnects);

    private async Task PingLoopAsync()
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(KeepAliveSeconds / 2), _stop.Token).ConfigureAwait(false);
                foreach (var terminal in _terminals)
                {
                    if (terminal.Connection is { IsOpen: true } connection)
                    {
                        await connection.SendAsync(MqttWire.PingReqPacket, _stop.Token).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // fleet disposed
        }
    }
}
