namespace Uitpas.Edge.Central;

/// <summary>
/// An RFC 7807 problem document from central (spec: components/schemas/ProblemDetails), e.g.
/// type https://api.publiq.be/probs/uitpas/maximum-reached with an end-user message.
/// </summary>
public sealed record CentralProblem(
    string Type,
    string? Title,
    int? Status,
    string? Detail,
    string? EndUserMessageNl,
    string? EndUserMessageFr,
    string? EndUserMessageEn)
{
    /// <summary>The problem type's last path segment, e.g. "maximum-reached" or "card-blocked".</summary>
    public string ShortType
    {
        get
        {
            var type = Type.TrimEnd('/');
            var slash = type.LastIndexOf('/');
            return slash < 0 ? type : type[(slash + 1)..];
        }
    }

    /// <summary>Actual status of the card when the type is invalid-card-status (e.g. "BLOCKED").</summary>
    public string? CardStatus { get; init; }

    /// <summary>Passholder of a blocked or deleted card, when central tells it.</summary>
    public string? PassholderId { get; init; }

    /// <summary>Schema validation errors (type body/invalid-data).</summary>
    public IReadOnlyList<CentralSchemaError> SchemaErrors { get; init; } = [];

    /// <summary>The end-user message in "nl", "fr" or "en"; falls back to Dutch, which central always provides.</summary>
    public string? EndUserMessage(string lang)
    {
        ArgumentNullException.ThrowIfNull(lang);
        var localized = lang.ToLowerInvariant() switch
        {
            "fr" => EndUserMessageFr,
            "en" => EndUserMessageEn,
            _ => EndUserMessageNl,
        };
        return string.IsNullOrEmpty(localized) ? EndUserMessageNl : localized;
    }
}

/// <summary>One schema validation error of a body/invalid-data problem.</summary>
public sealed record CentralSchemaError(string JsonPointer, string Error);
