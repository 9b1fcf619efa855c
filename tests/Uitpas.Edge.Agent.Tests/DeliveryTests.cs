using Microsoft.Data.Sqlite;
using Uitpas.Edge.Agent.Alarms;
using Uitpas.Edge.Agent.Events;
using Uitpas.Edge.Agent.Hosting;
using Uitpas.Edge.Agent.Tests.Infrastructure;
using Uitpas.Edge.Central;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Agent.Tests;

/// <summary>The relay end to end against the simulator's faults: token renewal, 429 pacing, the circuit breaker.</summary>
public sealed class DeliveryTests : AgentTestBase
{
    [Fact]
    public async Task A_401_renews_the_token_once_and_the_retried_call_checks_the_tap_in_once()
    {
        var terminal = await TerminalAsync("term-1");
        await terminal.TapAsync(4, 1, GoodCard(0));
        await terminal.ResultAsync(4, 1, TapOutcome.CheckedIn);
        Central.RevokeAllTokens();
        var card = GoodCard(1);

        await terminal.TapAsync(4, 2, card);

        await terminal.ResultAsync(4, 2, TapOutcome.CheckedIn);
        Assert.Equal(2, Central.State.TokensIssued);
        Assert.Equal(3, Central.State.RequestCount(SimEndpoint.KioskCheckin));
        Assert.Equal(1, Central.State.CheckinCountForChip(card));
        var attempt = Assert.Single(Agent.Events.All<RelayAttempted>(), a => a.Sequence == 2);
        Assert.Equal(CentralOutcome.Ok, attempt.Outcome);
        Assert.Equal([TapOutcome.CheckedIn, TapOutcome.CheckedIn], terminal.Results.All.Select(r => r.Outcome));
    }

    [Fact]
    public async Task A_401_that_persists_after_renewal_keeps_the_tap_queued_without_opening_the_breaker_until_central_takes_the_token()
    {
        Central.Faults.RejectBearerTokens(SimEndpoint.KioskCheckin);
        var terminal = await TerminalAsync("term-1");
        var card = GoodCard(2);

        await terminal.TapAsync(6, 1, card);

        await terminal.ResultAsync(6, 1, TapOutcome.Queued);
        await Agent.Events.WaitAsync<RelayAttempted>(a => a.Sequence == 1 && a.Outcome == CentralOutcome.Problem && a.Attempt >= 7);
        Assert.Empty(Agent.Events.All<AlarmRaised>());
        Assert.DoesNotContain(terminal.Results.All, r => r.Outcome == TapOutcome.Refused);

        Central.Faults.Clear();

        await terminal.ResultAsync(6, 1, TapOutcome.CheckedIn);
        Assert.Equal(1, Central.State.CheckinCountForChip(card));
    }

    [Fact]
    public async Task A_429_with_Retry_After_puts_the_next_attempt_off_at_least_that_long_even_beyond_the_maximum_backoff()
    {
        var firstAnswered = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        Agent.Host.GetAgentEvents().RelayAttempted += a =>
        {
            if (a.Attempt == 1)
            {
                firstAnswered.TrySetResult(DateTimeOffset.UtcNow);
            }
        };
        Central.Faults.TooManyRequests(TimeSpan.FromSeconds(2), SimEndpoint.KioskCheckin, times: 1);
        var terminal = await TerminalAsync("term-2");
        var card = GoodCard(3);

        await terminal.TapAsync(8, 1, card);

        await terminal.ResultAsync(8, 1, TapOutcome.CheckedIn);
        var first = Assert.Single(Agent.Events.All<RelayAttempted>(), a => a.Attempt == 1);
        Assert.Equal(CentralOutcome.Unavailable, first.Outcome);
        Assert.True(first.RetryIn >= TimeSpan.FromSeconds(2), $"retry in {first.RetryIn}");
        var checkin = Assert.Single(Central.State.Checkins);
        var waited = checkin.CreatedAt - await firstAnswered.Task;
        Assert.True(waited >= TimeSpan.FromSeconds(1.95), $"the second call came {waited} after the 429");
        Assert.Equal(2, Central.State.RequestCount(SimEndpoint.KioskCheckin));
        Assert.Empty(Agent.Events.All<AlarmRaised>());
    }

