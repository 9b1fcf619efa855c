using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Uitpas.Edge.Agent.Alarms;
using Uitpas.Edge.Agent.Events;
using Uitpas.Edge.Agent.Relay;
using Uitpas.Edge.Central;

namespace Uitpas.Edge.Agent.Tests;

/// <summary>The breaker's state machine, with time driven by a FakeTimeProvider and central played by a scripted double.</summary>
public sealed class CircuitBreakerTests
{
    private static readonly TimeSpan OpenFor = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-03-02T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly ScriptedCentral _inner = new();
    private readonly List<object> _events = [];
    private readonly AlarmBoard _alarms;
    private readonly CircuitBreakingCentral _central;

    public CircuitBreakerTests()
    {
        var events = new AgentEvents(NullLogger<AgentEvents>.Instance);
        events.AlarmRaised += _events.Add;
        events.AlarmCleared += _events.Add;
        _alarms = new AlarmBoard(events, _time, NullLogger<AlarmBoard>.Instance);
        var options = Options.Create(new CircuitBreakerOptions
        {
            FailureThreshold = 3,
            FailureWindow = TimeSpan.FromMinutes(1),
            OpenFor = OpenFor,
            MaxOpenFor = TimeSpan.FromSeconds(25),
        });
        _central = new CircuitBreakingCentral(_inner, new CircuitBreaker(options, _alarms, _time, NullLogger<CircuitBreaker>.Instance));
    }

    [Fact]
    public async Task Opens_after_the_threshold_of_unavailable_answers_and_then_answers_without_calling_central()
    {
        _inner.Answer = Unavailable503;

        for (var i = 0; i < 3; i++)
        {
            Assert.False(CircuitBreakingCentral.IsRefusal(await CallAsync()));
        }
        _time.Advance(TimeSpan.FromSeconds(4));
        var refused = await CallAsync();

        Assert.Equal(3, _inner.Calls);
        Assert.True(CircuitBreakingCentral.IsRefusal(refused));
        Assert.Equal(CentralOutcome.Unavailable, refused.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(6), refused.RetryAfter);
        Assert.Equal(CircuitState.Open, _central.Breaker.State);
        var alarm = Assert.Single(_alarms.Active);
        Assert.Equal(AlarmKind.CentralUnreachable, alarm.Kind);
        Assert.Equal(_time.GetUtcNow() - TimeSpan.FromSeconds(4), alarm.Since);
        Assert.Single(_events.OfType<AlarmRaised>());
    }

    [Fact]
    public async Task Problems_about_the_card_and_429_are_answers_that_end_a_failure_streak()
    {
        var script = new Queue<Func<CentralResponse<KioskCheckin>>>(
        [
            Unavailable503, Unavailable503, CardBlocked,
            Unavailable503, Unavailable503, TooManyRequests,
            Unavailable503, Timeout, CardBlocked,
        ]);
        _inner.Answer = () => script.Dequeue()();

        for (var i = 0; i < 9; i++)
        {
            await CallAsync();
        }

        Assert.Equal(9, _inner.Calls);
        Assert.Equal(CircuitState.Closed, _central.Breaker.State);
        Assert.Empty(_alarms.Active);
    }

    [Fact]
    public async Task Failures_further_apart_than_the_window_do_not_add_up()
    {
        _inner.Answer = Unavailable503;

        await CallAsync();
        await CallAsync();
        _time.Advance(TimeSpan.FromMinutes(2));
        await CallAsync();
        await CallAsync();
        Assert.Equal(CircuitState.Closed, _central.Breaker.State);

        await CallAsync();
        Assert.Equal(CircuitState.Open, _central.Breaker.State);
        Assert.Equal(5, _inner.Calls);
    }

    [Fact]
    public async Task After_the_cool_down_one_probe_goes_through_while_other_calls_wait_and_its_answer_closes_the_breaker()
    {
        await OpenAsync();
        _time.Advance(OpenFor);
        Assert.Equal(CircuitState.HalfOpen, _central.Breaker.State);

        var answer = new TaskCompletionSource<CentralResponse<KioskCheckin>>(TaskCreationOptions.RunContinuationsAsynchronously);
        _inner.AnswerAsync = () => answer.Task;
        var probe = CallAsync();
        var whileProbing = await CallAsync();
        Assert.True(CircuitBreakingCentral.IsRefusal(whileProbing));
        Assert.Equal(TimeSpan.FromSeconds(1), whileProbing.RetryAfter);
        Assert.Equal(4, _inner.Calls);

        answer.SetResult(CentralResponse<KioskCheckin>.Ok(new KioskCheckin(1, 12), 200));
        Assert.True((await probe).IsOk);

        Assert.Equal(CircuitState.Closed, _central.Breaker.State);
        Assert.Empty(_alarms.Active);
        var cleared = Assert.Single(_events.OfType<AlarmCleared>());
        Assert.Equal(AlarmKind.CentralUnreachable, cleared.Kind);
        Assert.Equal(OpenFor, cleared.ClearedAt - cleared.Since);
        _inner.AnswerAsync = null;
        _inner.Answer = CardBlocked;
        Assert.False(CircuitBreakingCentral.IsRefusal(await CallAsync()));
        Assert.Equal(5, _inner.Calls);
    }

