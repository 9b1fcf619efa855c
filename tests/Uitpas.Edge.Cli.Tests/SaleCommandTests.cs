using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Uitpas.Edge.Agent.Sales;
using Uitpas.Edge.Cli.Tests.Infrastructure;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Cli.Tests;

/// <summary>
/// sale register|show against a real agent and the central simulator: a counter terminal (vt-kassa, card system 1,
/// organizer CC De Werf) is made and assigned to the simulator's first event through the CLI itself. The simulator
/// sells the social tariff at a quarter of the regular price, once per passholder, event and day.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed partial class SaleCommandTests : IAsyncLifetime
{
    private const string Counter = "vt-kassa";

    private CliSystem _system = null!;

    private CentralSimulator Central => _system.Tap.Central;

    private SeedCard SocialCard => Central.Seed.SocialTariffCards[0];

    public async Task InitializeAsync()
    {
        _system = await CliSystem.StartAsync();
        var today = DateOnly.FromDateTime(DateTime.Now);
        await Succeeds("device", "create", Counter, "--kiosk-token", _system.KioskToken, "--card-system", "1", "--out", _system.PathOf("kassa.secret"));
        await Succeeds("device", "assign", Counter, "--municipality", "Aalst", "--venue", "CC De Werf", "--organizer", "CC De Werf",
            "--event", Central.Seed.Events[0].Id, "--from", Day(today.AddDays(-1)), "--until", Day(today.AddDays(1)), "--title", "Voorstelling", "--domain", "cultuur");
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task A_sale_is_done_at_the_simulators_quarter_price_under_the_key_in_force_and_the_card_is_never_printed()
    {
        await Succeeds("cost-sharing", "set", "--card-system", "1", "--key", "25/35/40");

        var run = await _system.CliAsync("sale", "register", "--device", Counter, "--card", SocialCard.ChipNumber, "--regular-price", "12,50", "--label", "Volwassenen");

        Assert.Equal(0, run.ExitCode);
        var central = Assert.Single(Central.State.TicketSales);
        var quarter = Math.Round(12.50m / 4, 2, MidpointRounding.AwayFromZero);
        Assert.Equal((3.13m, 12.50m, "Volwassenen"), (quarter, central.RegularPrice, central.RegularPriceLabel));
        Assert.Equal(quarter, central.Price);
        Assert.Contains("sold at the social tariff (Kansentarief): paid € 3.13 of the regular € 12.50.", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"cost-sharing key\s+25/35/40", run.Output);
        Assert.Matches($@"central sale id\s+{Regex.Escape(central.Id)}", run.Output);
        var key = KeyOf(run);
        var shown = await _system.CliAsync("sale", "show", key, "--json");
        Assert.Equal(0, shown.ExitCode);
        var json = shown.Json();
        Assert.Equal(("done", 3.13m, 12.50m, central.Id, "25/35/40", "CC De Werf"),
            (json.GetProperty("state").GetString(), json.GetProperty("paidPrice").GetDecimal(), json.GetProperty("regularPrice").GetDecimal(),
             json.GetProperty("centralSaleId").GetString(), json.GetProperty("costSharingKey").GetString(), json.GetProperty("organizer").GetString()));
        foreach (var output in new[] { run.Output, run.Error, shown.Output })
        {
            Assert.DoesNotContain(SocialCard.ChipNumber, output, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(SocialCard.UitpasNumber, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_same_command_with_its_sale_key_returns_that_sale_and_central_sells_once()
    {
        var first = await _system.CliAsync("sale", "register", "--device", Counter, "--card", SocialCard.UitpasNumber, "--regular-price", "8");
        var key = KeyOf(first);

        var again = await _system.CliAsync("sale", "register", "--device", Counter, "--card", SocialCard.UitpasNumber, "--regular-price", "8.00", "--sale-key", key);
        var json = await _system.CliAsync("sale", "register", "--device", Counter, "--card", SocialCard.UitpasNumber, "--regular-price", "8,00", "--sale-key", key, "--json");

        Assert.Equal((0, 0, 0), (first.ExitCode, again.ExitCode, json.ExitCode));
        var central = Assert.Single(Central.State.TicketSales);
        Assert.Equal(1, Central.State.RequestCount(SimEndpoint.TicketSales));
        Assert.Contains($"sale key {key} was registered before: this is that sale, not a new one.", again.Output, StringComparison.Ordinal);
        Assert.Contains("paid € 2.00 of the regular € 8.00", again.Output, StringComparison.Ordinal);
        Assert.Equal((key, central.Id, 2.00m), (json.Json().GetProperty("saleKey").GetString(), json.Json().GetProperty("centralSaleId").GetString(),
            json.Json().GetProperty("paidPrice").GetDecimal()));
        Assert.Equal("", json.Error);
    }

    [Fact]
    public async Task Central_unavailable_sells_nothing_and_names_the_key_that_sells_it_later()
    {
        Central.Faults.ServiceUnavailable(SimEndpoint.TicketSales, TimeSpan.FromSeconds(1), times: 1);

        var refused = await _system.CliAsync("sale", "register", "--device", Counter, "--card", SocialCard.ChipNumber, "--regular-price", "5");
        var key = KeyOf(refused);
        var countMeanwhile = Central.State.TicketSales.Count;
        var sold = await _system.CliAsync("sale", "register", "--device", Counter, "--card", SocialCard.ChipNumber, "--regular-price", "5", "--sale-key", key);

        Assert.Equal(1, refused.ExitCode);
        Assert.EndsWith($"error: Central could not be reached: nothing was sold. Try again with the same saleKey (run the same command with --sale-key {key})",
            refused.Error.Trim(), StringComparison.Ordinal);
        Assert.Equal(0, countMeanwhile);
        Assert.Equal(0, sold.ExitCode);
        Assert.Contains("paid € 1.25 of the regular € 5.00", sold.Output, StringComparison.Ordinal);
        Assert.Single(Central.State.TicketSales);
    }

    [Fact]
    public async Task A_lost_answer_says_the_agent_settles_it_and_sale_show_finds_it_done_once()
    {
        Central.Faults.DropResponseAfterCommit(SimEndpoint.TicketSales, times: 1);

        var run = await _system.CliAsync("sale", "register", "--device", Counter, "--card", SocialCard.ChipNumber, "--regular-price", "10");
        var key = KeyOf(run);
        var before = await _system.CliAsync("sale", "show", key, "--json");
        await _system.Tap.Agent.Services.GetRequiredService<SaleReconciler>().RunOnceAsync(CancellationToken.None);
        var after = await _system.CliAsync("sale", "show", key);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"central's answer was lost; the agent settles it, check with `uitpas-edge sale show {key}`.", run.Output, StringComparison.Ordinal);
        Assert.Equal(0, before.ExitCode);
        Assert.NotEqual("done", before.Json().GetProperty("state").GetString());
        Assert.Equal(0, after.ExitCode);
        Assert.Contains("sold at the social tariff (Kansentarief): paid € 2.50 of the regular € 10.00.", after.Output, StringComparison.Ordinal);
        Assert.Matches($@"central sale id\s+{Regex.Escape(Assert.Single(Central.State.TicketSales).Id)}", after.Output);
    }

    [Fact]
    public async Task A_refused_sale_is_exit_1_with_centrals_Dutch_text_for_the_counter()
    {
        var card = Central.Seed.ExpiredSocialTariffCards[0];

        var run = await _system.CliAsync("sale", "register", "--device", Counter, "--card", card.UitpasNumber, "--regular-price", "8", "--sale-key", "expired-1");
        var json = await _system.CliAsync("sale", "register", "--device", Counter, "--card", card.UitpasNumber, "--regular-price", "8", "--sale-key", "expired-1", "--json");
        var shown = await _system.CliAsync("sale", "show", "expired-1");

        const string Text = "Je hebt geen recht meer op kansentarief: het is verlopen. Ga langs bij je UiTPAS-balie om het te verlengen";
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: {Text}", run.Error.Trim());
        Assert.Equal(1, json.ExitCode);
        Assert.Equal(Text, json.Json().GetProperty("error").GetString());
        Assert.Equal(0, shown.ExitCode);
        Assert.StartsWith($"refused: {Text}.", shown.Output, StringComparison.Ordinal);
        Assert.Empty(Central.State.TicketSales);
        Assert.DoesNotContain(card.UitpasNumber, run.Error + json.Output + shown.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_device_or_one_without_organizer_is_exit_1_with_the_agents_sentence()
    {
        var unknown = await _system.CliAsync("sale", "register", "--device", "vt-none", "--card", SocialCard.ChipNumber, "--regular-price", "8");
        var noOrganizer = await _system.CliAsync("sale", "register", "--device", "e2e-01", "--card", SocialCard.ChipNumber, "--regular-price", "8",
            "--event", Central.Seed.Events[0].Id);
        var noSale = await _system.CliAsync("sale", "show", "no-such-key");

        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal("error: There is no device vt-none", unknown.Error.Trim().Split('\n')[^1]);
        Assert.Equal(1, noOrganizer.ExitCode);
        Assert.Equal("error: device e2e-01 has no organizer: set it with `device assign --organizer` first", noOrganizer.Error.Trim().Split('\n')[^1]);
        Assert.Equal(1, noSale.ExitCode);
        Assert.Equal("error: There is no sale with saleKey no-such-key", noSale.Error.Trim());
        Assert.Empty(Central.State.TicketSales);
    }

    [Theory]
    [InlineData("--regular-price", "-5", "error: --regular-price cannot be negative, not '-5'")]
    [InlineData("--regular-price", "12.505", "error: --regular-price has at most two decimals (cents), not '12.505'")]
    [InlineData("--regular-price", "twaalf", "error: --regular-price must be a euro amount such as 12.50 or 12,50, not 'twaalf'")]
    [InlineData("--regular-price", "1.250,00", "error: --regular-price must be a euro amount such as 12.50 or 12,50, not '1.250,00'")]
    [InlineData("--regular-price", "0,00", "error: --regular-price must be above 0 and at most 100000 euro, not '0,00'")]
    [InlineData("--card", "12345", "error: --card must be a chip number (hex, e.g. 04A1B2C3D4E5F6) or a 13-digit UiTPAS number")]
    [InlineData("--sale-key", "a key", "error: a sale key is 1 to 64 letters, digits, '-', '_' or '.' (register prints the one it made), not 'a key'")]
    public async Task Bad_arguments_are_exit_2_before_the_agent_is_asked(string option, string value, string error)
    {
        var args = new Dictionary<string, string> { ["--device"] = Counter, ["--card"] = SocialCard.ChipNumber, ["--regular-price"] = "8" };
        args[option] = value;

        var run = await _system.CliAsync(["sale", "register", .. args.SelectMany(a => new[] { a.Key, a.Value })]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(error, run.Error.Split('\n')[0].Trim());
        Assert.StartsWith("usage: uitpas-edge sale register --device <id> --card <chip|number> --regular-price <euro>", run.Error.Split('\n')[1], StringComparison.Ordinal);
        Assert.Equal(0, Central.State.RequestCount(SimEndpoint.TicketSales | SimEndpoint.Tariffs));
    }

    [Fact]
    public async Task Help_names_the_commands_and_the_sale_key_option()
    {
        var group = await _system.CliAsync("sale");
        var register = await _system.CliAsync("sale", "register", "--help");

        Assert.Equal(2, group.ExitCode);
        Assert.Contains("register", group.Error, StringComparison.Ordinal);
        Assert.Contains("show", group.Error, StringComparison.Ordinal);
        Assert.Equal(0, register.ExitCode);
        Assert.Contains("--sale-key", register.Output, StringComparison.Ordinal);
        Assert.Contains("12.50 or 12,50", register.Output, StringComparison.Ordinal);
    }

    private async Task Succeeds(params string[] args)
    {
        var run = await _system.CliAsync(args);
        Assert.True(run.ExitCode == 0, $"{string.Join(' ', args)}: {run.Error}");
    }

    /// <summary>The sale key register made and printed on stderr-or-stdout ("sale key K: if this command gets no answer, …").</summary>
    private static string KeyOf(CliRun run) =>
        MadeKey().Match(run.Output + run.Error) is { Success: true } match ? match.Groups[1].Value : throw new Xunit.Sdk.XunitException("no sale key printed:\n" + run.Output + run.Error);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"sale key ([0-9a-f-]{36}): if this command gets no answer, run it again with --sale-key \1")]
    private static partial Regex MadeKey();
}
