using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Uitpas.Edge.Agent.Hosting;
using Uitpas.Edge.Agent.Reports;
using Uitpas.Edge.Agent.Reports.Output;
using Uitpas.Edge.Agent.Tests.Infrastructure;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Agent.Tests.Reports;

/// <summary>
/// The report endpoints over real HTTP against a real agent (admin listener, bearer token), whose report source is
/// the March 2026 samples: JSON, files, refusals as problems with the engine's sentences, nothing personal in answers or logs.
/// </summary>
public sealed class ReportEndpointTests : IAsyncLifetime
{
    private const string March = "from=2026-03-01&to=2026-03-31";

    private readonly SampleReportSource _source = SampleReportSource.March();
    private readonly InMemoryLoggerProvider _logs = new();
    private CentralSimulator _central = null!;
    private IHost _agent = null!;
    private HttpClient _api = null!;
    private string _directory = null!;

    public async Task InitializeAsync()
    {
        _directory = Directory.CreateTempSubdirectory("uitpas-report-api-").FullName;
        _central = await CentralSimulator.StartAsync(new SimulatorOptions { Port = 0 });
        var settings = new Dictionary<string, string?>(_central.ClientSettings())
        {
            ["Agent:DataDirectory"] = _directory,
            ["Agent:Broker:Mode"] = "Embedded",
            ["Agent:Broker:Embedded:BindAddress"] = "127.0.0.1",
            ["Agent:Broker:Embedded:Port"] = "0",
            ["Agent:Devices:0:Id"] = "vt-001",
            ["Agent:Devices:0:KioskToken"] = _central.Seed.DefaultKiosk.Token,
        };
        _agent = AgentHost.Build(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(_logs);
            builder.Services.Replace(ServiceDescriptor.Singleton<IReportSource>(_source));
        });
        using var timeout = new CancellationTokenSource(Waits.Default);
        await _agent.StartAsync(timeout.Token);
        var token = (await File.ReadAllTextAsync(Path.Combine(_directory, "admin.token"))).Trim();
        _api = new HttpClient { BaseAddress = new Uri($"http://{_agent.GetAdminEndPoint()}"), Timeout = Waits.Default };
        _api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _agent.StopAsync();
        _agent.Dispose();
        await _central.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Participation_json_has_every_table_with_hidden_cells_as_objects_without_a_number()
    {
        var (status, body) = await GetJsonAsync($"/api/v1/reports/participation?{March}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("2026-03-01", (string)body["period"]!["from"]!);
        Assert.Equal("2026-01-29", (string)body["previous"]!["from"]!);
        Assert.Equal(["domain", "organizer", "venue", "cardSystem", "event", "week", "month", "domainMonth"],
            body["tables"]!.AsArray().Select(t => (string)t!["dimension"]!));
        var domains = body["tables"]![0]!["rows"]!.AsArray();
        var jeugd = domains.Single(r => (string)r!["key"]! == "jeugd")!;
        foreach (var hidden in new[] { jeugd["checkins"]!.AsObject(), jeugd["passholders"]!.AsObject() })
        {
            Assert.Equal(["suppressed", "text"], hidden.Select(p => p.Key));
            Assert.True((bool)hidden["suppressed"]!);
            Assert.Equal("<5", (string)hidden["text"]!);
        }
        Assert.Equal(12, (int)domains[0]!["checkins"]!);
        Assert.Equal(9, (int)domains[0]!["checkinsTrend"]!["previous"]!);
        Assert.Equal("Totaal", (string)body["total"]!["label"]!);
        Assert.Equal("ev-avond", (string)body["notCredited"]![0]!["key"]!);
        Assert.Equal(ReportFiles.ParticipationNames, body["files"]!.AsArray().Select(f => (string)f!));
        Assert.Equal(2, _source.Reads); // the report was built once: the taps of this period and of the previous one
    }

    [Fact]
    public async Task Every_participation_file_downloads_with_its_type_and_french_labels_on_request()
    {
        foreach (var name in ReportFiles.ParticipationNames)
        {
            using var response = await _api.GetAsync($"/api/v1/reports/participation/files/{name}?{March}&lang=fr");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(name.EndsWith(".svg", StringComparison.Ordinal) ? "image/svg+xml" : "text/csv", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal(name, response.Content.Headers.ContentDisposition!.FileName);
        }
        var csv = CsvTable.Parse(await _api.GetByteArrayAsync($"/api/v1/reports/participation/files/per-domein.csv?{March}&lang=fr"));
        Assert.Equal("Domaine", csv.Headers[0]);
        Assert.Equal("<5", csv.Rows[1][csv.Column("Check-ins")]);
    }

    [Fact]
    public async Task Settlement_json_and_files_carry_the_claims_in_cents_and_the_card_system_filter()
    {
        var (status, body) = await GetJsonAsync($"/api/v1/reports/settlement?{March}");
        var (_, one) = await GetJsonAsync($"/api/v1/reports/settlement?{March}&cardSystem=2");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["CC De Werf", "Sportdienst Aalst"], body["claims"]!.AsArray().Select(c => (string)c!["organizer"]!));
        Assert.Equal(1140, (long)body["total"]!["municipalityCents"]!);
        var line = body["claims"]![1]!["lines"]![0]!;
        Assert.Equal(1250, (long)line["regularCents"]!);
        Assert.Equal(313, (long)line["paidCents"]!);
        Assert.Equal(437, (long)line["organizerCents"]!);
        Assert.Equal("25/35/40", (string)line["key"]!);
        Assert.Null(line["passholder"]);
        Assert.Equal(320, (long)one["total"]!["municipalityCents"]!);
        Assert.Equal(2, (long)one["cardSystem"]!);

        using var page = await _api.GetAsync($"/api/v1/reports/settlement/files/vordering-cc-de-werf.html?{March}");
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("default-src 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("De gemeente betaalt: € 6,40", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("from=1/3/2026&to=2026-03-31", 400, "--from must be a date yyyy-mm-dd, not '1/3/2026'.")]
    [InlineData("from=2026-03-01&to=2026-02-28", 400, "--to (2026-02-28) is before --from (2026-03-01).")]
    [InlineData("from=2019-12-01&to=2020-01-31", 400, "--from must be 2020-01-01 or later.")]
    [InlineData("from=2025-01-01&to=2026-02-04", 400, "the period has 400 days; a report covers at most 366.")]
    [InlineData("from=2026-03-01&to=2026-03-31&lang=de", 400, "lang must be nl, fr or en, not 'de'.")]
    public async Task A_bad_period_or_language_is_a_400_problem_with_the_engines_sentence(string query, int status, string detail)
    {
        var (code, body) = await GetJsonAsync($"/api/v1/reports/participation?{query}");

        Assert.Equal(status, (int)code);
        Assert.Equal(detail, (string)body["detail"]!);
    }

    [Fact]
    public async Task A_future_end_an_unknown_card_system_and_an_unknown_file_are_refused_with_sentences()
    {
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(2)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var (future, futureBody) = await GetJsonAsync($"/api/v1/reports/settlement?from=2026-03-01&to={tomorrow}");
        var (unknown, unknownBody) = await GetJsonAsync($"/api/v1/reports/settlement?{March}&cardSystem=7");
        var (badNumber, badBody) = await GetJsonAsync($"/api/v1/reports/settlement?{March}&cardSystem=x");
        var (noFile, fileBody) = await GetJsonAsync($"/api/v1/reports/participation/files/passholders.csv?{March}");
        var (noClaim, claimBody) = await GetJsonAsync($"/api/v1/reports/settlement/files/vordering-iemand.csv?{March}");

        Assert.Equal(HttpStatusCode.BadRequest, future);
        Assert.Equal($"--to {tomorrow} is in the future.", (string)futureBody["detail"]!);
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Equal("card system 7 is not known to this agent (known: 1, 2).", (string)unknownBody["detail"]!);
        Assert.Equal(HttpStatusCode.BadRequest, badNumber);
        Assert.Equal("cardSystem must be a card system number (1, 2, …), not 'x'.", (string)badBody["detail"]!);
        Assert.Equal(HttpStatusCode.NotFound, noFile);
        Assert.StartsWith("The participation report has no file 'passholders.csv' (files: per-domein.csv", (string)fileBody["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, noClaim);
        Assert.Contains("vordering-cc-de-werf.csv", (string)claimBody["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_need_the_token_and_name_no_pseudonym_in_answers_or_logs()
    {
        using var anonymous = new HttpClient { BaseAddress = _api.BaseAddress, Timeout = Waits.Default };
        using var refused = await anonymous.GetAsync($"/api/v1/reports/participation?{March}");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        var answers = new StringBuilder();
        answers.Append((await GetJsonAsync($"/api/v1/reports/participation?{March}")).Body.ToJsonString());
        answers.Append((await GetJsonAsync($"/api/v1/reports/settlement?{March}")).Body.ToJsonString());
        foreach (var name in ReportFiles.ParticipationNames)
        {
            answers.Append(await _api.GetStringAsync($"/api/v1/reports/participation/files/{name}?{March}"));
        }
        var text = answers.ToString();
        var logs = string.Join('\n', _logs.Entries.Select(e => e.Message));
        foreach (var pseudonym in ReportSamples.PseudonymsHex())
        {
            Assert.DoesNotContain(pseudonym[..16], text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(pseudonym[..16], logs, StringComparison.OrdinalIgnoreCase);
        }
        Assert.DoesNotContain(Convert.ToBase64String(Convert.FromHexString(ReportSamples.PseudonymsHex().First()))[..12], text, StringComparison.Ordinal);
    }

    private async Task<(HttpStatusCode Status, JsonNode Body)> GetJsonAsync(string path)
    {
        using var response = await _api.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!);
    }
}
