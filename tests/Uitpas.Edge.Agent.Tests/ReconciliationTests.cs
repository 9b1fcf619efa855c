using System.Reflection;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.DependencyInjection;
using Uitpas.Edge.Agent.Reconcile;
using Uitpas.Edge.Agent.Store;
using Uitpas.Edge.Agent.Tests.Infrastructure;
using Uitpas.Edge.Central;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Agent.Tests;

/// <summary>Central has no idempotency key: lost answers and interrupted calls are settled with its check-in history.</summary>
public sealed class ReconciliationTests
{
    [Fact]
    public async Task Lost_response_is_reconciled_not_resent()
    {
        await using var rig = await ReplayRig.StartAsync();
        rig.Central.Faults.DropResponseAfterCommit(SimEndpoint.Checkin, times: 1);
        var terminal = await rig.TerminalAsync();
        var card = rig.Central.Seed.GoodCards[0];

        await ReplayRig.TapAsync(terminal, 3, 1, card.ChipNumber, ReplayRig.Yesterday.AddHours(9));

        var result = await terminal.ResultAsync(3, 1, TapOutcome.CheckedIn);
        var checkin = Assert.Single(rig.Central.State.Checkins);
        Assert.Equal(rig.MorningEvent.Id, checkin.EventId);
        Assert.Equal(CheckinChannel.Api, checkin.Channel);
        Assert.Equal(1, rig.Central.State.RequestCount(SimEndpoint.Checkin));
        Assert.True(rig.Central.State.RequestCount(SimEndpoint.SearchCheckins) >= 1);
        Assert.Equal(checkin.Points, result.PointsAdded);
        Assert.Equal(rig.Central.State.PointsOf(checkin.PassholderId), result.TotalPoints);
        Assert.Equal(new CreditCount(ReplayRig.DeviceId, rig.MorningEvent.Id, TapCredit.CreditedFromHistory, 1), Assert.Single(rig.Store.CreditCounts()));
        Assert.Equal(1, rig.Scalar($"SELECT COUNT(*) FROM central_claims WHERE checkin_id = '{checkin.Id}' AND source = 'history'"));
    }

    [Fact]
    public async Task Lost_response_of_a_live_kiosk_tap_is_reconciled_not_resent()
    {
        await using var rig = await ReplayRig.StartAsync();
        rig.Central.Faults.DropResponseAfterCommit(SimEndpoint.KioskCheckin, times: 1);
        var terminal = await rig.TerminalAsync();
        var card = rig.Central.Seed.GoodCards[1];

        await ReplayRig.TapAsync(terminal, 4, 1, card.ChipNumber, rig.Clock.GetUtcNow(), TapFlags.None);

        var result = await terminal.ResultAsync(4, 1, TapOutcome.CheckedIn);
        var checkin = Assert.Single(rig.Central.State.Checkins);
        Assert.Equal(CheckinChannel.Kiosk, checkin.Channel);
        Assert.Equal(1, rig.Central.State.RequestCount(SimEndpoint.KioskCheckin));
        Assert.Equal(rig.Central.State.PointsOf(checkin.PassholderId), result.TotalPoints);
        Assert.Equal(TapCredit.CreditedFromHistory, Assert.Single(rig.Store.CreditCounts()).Credit);
    }

    [Fact]
    public async Task Lost_refusal_does_not_take_the_checkin_of_an_earlier_kiosk_tap_of_the_same_card()
    {
        // The kiosk endpoint does not return the check-in's id: the first tap's check-in is found
        // in the history next to the second tap's lost call, and must stay the first tap's.
        await using var rig = await ReplayRig.StartAsync();
        var terminal = await rig.TerminalAsync();
        var card = rig.Central.Seed.GoodCards[9];
        await ReplayRig.TapAsync(terminal, 4, 1, card.ChipNumber, rig.Clock.GetUtcNow(), TapFlags.None);
        await terminal.ResultAsync(4, 1, TapOutcome.CheckedIn);
        rig.Central.Faults.DropResponseAfterCommit(SimEndpoint.KioskCheckin, times: 1);

        await ReplayRig.TapAsync(terminal, 4, 2, card.ChipNumber, rig.Clock.GetUtcNow(), TapFlags.None);

        var second = await terminal.ResultAsync(4, 2, TapOutcome.Refused);
        Assert.Equal("maximum-reached", second.Reason);
        Assert.Single(rig.Central.State.Checkins);
        Assert.Equal([TapCredit.Credited, TapCredit.RefusedLimit], rig.Store.CreditCounts().Select(c => c.Credit));
        var claim = rig.Scalar("SELECT t.sequence FROM central_claims k JOIN taps t ON t.id = k.tap_id");
        Assert.Equal(1, claim);
    }

