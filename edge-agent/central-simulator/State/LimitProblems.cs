namespace Uitpas.Edge.Simulator;

/// <summary>
/// The refusal of a check-in over the event's limit: maximum-reached on the kiosk endpoint,
/// checkin-not-allowed on POST /checkins (whose spec lists no maximum-reached), worded for the period.
/// </summary>
internal static class LimitProblems
{
    private const string Uitpas = "https://api.publiq.be/probs/uitpas/";

    private static readonly EndUserMessage LimitReached = new(
        "Je hebt het maximum aantal check-ins voor deze activiteit bereikt. Later kan je opnieuw punten sparen.",
        "Tu as atteint le nombre maximum d'enregistrements pour cette activité. Tu pourras à nouveau gagner des points plus tard.",
        "You have reached the maximum number of check-ins for this activity. You can collect points again later.");

    /// <summary>POST /kiosk-devices/checkins over the limit.</summary>
    public static SimResult Kiosk(CheckinLimitRule limit) => limit.Period == CheckinLimitPeriod.Day
        ? Problems.MaximumReached()
        : Refusal("maximum-reached", "Maximum reached", limit);

    /// <summary>POST /checkins over the limit.</summary>
    public static SimResult Checkins(CheckinLimitRule limit) => limit.Period == CheckinLimitPeriod.Day
        ? Problems.AlreadyCheckedInToday()
        : Refusal("checkin-not-allowed", "Checkin not allowed", limit);

    private static SimResult Refusal(string name, string title, CheckinLimitRule limit) =>
        new(400, new ProblemBody(Uitpas + name, title, 400,
            $"The passholder reached the event's check-in limit ({limit.Volume} per {limit.PeriodType}).", LimitReached));
}
