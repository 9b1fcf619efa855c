using System.Net;
using System.Text.Json.Nodes;
using Uitpas.Edge.Agent.Reports;
using Uitpas.Edge.Agent.Store;
using Uitpas.Edge.Agent.Tests.Infrastructure;

namespace Uitpas.Edge.Agent.Tests.Reports;

/// <summary>The cost-sharing keys: stored per card system or event, resolved event → card system → default, managed through the API.</summary>
public sealed class CostSharingStoreTests
{
    [Fact]
    public async Task A_sales_key_is_the_events_else_the_card_systems_else_the_default()
    {
        await using var rig = await ReportRig.StartAsync(extra: new Dictionary<string, string?> { ["Agent:Reports:DefaultCostSharing"] = "15/45/40" });
        await KeysResolveAsync(rig);
    }

    [PostgresFact]
    public async Task On_PostgreSQL_a_sales_key_is_the_events_else_the_card_systems_else_the_default()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var rig = await ReportRig.StartAsync(database, new Dictionary<string, string?> { ["Agent:Reports:DefaultCostSharing"] = "15/45/40" });
        await KeysResolveAsync(rig);
    }

    [Fact]
    public async Task Bad_keys_and_unknown_card_systems_are_refused_with_a_sentence()
    {
        await using var rig = await ReportRig.StartAsync();
        async Task<(HttpStatusCode, string)> Put(string path, object body)
        {
            var (status, problem) = await rig.SendAsync(HttpMethod.Put, path, body);
            return (status, problem["detail"]?.GetValue<string>() ?? "");
        }

        var unknown = await Put("/api/v1/cost-sharing/7", new { key = "20/40/40" });
        var notANumber = await Put("/api/v1/cost-sharing/abc", new { key = "20/40/40" });
        var two = await Put("/api/v1/cost-sharing/1", new { key = "20/40" });
        var sum = await Put("/api/v1/cost-sharing/1", new { key = "20/40/35" });
        var participant = await Put("/api/v1/cost-sharing/1", new { key = "0/60/40" });
        var organizer = await Put("/api/v1/cost-sharing/1/events/ev-1", new { key = "20/5/75" });
        var decimals = await Put("/api/v1/cost-sharing/1", new { key = "20.125/39.875/40" });
        var (removed, missing) = await rig.SendAsync(HttpMethod.Delete, "/api/v1/cost-sharing/1");

        Assert.Equal((HttpStatusCode.NotFound, "card system 7 is not known to this agent (known: 1)."), unknown);
        Assert.Equal(HttpStatusCode.BadRequest, notANumber.Item1);
        Assert.Equal((HttpStatusCode.BadRequest, "a cost-sharing key is three percentages participant/organizer/municipality, e.g. 20/40/40, not '20/40'."), two);
        Assert.Equal((HttpStatusCode.BadRequest, "the shares add up to 100%, not 95% (20 + 40 + 35)."), sum);
        Assert.Equal((HttpStatusCode.BadRequest, "the participant's share must be more than 0% and at most 25%, not 0%."), participant);
        Assert.Equal((HttpStatusCode.BadRequest, "the organizer's share must be at least 10%, not 5%."), organizer);
        Assert.Equal((HttpStatusCode.BadRequest, "shares have at most two decimals, not '20.125'."), decimals);
        Assert.Equal(HttpStatusCode.NotFound, removed);
        Assert.Equal("card system 1 has no cost-sharing key of its own: the default 20/40/40 applies.", missing["detail"]!.GetValue<string>());
        Assert.Empty(await rig.Service<ReportStore>().CostSharingKeysAsync(CancellationToken.None));
    }

    private static async Task KeysResolveAsync(ReportRig rig)
    {
        var (uniform, _) = await rig.SendAsync(HttpMethod.Put, "/api/v1/cost-sharing/1", new { key = "25/35/40" });
        var (perEvent, overview) = await rig.SendAsync(HttpMethod.Put, "/api/v1/cost-sharing/1/events/ev-special", new { key = "22.5/37.5/40" });
        var forEvent = KeyFor(rig, 1, "ev-special");
        var forOther = KeyFor(rig, 1, "ev-other");
        var (removed, _) = await rig.SendAsync(HttpMethod.Delete, "/api/v1/cost-sharing/1/events/ev-special");
        var afterRemoval = KeyFor(rig, 1, "ev-special");
        var unknownSystem = KeyFor(rig, 2, "ev-special");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (uniform, perEvent, removed));
        Assert.Equal("15/45/40", overview["default"]!.GetValue<string>());
        Assert.Equal([1L], overview["knownCardSystems"]!.AsArray().Select(n => n!.GetValue<long>()));
        var keys = overview["keys"]!.AsArray();
        Assert.Equal(["25/35/40", "22.5/37.5/40"], keys.Select(k => k!["key"]!.GetValue<string>()));
        Assert.Equal([null, "ev-special"], keys.Select(k => k!["eventId"]?.GetValue<string>()));
        Assert.Equal(22.5m, keys[1]!["participant"]!.GetValue<decimal>());
        Assert.Equal(new CostSharingKey(2250, 3750, 4000), forEvent);
        Assert.Equal(new CostSharingKey(2500, 3500, 4000), forOther);
        Assert.Equal(new CostSharingKey(2500, 3500, 4000), afterRemoval);
        Assert.Equal(new CostSharingKey(1500, 4500, 4000), unknownSystem);
    }

    private static CostSharingKey KeyFor(ReportRig rig, long cardSystem, string eventId)
    {
        using var connection = rig.Service<AgentDatabase>().Open();
        using var transaction = connection.BeginTransaction();
        return ReportStore.KeyFor(connection, transaction, cardSystem, eventId, rig.Service<ReportStore>().DefaultKey);
    }
}