    [Fact]
    public async Task Maximum_reached_on_replay_is_resolved_by_history()
    {
        // The first call hangs and times out; central commits it only after the agent's first look
        // at the history (a slow commit), so the second call meets the limit: the history then
        // shows the check-in, which is this tap's.
        var late = new LateCommit();
        await using var rig = await ReplayRig.StartAsync(decorate: inner => CommitAfterFirstSearch.Wrap(inner, late));
        var card = rig.Central.Seed.GoodCards[2];
        late.Checkin = (card.UitpasNumber, rig.MorningEvent.Id);
        rig.Central.Faults.Hang(SimEndpoint.Checkin, times: 1);
        var terminal = await rig.TerminalAsync();

        await ReplayRig.TapAsync(terminal, 5, 1, card.ChipNumber, ReplayRig.Yesterday.AddHours(10));

        var result = await terminal.ResultAsync(5, 1, TapOutcome.CheckedIn);
        Assert.True(late.Committed);
        Assert.Single(rig.Central.State.Checkins);
        Assert.Equal(3, rig.Central.State.RequestCount(SimEndpoint.Checkin)); // hung, the late commit, the refused second call
        Assert.Equal(rig.Central.State.PointsOf(card.PassholderId), result.TotalPoints);
        Assert.Equal(TapCredit.CreditedFromHistory, Assert.Single(rig.Store.CreditCounts()).Credit);
        Assert.Equal(1, rig.Scalar("SELECT COUNT(*) FROM relay_attempts WHERE outcome = 'unknown'"));
        Assert.Equal(1, rig.Scalar("SELECT COUNT(*) FROM relay_attempts WHERE outcome = 'history'"));
    }

    [Fact]
    public async Task Limit_refusal_of_a_replay_whose_card_was_counted_by_another_tap_is_refused_not_credited()
    {
        await using var rig = await ReplayRig.StartAsync();
        rig.Central.Faults.DropResponseAfterCommit(SimEndpoint.Checkin, times: 2);
        var terminal = await rig.TerminalAsync();
        var card = rig.Central.Seed.GoodCards[3];

        await ReplayRig.TapAsync(terminal, 6, 1, card.ChipNumber, ReplayRig.Yesterday.AddHours(9));
        await ReplayRig.TapAsync(terminal, 6, 2, card.ChipNumber, ReplayRig.Yesterday.AddHours(11));

        await terminal.ResultAsync(6, 1, TapOutcome.CheckedIn);
        var second = await terminal.ResultAsync(6, 2, TapOutcome.Refused);
        Assert.Equal("checkin-not-allowed", second.Reason);
        Assert.Contains("vandaag al ingecheckt", second.Message, StringComparison.Ordinal);
        Assert.Single(rig.Central.State.Checkins);
        Assert.Equal(
            [new CreditCount(ReplayRig.DeviceId, rig.MorningEvent.Id, TapCredit.CreditedFromHistory, 1), new CreditCount(ReplayRig.DeviceId, rig.MorningEvent.Id, TapCredit.RefusedLimit, 1)],
            rig.Store.CreditCounts());
    }

    [Fact]
    public async Task Agent_stopped_mid_call_that_central_counted_credits_it_from_history_after_restart()
    {
        await using var rig = await ReplayRig.StartAsync();
        rig.Central.Faults.Hang(SimEndpoint.Checkin, times: 1);
        var terminal = await rig.TerminalAsync();
        var card = rig.Central.Seed.GoodCards[4];
        await ReplayRig.TapAsync(terminal, 7, 1, card.ChipNumber, ReplayRig.Yesterday.AddHours(8));
        await WaitForRequestAsync(rig, SimEndpoint.Checkin, 1);
        // Central processes the call the agent is waiting for (as if its answer were on its way) …
        var committed = await rig.Host.Services.GetRequiredService<IUitpasCentral>().CheckinAsync(card.UitpasNumber, rig.MorningEvent.Id, CancellationToken.None);
        Assert.True(committed.IsOk, committed.ToString());

        // … and the agent stops before it arrives.
        await rig.StopAgentAsync();
        Assert.Equal((long)RelayState.InFlight, rig.Scalar("SELECT relay_state FROM taps"));
        await rig.StartAgentAsync();

        var result = await rig.FinalResultAsync(7, 1);
        Assert.Equal(TapOutcome.CheckedIn, result.Outcome);
        Assert.Single(rig.Central.State.Checkins);
        Assert.Equal(2, rig.Central.State.RequestCount(SimEndpoint.Checkin));
        Assert.Equal(TapCredit.CreditedFromHistory, Assert.Single(rig.Store.CreditCounts()).Credit);
        Assert.Equal(1, rig.Scalar("SELECT COUNT(*) FROM relay_attempts WHERE outcome = 'interrupted'"));
    }

