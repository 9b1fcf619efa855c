using System.Security.Cryptography;
using Uitpas.Edge.Agent.Reconcile;
using Uitpas.Edge.Agent.Reports;

namespace Uitpas.Edge.Agent.Tests.Reports;

/// <summary>Facts for the report engine's tests, made the way the store hands them over (a test double of <see cref="IReportSource"/>'s rows).</summary>
internal static class EngineFacts
{
    public static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    private static long _ids;

    /// <summary>An instant given on Brussels' wall clock.</summary>
    public static DateTimeOffset Local(int year, int month, int day, int hour, int minute = 0)
    {
        var wall = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(wall, Brussels.GetUtcOffset(wall));
    }

    /// <summary>A stand-in for the keyed hash of passholder <paramref name="passholder"/>.</summary>
    public static byte[] Pseudonym(int passholder) => SHA256.HashData(BitConverter.GetBytes(passholder));

    public static TapFact Tap(DateTimeOffset at, int passholder, TapCredit credit = TapCredit.Credited, PolicyDomain domain = PolicyDomain.Cultuur,
        string? organizer = "CC De Werf", string? venue = "Grote zaal", string? municipality = "Aalst", long cardSystem = 1,
        bool social = false, string? eventId = "ev-voorstelling") =>
        new(Interlocked.Increment(ref _ids), at, "vt-001", eventId, domain, "Oost-Vlaanderen", municipality, venue, organizer,
            cardSystem, Pseudonym(passholder), social, credit);

    public static SaleFact Sale(DateTimeOffset at, int passholder, long regularCents = 800, long paidCents = 200, PolicyDomain domain = PolicyDomain.Cultuur,
        string organizer = "CC De Werf", string? venue = "Grote zaal", string? municipality = "Aalst", long cardSystem = 1,
        string tariffType = SaleFact.SocialTariffType, CostSharingKey? key = null, string eventId = "ev-voorstelling", string? eventTitle = "Voorstelling")
    {
        var id = Interlocked.Increment(ref _ids);
        return new(id, $"sale-{id:D6}", at, "vt-001", eventId, eventTitle, domain, "Oost-Vlaanderen", municipality, venue, organizer,
            cardSystem, Pseudonym(passholder), tariffType == SaleFact.SocialTariffType ? "SOCIALTARIFF-1" : "REGULAR", tariffType == SaleFact.SocialTariffType ? "Kansentarief" : "Volwassenen",
            tariffType, regularCents, paidCents, key ?? CostSharingKey.Default);
    }

    public static ReportPeriod Period(string from, string to)
    {
        Assert.True(ReportPeriod.TryParse(from, to, new DateOnly(2030, 1, 1), out var period, out var error), error);
        return period;
    }

    public static ParticipationReport Report(ReportPeriod period, IEnumerable<TapFact> taps, IEnumerable<SaleFact>? sales = null,
        IEnumerable<TapFact>? previousTaps = null, IEnumerable<SaleFact>? previousSales = null) =>
        ParticipationReport.Build(taps, sales ?? [], previousTaps ?? [], previousSales ?? [], period);

    public static ParticipationRow Row(this ParticipationReport report, ReportDimension dimension, string key) =>
        report[dimension].Rows.Single(r => r.Key == key);
}
