namespace Uitpas.Edge.Simulator;

// JSON shapes of the snapshot-related endpoints, written from the spec (not shared with the client).

internal sealed record SocialTariffCardBody(string UitpasNumber, string CardType, int? AvailableTickets);

internal sealed record PeriodLimitBody(int Volume, string PeriodType);

internal sealed record EventSettingsBody(string Id, int CheckinPoints, PeriodLimitBody? CheckinLimit);

internal sealed record TariffBody(string Id, string Name, decimal Price, string Type, int Remaining);

internal sealed record TariffsBody(IReadOnlyList<TariffBody> Available, EndUserMessage? EndUserMessage);

/// <summary>Problems of the snapshot endpoints.</summary>
internal static class SnapshotProblems
{
    /// <summary>event-not-found: 404 on GET /events/{id}/settings, 400 on GET /tariffs/static (as the spec lists them).</summary>
    public static SimResult EventNotFound(int status) =>
        new(status, new ProblemBody("https://api.publiq.be/probs/uitpas/event-not-found", "Event not found", status, "No event with this id.", new(
            "Deze activiteit vinden we niet terug.",
            "Nous ne trouvons pas cette activité.",
            "We can't find this activity.")));
}