    [Fact]
    public async Task Agent_stopped_mid_call_that_central_never_processed_sends_it_once_after_restart()
    {
        await using var rig = await ReplayRig.StartAsync();
        rig.Central.Faults.Hang(SimEndpoint.Checkin, times: 1);
        var terminal = await rig.TerminalAsync();
        var card = rig.Central.Seed.GoodCards[5];
        await ReplayRig.TapAsync(terminal, 8, 1, card.ChipNumber, ReplayRig.Yesterday.AddHours(8));
        await WaitForRequestAsync(rig, SimEndpoint.Checkin, 1);

        await rig.StopAgentAsync();
        await rig.StartAgentAsync();

        Assert.Equal(TapOutcome.CheckedIn, (await rig.FinalResultAsync(8, 1)).Outcome);
        Assert.Single(rig.Central.State.Checkins);
        Assert.Equal(2, rig.Central.State.RequestCount(SimEndpoint.Checkin));
        Assert.True(rig.Central.State.RequestCount(SimEndpoint.SearchCheckins) >= 1);
        Assert.Equal(TapCredit.Credited, Assert.Single(rig.Store.CreditCounts()).Credit);
    }

    [Fact]
    public async Task Agent_stopped_while_reconciling_a_lost_response_credits_the_checkin_after_restart()
    {
        await using var rig = await ReplayRig.StartAsync();
        rig.Central.Faults.DropResponseAfterCommit(SimEndpoint.Checkin, times: 1);
        rig.Central.Faults.Hang(SimEndpoint.SearchCheckins);
        var terminal = await rig.TerminalAsync();
        var card = rig.Central.Seed.GoodCards[6];
        await ReplayRig.TapAsync(terminal, 9, 1, card.ChipNumber, ReplayRig.Yesterday.AddHours(8));
        await WaitForRequestAsync(rig, SimEndpoint.SearchCheckins, 1);

        await rig.StopAgentAsync();
        Assert.Equal((long)RelayState.Unknown, rig.Scalar("SELECT relay_state FROM taps"));
        rig.Central.Faults.Clear();
        await rig.StartAgentAsync();

        Assert.Equal(TapOutcome.CheckedIn, (await rig.FinalResultAsync(9, 1)).Outcome);
        Assert.Single(rig.Central.State.Checkins);
        Assert.Equal(1, rig.Central.State.RequestCount(SimEndpoint.Checkin));
        Assert.Equal(TapCredit.CreditedFromHistory, Assert.Single(rig.Store.CreditCounts()).Credit);
    }

    [Fact]
    public async Task Window_refusal_of_a_live_tap_whose_lost_call_counted_late_is_credited_from_history()
    {
        // Kiosk 3's event is open 19:00–22:00 (plus 30 min). The first call's answer is lost; central
        // commits it only after the agent's first look at the history (a slow commit); by the resend
        // the window has closed, and central answers checkin-not-allowed, not maximum-reached.
        var kiosk = new EveningKiosk();
        await using var rig = await ReplayRig.StartAsync(decorate: inner => SlowKioskCommit.Wrap(inner, kiosk));
        kiosk.Rig = rig;
        var evening = ReplayRig.Yesterday.AddDays(1).AddHours(21).AddMinutes(55);
        rig.Clock.MoveTo(evening);
        var terminal = await rig.TerminalAsync();
        var card = rig.Central.Seed.GoodCards[8];

        await ReplayRig.TapAsync(terminal, 10, 1, card.ChipNumber, evening, TapFlags.None);

        var result = await rig.FinalResultAsync(10, 1);
        Assert.True(kiosk.Committed);
        Assert.Equal(TapOutcome.CheckedIn, result.Outcome);
        Assert.Equal(1, rig.Central.State.CheckinCountForChip(card.ChipNumber));
        Assert.Equal(2, rig.Central.State.RequestCount(SimEndpoint.KioskCheckin)); // the slow commit, the refused resend
        Assert.Equal(TapCredit.CreditedFromHistory, Assert.Single(rig.Store.CreditCounts()).Credit);
        Assert.Equal(1, rig.Scalar("SELECT COUNT(*) FROM relay_attempts WHERE outcome = 'history'"));
    }

    private static async Task WaitForRequestAsync(ReplayRig rig, SimEndpoint endpoint, int count)
    {
        using var timeout = new CancellationTokenSource(Waits.Default);
        await rig.Central.State.WaitForRequestsAsync(endpoint, count, timeout.Token);
    }

