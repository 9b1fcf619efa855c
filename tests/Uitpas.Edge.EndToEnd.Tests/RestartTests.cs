using Microsoft.Data.Sqlite;
using Uitpas.Edge.Agent.Alarms;
using Uitpas.Edge.Agent.Events;
using Uitpas.Edge.Agent.Hosting;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.VirtualTerminal;

namespace Uitpas.Edge.EndToEnd.Tests;

public sealed class RestartTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Tap_acknowledged_while_central_is_down_survives_an_agent_restart_and_is_checked_in_once()
    {
        await using var system = await TapSystem.StartAsync();
        var terminal = await system.StartTerminalAsync("e2e-01");
        var card = system.Central.Seed.GoodCards[3];
        system.Central.Faults.ServiceUnavailable();

        var seen = await terminal.TapAsync(card.ChipNumber, Timeout);
        Assert.Equal("Tik bewaard", seen.Screen.Title);
        Assert.Empty(system.Central.State.Checkins);

        var result = await RestartWithCentralBackAsync(system);
        Assert.Equal("e2e-01", result.DeviceId);
        await WaitUntil(() => terminal.Flow!.PendingTaps == 0, Timeout);
        Assert.Equal(1, system.Central.State.CheckinCountForChip(card.ChipNumber));
    }

    [Fact]
    public async Task Tap_paused_by_an_open_circuit_breaker_is_relayed_at_once_after_an_agent_restart()
    {
        await using var system = await TapSystem.StartAsync();
        var terminal = await system.StartTerminalAsync("e2e-02");
        var card = system.Central.Seed.GoodCards[4];
        system.Central.Faults.ServiceUnavailable();
        var breakerOpen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        system.Agent.GetAgentEvents().AlarmRaised += e =>
        {
            if (e.Kind == AlarmKind.CentralUnreachable) breakerOpen.TrySetResult();
        };

        // The failures open the breaker, which pauses the tap for its 30 s: longer than this test waits below.
        var seen = await terminal.TapAsync(card.ChipNumber, Timeout);
        Assert.Equal("Tik bewaard", seen.Screen.Title);
        await breakerOpen.Task.WaitAsync(Timeout);
        await WaitUntil(() => NextAttemptIn(system) > TimeSpan.FromSeconds(25), Timeout);

        var result = await RestartWithCentralBackAsync(system);
        Assert.Equal("e2e-02", result.DeviceId);
        Assert.Equal(1, system.Central.State.CheckinCountForChip(card.ChipNumber));
    }

    /// <summary>Stops the agent, lets central answer again, starts the agent and waits for its first "checked in" result.</summary>
    private static async Task<ResultPublished> RestartWithCentralBackAsync(TapSystem system)
    {
        await system.StopAgentAsync();
        system.Central.Faults.Clear();
        var relayed = new TaskCompletionSource<ResultPublished>(TaskCreationOptions.RunContinuationsAsynchronously);
        await system.StartAgentAsync(events => events.ResultPublished += e =>
        {
            if (e.Outcome == TapOutcome.CheckedIn) relayed.TrySetResult(e);
        });
        return await relayed.Task.WaitAsync(Timeout);
    }

    /// <summary>How long the store lets the (one) tap wait before its next call.</summary>
    private static TimeSpan NextAttemptIn(TapSystem system)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(system.DataDirectory, "agent", "uitpas-edge.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT MAX(next_attempt_at_ms) FROM taps WHERE relay_state <> 2";
        return select.ExecuteScalar() is long due ? DateTimeOffset.FromUnixTimeMilliseconds(due) - DateTimeOffset.UtcNow : TimeSpan.Zero;
    }

    private static async Task WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!condition())
        {
            await Task.Delay(20, cts.Token);
        }
    }
}
