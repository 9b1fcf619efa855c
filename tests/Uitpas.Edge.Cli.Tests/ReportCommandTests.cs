using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Uitpas.Edge.Agent.Api;
using Uitpas.Edge.Agent.Hosting;
using Uitpas.Edge.Agent.Reconcile;
using Uitpas.Edge.Agent.Reports;
using Uitpas.Edge.Agent.Reports.Output;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Cli.Tests;

/// <summary>
/// report participation|settlement against a real agent (admin API, bearer token) whose report source holds a small
/// March 2026: cultuur 6 passholders, jeugd 2 (hidden) and sport 5 (hidden as its complement), one social-tariff sale of CC De Werf (card system 1, key 25/35/40).
/// </summary>
public sealed class ReportCommandTests : IAsyncLifetime
{
    private static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    private CentralSimulator _central = null!;
    private IHost _agent = null!;
    private string _directory = null!;
    private Dictionary<string, string> _variables = null!;

    public async Task InitializeAsync()
    {
        _directory = Directory.CreateTempSubdirectory("uitpas-cli-report-").FullName;
        _central = await CentralSimulator.StartAsync(new SimulatorOptions { Port = 0 });
        var settings = new Dictionary<string, string?>(_central.ClientSettings())
        {
            ["Agent:DataDirectory"] = Path.Combine(_directory, "agent"),
            ["Agent:Broker:Mode"] = "Embedded",
            ["Agent:Broker:Embedded:BindAddress"] = "127.0.0.1",
            ["Agent:Broker:Embedded:Port"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        _agent = AgentHost.Build(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(),
            builder => builder.Services.Replace(ServiceDescriptor.Singleton<IReportSource>(new MarchSource())));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _agent.StartAsync(timeout.Token);
        var admin = _agent.Services.GetRequiredService<AdminServer>();
        _variables = new Dictionary<string, string>
        {
            ["UITPAS_EDGE_AGENT"] = $"http://{_agent.GetAdminEndPoint()}",
            ["UITPAS_EDGE_TOKEN_FILE"] = admin.TokenPath,
        };
    }

    public async Task DisposeAsync()
    {
        await _agent.StopAsync();
        _agent.Dispose();
        await _central.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Participation_saves_every_file_the_agent_makes_and_prints_the_domain_totals()
    {
        var folder = Path.Combine(_directory, "maart");

        var run = await CliAsync("report", "participation", "--from", "2026-03-01", "--to", "2026-03-31", "--out", folder);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(ReportFiles.ParticipationNames.Order(StringComparer.Ordinal), Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var csv = CsvTable.Parse(File.ReadAllBytes(Path.Combine(folder, "per-domein.csv")));
        Assert.Equal(["cultuur", "6"], csv.Rows[0].Take(2));
        Assert.Equal(["jeugd", "<5"], csv.Rows[1].Take(2));
        Assert.StartsWith("<?xml", File.ReadAllText(Path.Combine(folder, "checkins-per-domein.svg")), StringComparison.Ordinal);
        var jeugd = run.Output.Split('\n').Single(l => l.TrimStart().StartsWith("jeugd", StringComparison.Ordinal));
        Assert.Contains("<5", jeugd, StringComparison.Ordinal);
        Assert.DoesNotContain(" 2 ", jeugd, StringComparison.Ordinal);
        Assert.Contains($"wrote {ReportFiles.ParticipationNames.Count} files to {folder}", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Participation_json_is_the_agents_report_with_the_files_written_and_french_on_request()
    {
        var folder = Path.Combine(_directory, "mars");

        var run = await CliAsync("report", "participation", "--from", "2026-03-01", "--to", "2026-03-31", "--out", folder, "--lang", "fr", "--json");

        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        Assert.Equal("fr", json.GetProperty("lang").GetString());
        var jeugd = json.GetProperty("tables")[0].GetProperty("rows")[1];
        Assert.Equal("jeunesse", jeugd.GetProperty("label").GetString());
        Assert.True(jeugd.GetProperty("checkins").GetProperty("suppressed").GetBoolean());
        Assert.Equal(ReportFiles.ParticipationNames.Count, json.GetProperty("written").GetArrayLength());
        Assert.Equal("Domaine", CsvTable.Parse(File.ReadAllBytes(Path.Combine(folder, "per-domein.csv"))).Headers[0]);
    }

    [Fact]
    public async Task Settlement_saves_the_summary_and_a_claim_per_organizer_and_says_what_the_municipality_pays()
    {
        var folder = Path.Combine(_directory, "afrekening");

        var run = await CliAsync("report", "settlement", "--from", "2026-03-01", "--to", "2026-03-31", "--out", folder);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["samenvatting.csv", "vordering-cc-de-werf.csv", "vordering-cc-de-werf.html"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("the municipality pays € 3.20 for 1 social-tariff sale", run.Output, StringComparison.Ordinal);
        Assert.Contains("De gemeente betaalt: € 3,20", File.ReadAllText(Path.Combine(folder, "vordering-cc-de-werf.html")), StringComparison.Ordinal);
        var summary = CsvTable.Parse(File.ReadAllBytes(Path.Combine(folder, "samenvatting.csv")));
        Assert.Equal(["CC De Werf", "1", "1", "8,00", "2,00", "2,80", "3,20", "0"], summary.Rows[0]);
    }

    [Fact]
    public async Task The_agents_refusals_are_exit_1_with_its_sentence()
    {
        var future = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(3)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var unknown = await CliAsync("report", "settlement", "--from", "2026-03-01", "--to", "2026-03-31", "--out", Path.Combine(_directory, "x"), "--card-system", "7");
        var late = await CliAsync("report", "participation", "--from", "2026-03-01", "--to", future, "--out", Path.Combine(_directory, "y"));

        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal("error: card system 7 is not known to this agent (known: 1)", unknown.Error.Trim());
        Assert.Equal(1, late.ExitCode);
        Assert.Equal($"error: --to {future} is in the future", late.Error.Trim());
        Assert.Empty(Directory.GetFiles(Path.Combine(_directory, "y")));
    }

    [Theory]
    [InlineData("--from", "1/3/2026", "error: --from must be a date yyyy-mm-dd, not '1/3/2026'")]
    [InlineData("--to", "31-03-2026", "error: --to must be a date yyyy-mm-dd, not '31-03-2026'")]
    [InlineData("--lang", "de", "error: --lang must be nl, fr or en, not 'de'")]
    public async Task Bad_arguments_are_exit_2_before_the_agent_is_asked(string option, string value, string error)
    {
        var args = new Dictionary<string, string> { ["--from"] = "2026-03-01", ["--to"] = "2026-03-31", ["--out"] = Path.Combine(_directory, "z") };
        args[option] = value;

        var run = await CliAsync(["report", "participation", .. args.SelectMany(a => new[] { a.Key, a.Value })]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(error, run.Error.Split('\n')[0].Trim());
        Assert.StartsWith("usage: uitpas-edge report participation --from <date> --to <date> --out <dir>", run.Error.Split('\n')[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_out_that_is_a_file_or_a_bad_card_system_is_refused_and_nothing_is_written()
    {
        var file = Path.Combine(_directory, "report.txt");
        await File.WriteAllTextAsync(file, "keep me");

        var intoFile = await CliAsync("report", "settlement", "--from", "2026-03-01", "--to", "2026-03-31", "--out", file);
        var badSystem = await CliAsync("report", "settlement", "--from", "2026-03-01", "--to", "2026-03-31", "--out", Path.Combine(_directory, "w"), "--card-system", "één");

        Assert.Equal(2, intoFile.ExitCode);
        Assert.Contains($"--out {file} is a file; give a folder", intoFile.Error, StringComparison.Ordinal);
        Assert.Equal("keep me", await File.ReadAllTextAsync(file));
        Assert.Equal(2, badSystem.ExitCode);
        Assert.Contains("--card-system must be a card system number (1, 2, …), not 'één'", badSystem.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_names_the_commands_and_their_options()
    {
        var group = await CliAsync("report", "--help");
        var settlement = await CliAsync("report", "settlement", "--help");

        Assert.Equal(0, group.ExitCode);
        Assert.Contains("participation", group.Output, StringComparison.Ordinal);
        Assert.Contains("settlement", group.Output, StringComparison.Ordinal);
        Assert.Equal(0, settlement.ExitCode);
        Assert.Contains("--card-system", settlement.Output, StringComparison.Ordinal);
        Assert.Contains("--out", settlement.Output, StringComparison.Ordinal);
    }

    private Task<CliRun> CliAsync(params string[] args) => CliRun.OfAsync(CliRun.Environment(_variables), args);

    private static DateTimeOffset Local(int day, int hour)
    {
        var wall = new DateTime(2026, 3, day, hour, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(wall, Brussels.GetUtcOffset(wall));
    }

    private static byte[] Pseudonym(int passholder) => SHA256.HashData(BitConverter.GetBytes(passholder));

    /// <summary>The facts of the small March, as the store would hand them over.</summary>
    private sealed class MarchSource : IReportSource
    {
        private static readonly TapFact[] Taps =
        [
            .. Enumerable.Range(1, 6).Select(p => new TapFact(p, Local(p, 10), "vt-001", "ev-1", PolicyDomain.Cultuur, "Oost-Vlaanderen", "Aalst", "Grote zaal",
                "CC De Werf", 1, Pseudonym(p), p == 1, TapCredit.Credited)),
            .. Enumerable.Range(11, 2).Select(p => new TapFact(p, Local(14, 10), "vt-001", "ev-2", PolicyDomain.Jeugd, "Oost-Vlaanderen", "Aalst", "Bib",
                "CC De Werf", 1, Pseudonym(p), false, TapCredit.Credited)),
            .. Enumerable.Range(21, 5).Select(p => new TapFact(p, Local(20, 10), "vt-002", "ev-3", PolicyDomain.Sport, "Oost-Vlaanderen", "Aalst", "Zwembad",
                "Sportdienst Aalst", 1, Pseudonym(p), false, TapCredit.Credited)),
        ];

        private static readonly SaleFact[] Sales =
        [
            new(1, "sale-000001", Local(2, 10), "vt-001", "ev-1", "Voorstelling", PolicyDomain.Cultuur, "Oost-Vlaanderen", "Aalst", "Grote zaal", "CC De Werf", 1,
                Pseudonym(1), "SOCIALTARIFF-1", "Kansentarief", SaleFact.SocialTariffType, 800, 200, new CostSharingKey(2500, 3500, 4000)),
        ];

        public Task<IReadOnlyList<TapFact>> TapsAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<TapFact>>([.. Taps.Where(t => t.At >= from && t.At < until)]);

        public Task<IReadOnlyList<SaleFact>> SalesAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<SaleFact>>([.. Sales.Where(s => s.SoldAt >= from && s.SoldAt < until)]);

        public Task<IReadOnlyList<long>> KnownCardSystemsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<long>>([1]);
    }
}
