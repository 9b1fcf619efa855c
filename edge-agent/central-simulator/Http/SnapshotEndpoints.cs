namespace Uitpas.Edge.Simulator;

/// <summary>The endpoints an edge agent calls to build snapshots: social-tariff export, event settings, static tariffs.</summary>
internal static class SnapshotEndpoints
{
    private const string SocialTariffPrefix = "/cards/social-tariff/";
    private const string SocialTariffSuffix = "/active";
    private const string EventsPrefix = "/events/";
    private const string SettingsSuffix = "/settings";
    private const string StaticTariffsPath = "/tariffs/static";

    /// <summary>Which of these endpoints a path addresses; <see cref="SimEndpoint.None"/> for others.</summary>
    public static SimEndpoint Classify(string path, bool get)
    {
        if (!get)
        {
            return SimEndpoint.None;
        }
        var lower = path.ToLowerInvariant();
        if (lower == StaticTariffsPath)
        {
            return SimEndpoint.StaticTariffs;
        }
        if (Segment(lower, SocialTariffPrefix, SocialTariffSuffix) is not null)
        {
            return SimEndpoint.SocialTariffExport;
        }
        return Segment(lower, EventsPrefix, SettingsSuffix) is not null ? SimEndpoint.EventSettings : SimEndpoint.None;
    }

    public static void Map(WebApplication app, SimulatorContext sim)
    {
        var rules = new SnapshotRules(sim.Seed, sim.State);
        app.MapGet(SocialTariffPrefix + "{cardSystemId}" + SocialTariffSuffix, (HttpContext context, string cardSystemId) =>
            SimJson.WriteAsync(context, rules.ActiveSocialTariffCards(cardSystemId)));
        app.MapGet(EventsPrefix + "{eventId}" + SettingsSuffix, (HttpContext context, string eventId) =>
            SimJson.WriteAsync(context, rules.EventSettings(eventId)));
        app.MapGet(StaticTariffsPath, (HttpContext context) =>
            SimJson.WriteAsync(context, rules.StaticTariffs(context.Request.Query["eventId"].ToString(), context.Request.Query["regularPrice"].ToString())));
    }

    /// <summary>The one path segment between <paramref name="prefix"/> and <paramref name="suffix"/>, or null.</summary>
    private static string? Segment(string path, string prefix, string suffix)
    {
        if (!path.StartsWith(prefix, StringComparison.Ordinal) || !path.EndsWith(suffix, StringComparison.Ordinal) || path.Length <= prefix.Length + suffix.Length)
        {
            return null;
        }
        var segment = path[prefix.Length..^suffix.Length];
        return segment.Contains('/', StringComparison.Ordinal) ? null : segment;
    }
}
