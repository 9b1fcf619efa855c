using Uitpas.Edge.Central;
namespace Uitpas.Edge.Simulator;

/// <summary>
/// The problem documents the simulator answers, with end-user messages worded the way a UiTPAS
/// counter would say them (nl, fr, en). Types and statuses as the spec lists them per endpoint.
/// </summary>
internal static class Problems
{
    private const string Uitpas = "https://api.publiq.be/probs/uitpas/";

    private static readonly EndUserMessage AlreadyToday = new(
        "Je bent vandaag al ingecheckt voor deze activiteit. Morgen kan je opnieuw punten sparen.",
        "Tu t'es déjà enregistré·e aujourd'hui pour cette activité. Tu pourras à nouveau gagner des points demain.",
        "You have already checked in for this activity today. You can collect points again tomorrow.");

    private static readonly EndUserMessage OutsideWindow = new(
        "Inchecken voor deze activiteit kan nu niet. Dat lukt enkel kort voor, tijdens en kort na de activiteit.",
        "L'enregistrement pour cette activité n'est pas possible maintenant. Il l'est uniquement peu avant, pendant et peu après l'activité.",
        "Checking in for this activity is not possible right now. You can only check in shortly before, during and shortly after the activity.");

    public static SimResult MaximumReached() =>
        Uitpas400("maximum-reached", "Maximum reached", "The passholder already checked in for this event today.", AlreadyToday);

    public static SimResult CheckinNotAllowed() =>
        Uitpas400("checkin-not-allowed", "Checkin not allowed", "Check-in is only allowed during the event's check-in window.", OutsideWindow);

    public static SimResult AlreadyCheckedInToday() =>
        Uitpas400("checkin-not-allowed", "Checkin not allowed", "The passholder already checked in for this event today.", AlreadyToday);

    public static SimResult CardBlocked() => Uitpas400("card-blocked", "Card blocked", "The card with this chip number is blocked.", new(
        "Deze UiTPAS is geblokkeerd. Ga langs bij een UiTPAS-balie voor een nieuwe kaart.",
        "Cette UiTPAS est bloquée. Rends-toi à un guichet UiTPAS pour obtenir une nouvelle carte.",
        "This UiTPAS card is blocked. Please visit an UiTPAS desk for a new card."));

    public static SimResult PassholderNotFound() => Uitpas400("passholder-not-found", "Passholder not found", "No passholder has a card with this identifier.", new(
        "Deze kaart herkennen we niet als UiTPAS. Vraag hulp aan een medewerker.",
        "Nous ne reconnaissons pas cette carte comme une UiTPAS. Demande de l'aide à un membre du personnel.",
        "We don't recognise this card as an UiTPAS. Please ask a member of staff for help."));

    public static SimResult KioskEventNotFound(int status, string detail) => Problem(status, Uitpas + "event-not-found", "Event not found", detail, new(
        "Deze zuil is nu niet gekoppeld aan een activiteit. Vraag hulp aan een medewerker.",
        "Cette borne n'est liée à aucune activité pour le moment. Demande de l'aide à un membre du personnel.",
        "This kiosk is not linked to an activity right now. Please ask a member of staff for help."));

    public static SimResult EventNotFound() => Uitpas400("event-not-found", "Event not found", "No event with this id.", new(
        "Deze activiteit vinden we niet terug.",
        "Nous ne trouvons pas cette activité.",
        "We can't find this activity."));

    public static SimResult InvalidUitpasNumber() => Uitpas400("invalid-uitpasnumber", "Invalid UiTPAS number", "A UiTPAS number has 13 digits, the last one a Luhn check digit.", new(
        "Dit is geen geldig UiTPAS-nummer. Kijk het nummer op je kaart nog eens na.",
        "Ce n'est pas un numéro UiTPAS valide. Vérifie le numéro sur ta carte.",
        "This is not a valid UiTPAS number. Please check the number on your card."));

    /// <summary>invalid-card-status; GET /passes adds cardStatus, passholderId and passType (its 400 schema has them, the Error schema of POST /checkins does not).</summary>
    public static SimResult InvalidCardStatus(string? passholderIdForPasses)
    {
        var body = new ProblemBody(Uitpas + "invalid-card-status", "Invalid card status", 400, "The card is not ACTIVE (BLOCKED).", new(
            "Deze UiTPAS is niet actief. Ga langs bij een UiTPAS-balie.",
            "Cette UiTPAS n'est pas active. Rends-toi à un guichet UiTPAS.",
            "This UiTPAS card is not active. Please visit an UiTPAS desk."));
        return new(400, passholderIdForPasses is null
            ? body
            : body with { CardStatus = "BLOCKED", PassholderId = passholderIdForPasses, PassType = "INDIVIDUAL" });
    }

    public static SimResult PassNotFound() => Problem(404, Uitpas + "pass-not-found", "Pass not found", "No pass with this identifier.", new(
        "We vinden geen UiTPAS met dit nummer.",
        "Nous ne trouvons aucune UiTPAS avec ce numéro.",
        "We can't find an UiTPAS with this number."));

    public static SimResult RateLimited() => Problem(429, Uitpas + "rate-limited", "Rate limited", "Too many requests; see Retry-After.", new(
        "Het is even erg druk. Probeer het zo meteen opnieuw.",
        "Il y a beaucoup de monde en ce moment. Réessaie dans un instant.",
        "It's very busy right now. Please try again in a moment."));

    public static SimResult Unauthorized(string detail) =>
        Problem(401, "https://api.publiq.be/probs/auth/unauthorized", "Unauthorized", detail, null);

    public static SimResult Forbidden(string detail) =>
        Problem(403, "https://api.publiq.be/probs/auth/forbidden", "Forbidden", detail, null);

    public static SimResult BodyMissing() =>
        Problem(400, "https://api.publiq.be/probs/body/missing", "Body missing", "The request has no body.", null);

    public static SimResult BodyInvalidSyntax(string detail) =>
        Problem(400, "https://api.publiq.be/probs/body/invalid-syntax", "Invalid body syntax", detail, null);

    public static SimResult BodyInvalidData(IReadOnlyList<SchemaError> errors) =>
        new(400, new ProblemBody("https://api.publiq.be/probs/body/invalid-data", "Invalid body data", 400, "The body does not match the schema.", null) { SchemaErrors = errors });

    /// <summary>A required or invalid query parameter (the spec names no type for it; this is the simulator's).</summary>
    public static SimResult InvalidQuery(string detail) =>
        Problem(400, "https://api.publiq.be/probs/url/invalid-parameter", "Invalid query parameter", detail, null);

    public static SimResult QueryLimitExceeded() =>
        Problem(400, "https://api.publiq.be/probs/url/query-limit-exceeded", "Query limit exceeded", "limit may be at most 500.", null);

    public static SimResult NotFound() =>
        Problem(404, "https://api.publiq.be/probs/url/not-found", "Not found", "The simulator serves no such path.", null);

    private static SimResult Uitpas400(string name, string title, string detail, EndUserMessage message) =>
        Problem(400, Uitpas + name, title, detail, message);

    private static SimResult Problem(int status, string type, string title, string detail, EndUserMessage? message) =>
        new(status, new ProblemBody(type, title, status, detail, message));
}
