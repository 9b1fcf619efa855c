namespace Uitpas.Edge.Central;

/// <summary>The problem type URIs of the spec that matter at a venue (compare the full URI or <see cref="CentralProblem.ShortType"/>).</summary>
public static class ProblemTypes
{
    private const string Uitpas = "https://api.publiq.be/probs/uitpas/";

    /// <summary>Check-in is not possible now (outside the event's window, or not permitted).</summary>
    public const string CheckinNotAllowed = Uitpas + "checkin-not-allowed";

    /// <summary>The passholder already checked in for this event (kiosk: once per day).</summary>
    public const string MaximumReached = Uitpas + "maximum-reached";

    /// <summary>The card is blocked (kiosk endpoints).</summary>
    public const string CardBlocked = Uitpas + "card-blocked";

    /// <summary>No passholder for this chip or UiTPAS number (check-in endpoints).</summary>
    public const string PassholderNotFound = Uitpas + "passholder-not-found";

    /// <summary>No pass for this identifier (GET /passes).</summary>
    public const string PassNotFound = Uitpas + "pass-not-found";

    /// <summary>The card is not ACTIVE; see <see cref="CentralProblem.CardStatus"/> (GET /passes, POST /checkins).</summary>
    public const string InvalidCardStatus = Uitpas + "invalid-card-status";

    /// <summary>The UiTPAS number is not a valid one (POST /checkins).</summary>
    public const string InvalidUitpasNumber = Uitpas + "invalid-uitpasnumber";

    /// <summary>The event does not exist or the kiosk has no current event.</summary>
    public const string EventNotFound = Uitpas + "event-not-found";

    /// <summary>The bearer token is missing, invalid or expired, or the client credentials are wrong.</summary>
    public const string Unauthorized = "https://api.publiq.be/probs/auth/unauthorized";

    /// <summary>Authenticated, but not allowed (e.g. an unknown kiosk token).</summary>
    public const string Forbidden = "https://api.publiq.be/probs/auth/forbidden";

    /// <summary>The request body is missing.</summary>
    public const string BodyMissing = "https://api.publiq.be/probs/body/missing";

    /// <summary>The request body is not valid JSON.</summary>
    public const string BodyInvalidSyntax = "https://api.publiq.be/probs/body/invalid-syntax";

    /// <summary>The request body does not match the schema.</summary>
    public const string BodyInvalidData = "https://api.publiq.be/probs/body/invalid-data";
}
