using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Central.Tests;

public sealed class FaultTests
{
    [Fact]
    public async Task Service_unavailable_is_unavailable_with_retry_after_in_seconds()
    {
        await using var h = await CentralHarness.StartAsync();
        h.Sim.Faults.ServiceUnavailable(retryAfter: TimeSpan.FromSeconds(30));

        var result = await h.TapAsync(h.Sim.Seed.GoodCards[0]);

        Assert.Equal(CentralOutcome.Unavailable, result.Outcome);
        Assert.Equal(503, result.HttpStatus);
        Assert.Equal(TimeSpan.FromSeconds(30), result.RetryAfter);
        Assert.Equal(1, h.Sim.State.RequestCount(SimEndpoint.KioskCheckin));
    }

    [Fact]
    public async Task Too_many_requests_is_unavailable_with_retry_after_as_an_http_date()
    {
        await using var h = await CentralHarness.StartAsync();
        h.Sim.Faults.Inject(new FaultRule(FaultKind.TooManyRequests, SimEndpoint.Api, RetryAfterDate: h.Time.GetUtcNow().AddMinutes(2)));

        var result = await h.Client.GetPassAsync(h.Sim.Seed.GoodCards[0].ChipNumber, h.Ct);

        Assert.Equal(CentralOutcome.Unavailable, result.Outcome);
        Assert.Equal(429, result.HttpStatus);
        Assert.Equal(TimeSpan.FromMinutes(2), result.RetryAfter);
        Assert.Equal("rate-limited", result.Problem?.ShortType);
        Assert.Equal(1, h.Sim.State.RequestCount(SimEndpoint.Passes));
    }

    [Fact]
    public async Task Faults_stop_after_the_given_number_of_requests()
    {
        await using var h = await CentralHarness.StartAsync();
        h.Sim.Faults.TooManyRequests(TimeSpan.FromSeconds(1), times: 2);

        var card = h.Sim.Seed.GoodCards[0];
        var first = await h.TapAsync(card);
        var second = await h.TapAsync(card);
        var third = await h.TapAsync(card);

        Assert.Equal(CentralOutcome.Unavailable, first.Outcome);
        Assert.Equal(CentralOutcome.Unavailable, second.Outcome);
        Assert.True(third.IsOk, third.ToString());
        Assert.Empty(h.Sim.Faults.Current);
    }

    [Fact]
    public async Task No_answer_within_the_request_timeout_is_unavailable()
    {
        await using var h = await CentralHarness.StartAsync();
        h.Sim.Faults.Hang(SimEndpoint.KioskCheckin);

        var call = h.TapAsync(h.Sim.Seed.GoodCards[0]);
        await h.Sim.State.WaitForRequestsAsync(SimEndpoint.KioskCheckin, 1, h.Ct);
        h.Time.Advance(TimeSpan.FromSeconds(5));
        var result = await call;

        Assert.Equal(CentralOutcome.Unavailable, result.Outcome);
        Assert.Null(result.HttpStatus);
        Assert.Contains("no answer within 5 s", result.FailureReason);
    }

