using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Central.Tests;

public sealed class OptionsAndMisuseTests
{
    [Fact]
    public void Missing_or_invalid_settings_fail_options_validation_with_every_reason()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Central:BaseAddress"] = "/relative",
            ["Central:ClientId"] = "edge",
            ["Central:RequestTimeout"] = "00:00:00",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddUitpasCentral(configuration.GetSection("Central")).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<CentralOptions>>().Value);

        Assert.Contains(error.Failures, f => f.Contains("BaseAddress", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("TokenEndpoint", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("ClientSecret", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("RequestTimeout", StringComparison.Ordinal));
        Assert.DoesNotContain(error.Failures, f => f.Contains("ClientId", StringComparison.Ordinal));
    }

    [Fact]
    public void Complete_settings_bind_and_validate()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Central:BaseAddress"] = "https://api-test.uitpas.be",
            ["Central:TokenEndpoint"] = "https://account-test.uitid.be/realms/uitid/protocol/openid-connect/token",
            ["Central:ClientId"] = "edge",
            ["Central:ClientSecret"] = "secret",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddUitpasCentral(configuration.GetSection("Central")).BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<CentralOptions>>().Value;

        Assert.Equal(new Uri("https://api-test.uitpas.be"), options.BaseAddress);
        Assert.Equal(TimeSpan.FromSeconds(10), options.RequestTimeout);
    }

    [Fact]
    public async Task Empty_arguments_are_misuse_and_throw()
    {
        await using var h = await CentralHarness.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.KioskCheckinAsync(h.Kiosk.Token, " ", h.Ct));
        await Assert.ThrowsAsync<ArgumentNullException>(() => h.Client.KioskCheckinAsync(null!, "04AABBCCDDEEFF", h.Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.GetPassAsync("", h.Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.CheckinAsync("0900000095902", "", h.Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.SearchCheckinsAsync(new CheckinQuery { PassholderId = "p", OrganizerIds = [] }, h.Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => h.Client.SearchCheckinsAsync(new CheckinQuery { PassholderId = "p", OrganizerIds = ["o"], Limit = 501 }, h.Ct));
        Assert.Equal(0, h.Sim.State.RequestCount(SimEndpoint.All));
    }

    [Fact]
    public void Problem_short_type_and_message_fallback()
    {
        var problem = new CentralProblem("https://api.publiq.be/probs/uitpas/maximum-reached", "Maximum reached", 400, null, "nl-tekst", null, "en text");

        Assert.Equal("maximum-reached", problem.ShortType);
        Assert.Equal("en text", problem.EndUserMessage("EN"));
        Assert.Equal("nl-tekst", problem.EndUserMessage("fr"));
        Assert.Equal("nl-tekst", problem.EndUserMessage("nl"));
    }
}