    [Fact]
    public async Task While_central_is_unreachable_the_breaker_opens_and_further_taps_wait_without_any_call_or_attempt()
    {
        await RestartWithAsync(new Dictionary<string, string?>
        {
            ["Agent:Relay:CircuitBreaker:FailureThreshold"] = "3",
            ["Agent:Relay:CircuitBreaker:OpenFor"] = "01:00:00",
            ["Agent:Relay:CircuitBreaker:MaxOpenFor"] = "01:00:00",
        });
        Central.Faults.ServiceUnavailable(SimEndpoint.KioskCheckin);
        var first = await TerminalAsync("term-1");
        await first.TapAsync(2, 1, GoodCard(4));
        await first.ResultAsync(2, 1, TapOutcome.Queued);

        var raised = await Agent.Events.WaitAsync<AlarmRaised>(a => a.Kind == AlarmKind.CentralUnreachable);
        Assert.Equal(3, Central.State.RequestCount(SimEndpoint.KioskCheckin));

        var second = await TerminalAsync("term-2");
        await second.TapAsync(9, 1, GoodCard(5));
        await second.ResultAsync(9, 1, TapOutcome.Queued);

        Assert.Equal(3, Central.State.RequestCount(SimEndpoint.KioskCheckin));
        Assert.DoesNotContain(Agent.Events.All<RelayAttempted>(), a => a.DeviceId == "term-2");
        Assert.Equal((0L, 0L, 0L), RelayRow("term-2", 9, 1));
        Assert.Contains("no usable answer", raised.Detail, StringComparison.Ordinal);
        var board = Agent.Host.Services.GetService(typeof(AlarmBoard)) as AlarmBoard;
        Assert.Equal(AlarmKind.CentralUnreachable, Assert.Single(board!.Active).Kind);
    }

    [Fact]
    public async Task After_an_outage_the_breaker_probes_closes_on_recovery_and_the_backlog_drains_exactly_once()
    {
        await RestartWithAsync(new Dictionary<string, string?>
        {
            ["Agent:Relay:CircuitBreaker:FailureThreshold"] = "3",
            ["Agent:Relay:CircuitBreaker:OpenFor"] = "00:00:00.300",
            ["Agent:Relay:CircuitBreaker:MaxOpenFor"] = "00:00:00.600",
        });
        var requestsAtOpen = -1;
        var requestsAtClose = -1;
        var events = Agent.Host.GetAgentEvents();
        events.AlarmRaised += _ => requestsAtOpen = Central.State.RequestCount(SimEndpoint.KioskCheckin);
        events.AlarmCleared += _ => requestsAtClose = Central.State.RequestCount(SimEndpoint.KioskCheckin);
        Central.Faults.ServiceUnavailable(SimEndpoint.KioskCheckin);
        var terminals = new[] { await TerminalAsync("term-1"), await TerminalAsync("term-2") };
        var cards = Enumerable.Range(6, 5).Select(GoodCard).ToArray();
        for (var i = 0; i < cards.Length; i++)
        {
            await terminals[i % 2].TapAsync(3, (uint)(i + 1), cards[i]);
        }

        await Agent.Events.WaitAsync<AlarmRaised>(a => a.Kind == AlarmKind.CentralUnreachable);
        await WaitUntilAsync(() => Agent.Logs.Entries.Any(e => e.EventId.Id == 4103)); // a half-open probe failed: open again, longer
        Central.Faults.Clear();
        await Agent.Events.WaitAsync<AlarmCleared>(a => a.Kind == AlarmKind.CentralUnreachable);

        for (var i = 0; i < cards.Length; i++)
        {
            await terminals[i % 2].ResultAsync(3, (uint)(i + 1), TapOutcome.CheckedIn);
        }
        Assert.All(cards, card => Assert.Equal(1, Central.State.CheckinCountForChip(card)));
        Assert.Equal(cards.Length, Central.State.Checkins.Count);
        Assert.Single(Agent.Events.All<AlarmRaised>());
        Assert.Single(Agent.Events.All<AlarmCleared>());
        // While open, only the probes reached central (plus at most the other lane's call already under way).
        var probes = Agent.Logs.Entries.Count(e => e.EventId.Id == 4102);
        Assert.InRange(requestsAtClose - requestsAtOpen, probes, probes + 1);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Waits.Default);
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    private async Task RestartWithAsync(IReadOnlyDictionary<string, string?> settings)
    {
        await Agent.DisposeAsync();
        Agent = await TestAgent.StartAsync(Central, DataDirectory, Devices, settings);
    }

    /// <summary>(relay state, attempts, rows in relay_attempts) of one tap, read from the file.</summary>
    private (long State, long Attempts, long AttemptRows) RelayRow(string deviceId, uint epoch, uint sequence)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(DataDirectory, "agent.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT t.relay_state, t.attempts, (SELECT COUNT(*) FROM relay_attempts a WHERE a.tap_id = t.id)
            FROM taps t WHERE t.device_id = $device AND t.boot_epoch = $epoch AND t.sequence = $sequence
            """;
        command.Parameters.AddWithValue("$device", deviceId);
        command.Parameters.AddWithValue("$epoch", (long)epoch);
        command.Parameters.AddWithValue("$sequence", (long)sequence);
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }
}