    [Fact]
    public async Task Caller_cancellation_is_an_operation_canceled_exception_not_an_outcome()
    {
        await using var h = await CentralHarness.StartAsync();
        h.Sim.Faults.Hang(SimEndpoint.KioskCheckin);
        using var cancel = new CancellationTokenSource();

        var call = h.Client.KioskCheckinAsync(h.Kiosk.Token, h.Sim.Seed.GoodCards[0].ChipNumber, cancel.Token);
        await h.Sim.State.WaitForRequestsAsync(SimEndpoint.KioskCheckin, 1, h.Ct);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task Lost_response_is_unavailable_although_the_checkin_was_committed()
    {
        await using var h = await CentralHarness.StartAsync();
        var card = h.Sim.Seed.GoodCards[0];
        h.Sim.Faults.DropResponseAfterCommit(times: 1);

        var lost = await h.TapAsync(card);
        var replay = await h.TapAsync(card);

        Assert.Equal(CentralOutcome.Unavailable, lost.Outcome);
        Assert.Contains("network error", lost.FailureReason);
        Assert.Equal(1, h.Sim.State.CheckinCountForChip(card.ChipNumber));
        Assert.Equal(ProblemTypes.MaximumReached, replay.Problem!.Type);
    }

    [Fact]
    public async Task Malformed_json_from_the_server_gives_a_clear_failure_reason()
    {
        await using var h = await CentralHarness.StartAsync();
        h.Sim.Faults.MalformedBody(SimEndpoint.KioskCheckin, times: 1);

        var result = await h.TapAsync(h.Sim.Seed.GoodCards[0]);

        Assert.Equal(CentralOutcome.Unavailable, result.Outcome);
        Assert.Equal(200, result.HttpStatus);
        Assert.StartsWith("kiosk check-in: central answered 200 but the body is not a valid KioskCheckin", result.FailureReason);
    }

    [Fact]
    public async Task Malformed_problem_document_is_still_a_problem_with_a_failure_reason()
    {
        await using var h = await CentralHarness.StartAsync();
        h.Sim.Faults.MalformedBody(SimEndpoint.KioskCheckin, times: 1);

        var result = await h.TapAsync(h.Sim.Seed.BlockedCards[0]);

        Assert.Equal(CentralOutcome.Problem, result.Outcome);
        Assert.Equal(400, result.HttpStatus);
        Assert.Equal("about:blank", result.Problem!.Type);
        Assert.Contains("without a readable problem document", result.FailureReason);
    }

    [Fact]
    public async Task Unreachable_central_is_unavailable()
    {
        var port = await FreePortAsync();
        await using var h = await CentralHarness.StartAsync(settings: s =>
        {
            s["Central:BaseAddress"] = $"http://127.0.0.1:{port}/";
            s["Central:TokenEndpoint"] = $"http://127.0.0.1:{port}/token";
        });

        var result = await h.TapAsync(h.Sim.Seed.GoodCards[0]);

        Assert.Equal(CentralOutcome.Unavailable, result.Outcome);
        Assert.Contains("network error", result.FailureReason);
    }

    [Fact]
    public async Task Logs_never_contain_card_numbers_tokens_or_secrets()
    {
        await using var h = await CentralHarness.StartAsync(simulator: o => o.TokenLifetime = TimeSpan.FromSeconds(30));
        var good = h.Sim.Seed.GoodCards[0];
        var blocked = h.Sim.Seed.BlockedCards[0];
        await h.TapAsync(good);
        await h.TapAsync(good);
        await h.TapAsync(blocked);
        await h.Client.GetPassAsync(good.ChipNumber, h.Ct);
        await h.Client.GetPassAsync(blocked.UitpasNumber, h.Ct);
        await h.Client.CheckinAsync(good.UitpasNumber, h.EventOf(h.Kiosk).Id, h.Ct);
        h.Sim.RevokeAllTokens();
        await h.Client.GetPassAsync(h.Sim.Seed.UnknownChipNumbers[0], h.Ct);
        h.Sim.Faults.ServiceUnavailable();
        await h.TapAsync(good);

        var secrets = new[] { good.ChipNumber, good.UitpasNumber, blocked.ChipNumber, blocked.UitpasNumber, h.Sim.Seed.UnknownChipNumbers[0], h.Sim.ClientSecret, h.Kiosk.Token, "sim." };
        Assert.NotEmpty(h.Logs.Lines);
        Assert.All(h.Logs.Lines, line => Assert.DoesNotContain(secrets, s => line.Contains(s, StringComparison.OrdinalIgnoreCase)));
    }

    private static Task<int> FreePortAsync()
    {
        // A port that was free a moment ago and has no listener now.
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return Task.FromResult(port);
    }
}
