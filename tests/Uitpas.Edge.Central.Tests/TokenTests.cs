using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Central.Tests;

public sealed class TokenTests
{
    [Fact]
    public async Task Token_is_fetched_once_and_reused_across_calls()
    {
        await using var h = await CentralHarness.StartAsync();

        for (var i = 0; i < 5; i++)
        {
            Assert.True((await h.Client.GetKioskCurrentEventAsync(h.Kiosk.Token, h.Ct)).IsOk);
        }

        Assert.Equal(1, h.Sim.State.TokensIssued);
        Assert.Equal(5, h.Sim.State.RequestCount(SimEndpoint.KioskCurrentEvent));
    }

    [Fact]
    public async Task Concurrent_first_calls_share_one_token_fetch()
    {
        await using var h = await CentralHarness.StartAsync();

        var calls = h.Sim.Seed.GoodCards.Take(16).Select(card => h.TapAsync(card));
        var results = await Task.WhenAll(calls);

        Assert.All(results, r => Assert.True(r.IsOk, r.ToString()));
        Assert.Equal(1, h.Sim.State.TokensIssued);
    }

    [Fact]
    public async Task Token_is_renewed_shortly_before_it_expires_without_a_401()
    {
        await using var h = await CentralHarness.StartAsync(simulator: o => o.TokenLifetime = TimeSpan.FromSeconds(60));
        Assert.True((await h.Client.GetKioskCurrentEventAsync(h.Kiosk.Token, h.Ct)).IsOk);

        // 50 s in: still valid at central, but inside the client's renewal margin.
        h.Time.Advance(TimeSpan.FromSeconds(50));
        Assert.True((await h.Client.GetKioskCurrentEventAsync(h.Kiosk.Token, h.Ct)).IsOk);

        Assert.Equal(2, h.Sim.State.TokensIssued);
        Assert.Equal(2, h.Sim.State.RequestCount(SimEndpoint.Api));
    }

    [Fact]
    public async Task Expired_token_is_renewed_before_the_next_call()
    {
        await using var h = await CentralHarness.StartAsync(simulator: o => o.TokenLifetime = TimeSpan.FromMinutes(5));
        Assert.True((await h.Client.GetKioskCurrentEventAsync(h.Kiosk.Token, h.Ct)).IsOk);

        h.Time.Advance(TimeSpan.FromMinutes(6));
        var after = await h.Client.GetKioskCurrentEventAsync(h.Kiosk.Token, h.Ct);

        Assert.True(after.IsOk, after.ToString());
        Assert.Equal(2, h.Sim.State.TokensIssued);
        Assert.Equal(2, h.Sim.State.RequestCount(SimEndpoint.Api));
    }

    [Fact]
    public async Task A_401_renews_the_token_once_and_retries_the_call_once()
    {
        await using var h = await CentralHarness.StartAsync();
        Assert.True((await h.Client.GetKioskCurrentEventAsync(h.Kiosk.Token, h.Ct)).IsOk);

        h.Sim.RevokeAllTokens();
        var card = h.Sim.Seed.GoodCards[0];
        var result = await h.TapAsync(card);

        Assert.True(result.IsOk, result.ToString());
        Assert.Equal(2, h.Sim.State.TokensIssued);
        Assert.Equal(2, h.Sim.State.RequestCount(SimEndpoint.KioskCheckin));
        Assert.Equal(1, h.Sim.State.CheckinCountForChip(card.ChipNumber));
    }

    [Fact]
    public async Task A_401_that_persists_after_renewal_is_a_problem_without_further_retries()
    {
        await using var h = await CentralHarness.StartAsync();
        h.Sim.Faults.RejectBearerTokens();

        var result = await h.Client.GetPassAsync(h.Sim.Seed.GoodCards[0].ChipNumber, h.Ct);

        Assert.Equal(CentralOutcome.Problem, result.Outcome);
        Assert.Equal(401, result.HttpStatus);
        Assert.Equal(ProblemTypes.Unauthorized, result.Problem!.Type);
        Assert.Equal(2, h.Sim.State.TokensIssued);
        Assert.Equal(2, h.Sim.State.RequestCount(SimEndpoint.Passes));
    }

    [Fact]
    public async Task Bad_client_credentials_are_a_problem_and_no_api_call_is_made()
    {
        await using var h = await CentralHarness.StartAsync(settings: s => s["Central:ClientSecret"] = "not-the-secret");

        var result = await h.TapAsync(h.Sim.Seed.GoodCards[0]);

        Assert.Equal(CentralOutcome.Problem, result.Outcome);
        Assert.Equal(401, result.HttpStatus);
        Assert.Equal("unauthorized", result.Problem!.ShortType);
        Assert.Equal(0, h.Sim.State.TokensIssued);
        Assert.Equal(0, h.Sim.State.RequestCount(SimEndpoint.Api));
    }

    [Fact]
    public async Task Unavailable_token_endpoint_makes_the_call_unavailable_with_its_retry_after()
    {
        await using var h = await CentralHarness.StartAsync();
        h.Sim.Faults.ServiceUnavailable(SimEndpoint.Token, TimeSpan.FromSeconds(20), times: 1);

        var first = await h.TapAsync(h.Sim.Seed.GoodCards[0]);
        var second = await h.TapAsync(h.Sim.Seed.GoodCards[0]);

        Assert.Equal(CentralOutcome.Unavailable, first.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(20), first.RetryAfter);
        Assert.Contains("token request", first.FailureReason);
        Assert.True(second.IsOk, second.ToString());
    }
}
