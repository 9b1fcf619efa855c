using System.Globalization;
using System.Net;
using MQTTnet;

namespace Uitpas.Edge.Region.Tests.Infrastructure;

/// <summary>Distinct cards dealt one per tap, so that central's expected count is the number of taps.</summary>
public sealed class CardDeck(IEnumerable<string> chipNumbers)
{
    private readonly Queue<string> _cards = new(chipNumbers);
    private readonly Lock _gate = new();

    /// <summary>Cards left.</summary>
    public int Left
    {
        get
        {
            lock (_gate)
            {
                return _cards.Count;
            }
        }
    }

    public bool TryDeal(out string chipNumber)
    {
        lock (_gate)
        {
            return _cards.TryDequeue(out chipNumber!);
        }
    }
}

/// <summary>
/// Many <see cref="LoadTerminal"/>s against one broker (or a broker chosen at each connect), and
/// a paced load: taps at a steady rate over the terminals in turn, each with the next card of a
/// <see cref="CardDeck"/>.
/// </summary>
public sealed class TerminalFleet : IAsyncDisposable
{
    private readonly List<LoadTerminal> _terminals;

    private TerminalFleet(List<LoadTerminal> terminals) => _terminals = terminals;

    public IReadOnlyList<LoadTerminal> Terminals => _terminals;

    /// <summary>Device ids "{prefix}-001"… for <paramref name="count"/> terminals (register them with the agent).</summary>
    public static IReadOnlyList<string> DeviceIds(int count, string prefix = "rt") =>
        [.. Enumerable.Range(1, count).Select(i => prefix + "-" + i.ToString("D3", CultureInfo.InvariantCulture))];

    /// <summary>Starts one terminal per device id and waits until all are connected.</summary>
    public static async Task<TerminalFleet> ConnectAsync(IEnumerable<string> deviceIds, Func<IPEndPoint> broker, LoadTerminalOptions? options = null, TimeSpan? timeout = null)
    {
        var fleet = new TerminalFleet([.. deviceIds.Select(id => new LoadTerminal(id, broker, options))]);
        foreach (var terminal in fleet._terminals)
        {
            terminal.Start();
        }
        await Eventually.HoldsAsync(() => fleet._terminals.All(t => t.IsConnected), timeout ?? TimeSpan.FromSeconds(30),
            () => $"{fleet._terminals.Count(t => !t.IsConnected)} of {fleet._terminals.Count} terminals not connected");
        return fleet;
    }

    public int Issued => _terminals.Sum(t => t.Issued);

    public int Acknowledged => Issued - Unacknowledged;

    public int Unacknowledged => _terminals.Sum(t => t.Unacknowledged);

    public int Unanswered => _terminals.Sum(t => t.Unanswered);

    public IReadOnlyList<TerminalTap> AllTaps() => [.. _terminals.SelectMany(t => t.AllTaps())];

    public IReadOnlyList<TerminalTap> AcknowledgedTaps() => [.. _terminals.SelectMany(t => t.AcknowledgedTaps())];

    /// <summary>PUBACK reason codes other than Success over the fleet.</summary>
    public IReadOnlyDictionary<MqttClientPublishReasonCode, int> Refusals() =>
        _terminals.SelectMany(t => t.Refusals()).GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.Sum(r => r.Value));

    /// <summary>
    /// Taps <paramref name="tapsPerSecond"/> in total, the terminals in turn, until <paramref name="stop"/>
    /// is cancelled, <paramref name="maxTaps"/> were made or the deck is empty. Returns the taps made.
    /// </summary>
    public async Task<int> RunLoadAsync(CardDeck deck, int tapsPerSecond, CancellationToken stop, int maxTaps = int.MaxValue)
    {
        var made = 0;
        var next = 0;
        var started = Environment.TickCount64;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        try
        {
            while (made < maxTaps && await timer.WaitForNextTickAsync(stop))
            {
                var due = Math.Min(maxTaps, (int)((Environment.TickCount64 - started) * tapsPerSecond / 1000));
                while (made < due)
                {
                    if (!deck.TryDeal(out var chip))
                    {
                        return made;
                    }
                    _terminals[next].Tap(chip);
                    next = (next + 1) % _terminals.Count;
                    made++;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        return made;
    }

    /// <summary>Waits until every tap made is acknowledged with Success.</summary>
    public Task WaitAllAcknowledgedAsync(TimeSpan timeout) =>
        Eventually.HoldsAsync(() => Unacknowledged == 0, timeout, Describe);

    /// <summary>Waits until every tap made has its final answer at its terminal (the journals drained).</summary>
    public Task WaitAllAnsweredAsync(TimeSpan timeout) =>
        Eventually.HoldsAsync(() => Unacknowledged == 0 && Unanswered == 0, timeout, Describe);

    /// <summary>Counts for failure messages.</summary>
    public string Describe()
    {
        var refusals = string.Join(", ", Refusals().Select(r => $"{r.Key}: {r.Value}"));
        return $"fleet of {_terminals.Count}: {Issued} taps made, {Unacknowledged} not acknowledged, {Unanswered} acknowledged without a final answer, "
            + $"{_terminals.Count(t => !t.IsConnected)} disconnected; other PUBACK codes: [{refusals}]";
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_terminals.Select(t => t.DisposeAsync().AsTask()));
    }
}