    /// <summary>The rig's device checks in at the simulator's evening kiosk (event open 19:00–22:00); the window closes on demand.</summary>
    internal sealed class EveningKiosk
    {
        private int _committed;

        public ReplayRig? Rig { get; set; }

        public string Token => Rig!.Central.Seed.Kiosks[2].Token;

        public bool Committed => Volatile.Read(ref _committed) == 1;

        /// <summary>The slow commit landed; the clock moves to 22:45, past the window and its margin.</summary>
        public void WindowCloses()
        {
            Volatile.Write(ref _committed, 1);
            Rig!.Clock.MoveTo(ReplayRig.Yesterday.AddDays(1).AddHours(22).AddMinutes(45));
        }
    }

    internal sealed class LateCommit
    {
        private int _done;

        public (string UitpasNumber, string EventId) Checkin { get; set; }

        public bool Committed => Volatile.Read(ref _done) == 2;

        public bool TryStart() => Interlocked.CompareExchange(ref _done, 1, 0) == 0;

        public void Done() => Volatile.Write(ref _done, 2);
    }
}

/// <summary>The real client; after the first history search central commits a check-in (a slow commit). Every other call passes through.</summary>
#pragma warning disable CA1852 // DispatchProxy derives from it at run time
internal class CommitAfterFirstSearch : DispatchProxy
#pragma warning restore CA1852
{
    private IUitpasCentral _inner = null!;
    private ReconciliationTests.LateCommit _late = null!;

    public static IUitpasCentral Wrap(IUitpasCentral inner, ReconciliationTests.LateCommit late)
    {
        var proxy = Create<IUitpasCentral, CommitAfterFirstSearch>();
        var self = (CommitAfterFirstSearch)(object)proxy;
        self._inner = inner;
        self._late = late;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IUitpasCentral.SearchCheckinsAsync))
        {
            return SearchAsync((CheckinQuery)args![0]!, (CancellationToken)args[1]!);
        }
        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(exception.InnerException).Throw();
            throw;
        }
    }

    private async Task<CentralResponse<CheckinPage>> SearchAsync(CheckinQuery query, CancellationToken ct)
    {
        var page = await _inner.SearchCheckinsAsync(query, ct);
        if (_late.TryStart())
        {
            var created = await _inner.CheckinAsync(_late.Checkin.UitpasNumber, _late.Checkin.EventId, ct);
            Assert.True(created.IsOk, created.ToString());
            _late.Done();
        }
        return page;
    }
}

/// <summary>
/// The real client, its kiosk calls made with the evening kiosk's token; the first kiosk check-in
/// gets no answer and does not reach central at once:
/// central commits it after the agent's first history search, and the clock then moves past the
/// event's check-in window (22:45).
/// </summary>
#pragma warning disable CA1852 // DispatchProxy derives from it at run time
internal class SlowKioskCommit : DispatchProxy
#pragma warning restore CA1852
{
    private IUitpasCentral _inner = null!;
    private ReconciliationTests.EveningKiosk _kiosk = null!;
    private (string Token, string Chip)? _first;
    private int _state;

    public static IUitpasCentral Wrap(IUitpasCentral inner, ReconciliationTests.EveningKiosk kiosk)
    {
        var proxy = Create<IUitpasCentral, SlowKioskCommit>();
        var self = (SlowKioskCommit)(object)proxy;
        self._inner = inner;
        self._kiosk = kiosk;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IUitpasCentral.KioskCheckinAsync))
        {
            args![0] = _kiosk.Token;
            if (Interlocked.CompareExchange(ref _state, 1, 0) == 0)
            {
                _first = (_kiosk.Token, (string)args[1]!);
                return Task.FromResult(CentralResponse<KioskCheckin>.Unavailable("connection dropped before the answer"));
            }
        }
        if (targetMethod.Name == nameof(IUitpasCentral.SearchCheckinsAsync))
        {
            return SearchAsync((CheckinQuery)args![0]!, (CancellationToken)args[1]!);
        }
        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(exception.InnerException).Throw();
            throw;
        }
    }

    private async Task<CentralResponse<CheckinPage>> SearchAsync(CheckinQuery query, CancellationToken ct)
    {
        var page = await _inner.SearchCheckinsAsync(query, ct);
        if (Interlocked.CompareExchange(ref _state, 2, 1) == 1)
        {
            var committed = await _inner.KioskCheckinAsync(_first!.Value.Token, _first.Value.Chip, ct);
            Assert.True(committed.IsOk, committed.ToString());
            _kiosk.WindowCloses();
        }
        return page;
    }
}
