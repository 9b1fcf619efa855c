using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Uitpas.Edge.Cli.Tests.Infrastructure;

namespace Uitpas.Edge.Cli.Tests;

/// <summary>
/// cost-sharing set|show|remove against a real agent that knows card systems 1 and 2 (two terminals made with the CLI);
/// the default key is 20/40/40. Invalid keys are refused with the sentences of the design (docs/operations.md), the same
/// ones the agent's API answers.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CostSharingCommandTests : IAsyncLifetime
{
    private CliSystem _system = null!;

    private string EventId => _system.Tap.Central.Seed.Events[0].Id;

    public async Task InitializeAsync()
    {
        _system = await CliSystem.StartAsync();
        foreach (var (device, cardSystem) in new[] { ("vt-cs1", "1"), ("vt-cs2", "2") })
        {
            var run = await _system.CliAsync("device", "create", device, "--kiosk-token", _system.KioskToken, "--card-system", cardSystem, "--out", _system.PathOf(device + ".secret"));
            Assert.True(run.ExitCode == 0, run.Error);
        }
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task A_key_set_for_a_card_system_and_an_event_shows_in_force_and_removing_them_brings_back_the_default()
    {
        var set = await _system.CliAsync("cost-sharing", "set", "--card-system", "1", "--key", "25/35/40");
        var setEvent = await _system.CliAsync("cost-sharing", "set", "--card-system", "1", "--event", EventId, "--key", "12.5/47.5/40", "--json");
        var table = await _system.CliAsync("cost-sharing", "show");
        var one = await _system.CliAsync("cost-sharing", "show", "--card-system", "2", "--json");

        Assert.Equal(0, set.ExitCode);
        Assert.Equal("card system 1: cost-sharing key 25/35/40 (participant 25%, organizer 35%, municipality 40%) for sales confirmed from now on.", set.Output.Trim());
        Assert.Equal(0, setEvent.ExitCode);
        var keys = setEvent.Json().GetProperty("keys").EnumerateArray().Select(k => (k.GetProperty("cardSystemId").GetInt64(),
            k.GetProperty("eventId").ValueKind == JsonValueKind.Null ? null : k.GetProperty("eventId").GetString(), k.GetProperty("key").GetString())).ToArray();
        Assert.Equal([(1L, (string?)null, "25/35/40"), (1L, EventId, "12.5/47.5/40")], keys.Order());
        Assert.Equal("20/40/40", setEvent.Json().GetProperty("default").GetString());
        Assert.Equal(0, table.ExitCode);
        var rows = table.Output.Split('\n').Select(l => l.Trim()).ToArray();
        Assert.Contains(rows, r => Words(r) is ["default", "every", "event", "20/40/40", "20", "40", "40", "Agent:Reports:DefaultCostSharing"]);
        Assert.Contains(rows, r => Words(r) is ["1", "every", "event", "25/35/40", "25", "35", "40", ..]);
        Assert.Contains(rows, r => Words(r) is ["1", var e, "12.5/47.5/40", "12.5", "47.5", "40", ..] && e == EventId);
        Assert.Contains(rows, r => Words(r) is ["2", "every", "event", "20/40/40", "(default)", "20", "40", "40", "-"]);
        Assert.Equal(0, one.ExitCode);
        Assert.Equal([2L], one.Json().GetProperty("knownCardSystems").EnumerateArray().Select(k => k.GetInt64()));
        Assert.Equal(0, one.Json().GetProperty("keys").GetArrayLength());

        var removeEvent = await _system.CliAsync("cost-sharing", "remove", "--card-system", "1", "--event", EventId);
        var remove = await _system.CliAsync("cost-sharing", "remove", "--card-system", "1");
        var again = await _system.CliAsync("cost-sharing", "remove", "--card-system", "1");
        var after = await _system.CliAsync("cost-sharing", "show", "--json");

        Assert.Equal(0, removeEvent.ExitCode);
        Assert.Equal($"card system 1, event {EventId}: own cost-sharing key removed; the card system's key 25/35/40 applies to later sales.", removeEvent.Output.Trim());
        Assert.Equal(0, remove.ExitCode);
        Assert.Equal("card system 1: own cost-sharing key removed; the default 20/40/40 applies to later sales.", remove.Output.Trim());
        Assert.Equal(1, again.ExitCode);
        Assert.Equal("error: card system 1 has no cost-sharing key of its own: the default 20/40/40 applies", again.Error.Trim());
        Assert.Equal(0, after.Json().GetProperty("keys").GetArrayLength());
        Assert.Equal([1L, 2L], after.Json().GetProperty("knownCardSystems").EnumerateArray().Select(k => k.GetInt64()));
    }

    [Theory]
    [InlineData("20/40", "a cost-sharing key is three percentages participant/organizer/municipality, e.g. 20/40/40, not '20/40'.")]
    [InlineData("20/40/40/0", "a cost-sharing key is three percentages participant/organizer/municipality, e.g. 20/40/40, not '20/40/40/0'.")]
    [InlineData("twintig/40/40", "a cost-sharing key is three percentages participant/organizer/municipality, e.g. 20/40/40, not 'twintig/40/40'.")]
    [InlineData("20/40/35", "the shares add up to 100%, not 95% (20 + 40 + 35).")]
    [InlineData("30/30/40", "the participant's share must be more than 0% and at most 25%, not 30%.")]
    [InlineData("0/50/50", "the participant's share must be more than 0% and at most 25%, not 0%.")]
    [InlineData("20/5/75", "the organizer's share must be at least 10%, not 5%.")]
    [InlineData("20/85/-5", "the municipality's share cannot be negative, not -5%.")]
    [InlineData("20.125/39.875/40", "shares have at most two decimals, not '20.125'.")]
    public async Task An_invalid_key_is_refused_with_the_agents_own_sentence_and_nothing_is_stored(string key, string sentence)
    {
        var run = await _system.CliAsync("cost-sharing", "set", "--card-system", "1", "--key", key);
        var json = await _system.CliAsync("cost-sharing", "set", "--card-system", "1", "--key", key, "--json");
        var agentSays = await AgentRefusalAsync(key);
        var stored = await _system.CliAsync("cost-sharing", "show", "--json");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: " + sentence.TrimEnd('.'), run.Error.Split('\n')[0].Trim());
        Assert.StartsWith("usage: uitpas-edge cost-sharing set --card-system <N> --key <p/o/m>", run.Error.Split('\n')[1], StringComparison.Ordinal);
        Assert.Equal(sentence.TrimEnd('.'), json.Json().GetProperty("error").GetString());
        Assert.Equal(sentence, agentSays);
        Assert.Equal(0, stored.Json().GetProperty("keys").GetArrayLength());
    }

    [Fact]
    public async Task A_card_system_the_agent_does_not_know_is_refused_with_its_sentence()
    {
        var set = await _system.CliAsync("cost-sharing", "set", "--card-system", "7", "--key", "25/35/40");
        var show = await _system.CliAsync("cost-sharing", "show", "--card-system", "7");
        var remove = await _system.CliAsync("cost-sharing", "remove", "--card-system", "7", "--event", EventId, "--json");
        var badNumber = await _system.CliAsync("cost-sharing", "show", "--card-system", "één");

        const string Sentence = "card system 7 is not known to this agent (known: 1, 2)";
        Assert.Equal((1, 1, 1), (set.ExitCode, show.ExitCode, remove.ExitCode));
        Assert.Equal("error: " + Sentence, set.Error.Trim());
        Assert.Equal("error: " + Sentence, show.Error.Trim());
        Assert.Equal(Sentence, remove.Json().GetProperty("error").GetString());
        Assert.Equal(2, badNumber.ExitCode);
        Assert.Contains("--card-system must be a card system id (a whole number from 1), not 'één'", badNumber.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_names_the_three_commands()
    {
        var group = await _system.CliAsync("cost-sharing", "--help");

        Assert.Equal(0, group.ExitCode);
        Assert.Contains("set", group.Output, StringComparison.Ordinal);
        Assert.Contains("show", group.Output, StringComparison.Ordinal);
        Assert.Contains("remove", group.Output, StringComparison.Ordinal);
    }

    /// <summary>The agent's own answer to the key, asked over its API without the CLI.</summary>
    private async Task<string?> AgentRefusalAsync(string key)
    {
        using var http = new HttpClient { BaseAddress = new Uri(_system.AgentUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await File.ReadAllTextAsync(_system.TokenFile)).Trim());
        using var response = await http.PutAsJsonAsync("/api/v1/cost-sharing/1", new { key });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("detail").GetString();
    }

    private static string[] Words(string row) => row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