    [Fact]
    public async Task A_failed_probe_opens_the_breaker_again_for_twice_as_long_up_to_the_maximum()
    {
        await OpenAsync();

        _time.Advance(OpenFor);
        await CallAsync();
        Assert.Equal(TimeSpan.FromSeconds(20), (await CallAsync()).RetryAfter);

        _time.Advance(TimeSpan.FromSeconds(20));
        await CallAsync();
        Assert.Equal(TimeSpan.FromSeconds(25), (await CallAsync()).RetryAfter);

        _time.Advance(TimeSpan.FromSeconds(25));
        _inner.Answer = CardBlocked;
        await CallAsync();
        Assert.Equal(CircuitState.Closed, _central.Breaker.State);
        Assert.Equal(6, _inner.Calls);

        // A new outage starts again from the first cool-down.
        _inner.Answer = Unavailable503;
        await OpenAsync(expectedCalls: 9);
        Assert.Equal(OpenFor, (await CallAsync()).RetryAfter);
        Assert.Single(_events.OfType<AlarmCleared>());
        Assert.Equal(2, _events.OfType<AlarmRaised>().Count());
    }

    [Fact]
    public async Task A_probe_its_caller_gave_up_on_lets_the_next_call_probe()
    {
        await OpenAsync();
        _time.Advance(OpenFor);
        using var stopping = new CancellationTokenSource();
        _inner.AnswerAsync = () => new TaskCompletionSource<CentralResponse<KioskCheckin>>().Task; // never answers
        var probe = _central.KioskCheckinAsync("kiosk-token", "04A1B2C3D4E5F6", stopping.Token);

        await stopping.CancelAsync();
        _inner.AnswerAsync = null;
        _inner.Answer = CardBlocked;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => probe);
        var next = await CallAsync();

        Assert.False(CircuitBreakingCentral.IsRefusal(next));
        Assert.Equal(CircuitState.Closed, _central.Breaker.State);
    }

    private async Task OpenAsync(int expectedCalls = 3)
    {
        _inner.Answer = Unavailable503;
        for (var i = 0; i < 3; i++)
        {
            await CallAsync();
        }
        Assert.Equal(CircuitState.Open, _central.Breaker.State);
        Assert.Equal(expectedCalls, _inner.Calls);
    }

    private Task<CentralResponse<KioskCheckin>> CallAsync() => _central.KioskCheckinAsync("kiosk-token", "04A1B2C3D4E5F6", CancellationToken.None);

    private static CentralResponse<KioskCheckin> Unavailable503() => CentralResponse<KioskCheckin>.Unavailable("kiosk check-in: central answered 503", 503);

    private static CentralResponse<KioskCheckin> Timeout() => CentralResponse<KioskCheckin>.Unavailable("kiosk check-in: no answer within 10 s");

    private static CentralResponse<KioskCheckin> TooManyRequests() => CentralResponse<KioskCheckin>.Unavailable("kiosk check-in: central answered 429", 429, TimeSpan.FromSeconds(1));

    private static CentralResponse<KioskCheckin> CardBlocked() =>
        CentralResponse<KioskCheckin>.Refused(new CentralProblem(ProblemTypes.InvalidCardStatus, "Card blocked", 400, null, null, null, null), 400);

    /// <summary>Central as a script: KioskCheckinAsync answers what the test says and counts the calls; nothing else is used here.</summary>
    private sealed class ScriptedCentral : IUitpasCentral
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Func<CentralResponse<KioskCheckin>> Answer { get; set; } = Unavailable503;

        public Func<Task<CentralResponse<KioskCheckin>>>? AnswerAsync { get; set; }

        public Task<CentralResponse<KioskCheckin>> KioskCheckinAsync(string kioskToken, string chipNumber, CancellationToken ct)
        {
            Interlocked.Increment(ref _calls);
            return AnswerAsync is { } answer ? answer().WaitAsync(ct) : Task.FromResult(Answer());
        }

        public Task<CentralResponse<PassInfo>> GetPassAsync(string identifier, CancellationToken ct) => throw new NotSupportedException();

        public Task<CentralResponse<KioskEvent>> GetKioskCurrentEventAsync(string kioskToken, CancellationToken ct) => throw new NotSupportedException();

        public Task<CentralResponse<CheckinPage>> SearchCheckinsAsync(CheckinQuery query, CancellationToken ct) => throw new NotSupportedException();

        public Task<CentralResponse<CheckinResult>> CheckinAsync(string uitpasNumber, string eventId, CancellationToken ct) => throw new NotSupportedException();

        public Task<CentralResponse<IReadOnlyList<SocialTariffCard>>> GetActiveSocialTariffCardsAsync(int cardSystemId, CancellationToken ct) => throw new NotSupportedException();

        public Task<CentralResponse<EventSettings>> GetEventSettingsAsync(string eventId, CancellationToken ct) => throw new NotSupportedException();

        public Task<CentralResponse<TariffList>> GetStaticTariffsAsync(string eventId, decimal regularPrice, CancellationToken ct) => throw new NotSupportedException();
    }
}
