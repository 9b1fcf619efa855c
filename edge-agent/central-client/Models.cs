namespace Uitpas.Edge.Central;

/// <summary>A kiosk check-in's result (KioskDeviceCheckinResponse).</summary>
public sealed record KioskCheckin(int NewPoints, int TotalPoints);

/// <summary>A kiosk's current event (KioskDeviceEvent): check-in at this kiosk and event is allowed now.</summary>
public sealed record KioskEvent(string EventId, string Title, int CheckinPoints, string CheckinCode);

/// <summary>Individual pass or group pass.</summary>
public enum PassType
{
    /// <summary>A value this client does not know.</summary>
    Unknown,

    /// <summary>INDIVIDUAL.</summary>
    Individual,

    /// <summary>GROUP (Grouppas).</summary>
    Group,
}

/// <summary>Status of a passholder's social tariff (kansentarief).</summary>
public enum SocialTariffStatus
{
    /// <summary>A value this client does not know.</summary>
    Unknown,

    /// <summary>NONE: not entitled.</summary>
    None,

    /// <summary>ACTIVE: entitled (possibly in a grace period after <see cref="SocialTariff.EndDate"/>).</summary>
    Active,

    /// <summary>EXPIRED: no longer entitled.</summary>
    Expired,
}

/// <summary>Severity of a message that must be shown with a pass.</summary>
public enum PassMessageLevel
{
    /// <summary>A value this client does not know.</summary>
    Unknown,

    /// <summary>INFO.</summary>
    Info,

    /// <summary>WARN.</summary>
    Warn,

    /// <summary>ERROR.</summary>
    Error,
}

/// <summary>The social tariff part of a pass.</summary>
public sealed record SocialTariff(SocialTariffStatus Status, DateTimeOffset? EndDate)
{
    /// <summary>Only ACTIVE entitles to the social tariff; never judge by <see cref="EndDate"/>.</summary>
    public bool IsActive => Status == SocialTariffStatus.Active;
}

/// <summary>A message that must be displayed to the end user with the pass.</summary>
public sealed record PassMessage(PassMessageLevel Level, string Text);

/// <summary>The card system (region) of a pass.</summary>
public sealed record CardSystemRef(int Id, string? Name);

/// <summary>A pass (schema Pass): the card and the basics of its passholder.</summary>
public sealed record PassInfo(
    string PassholderId,
    PassType PassType,
    string UitpasNumber,
    string FirstName,
    int Points,
    string PostalCode,
    CardSystemRef CardSystem,
    SocialTariff SocialTariff,
    IReadOnlyList<PassMessage> Messages);

/// <summary>Search parameters of GET /checkins (the spec requires a passholder and at least one organizer).</summary>
public sealed record CheckinQuery
{
    /// <summary>The spec's upper bound for <see cref="Limit"/>.</summary>
    public const int MaxLimit = 500;

    /// <summary>Only check-ins of this passholder.</summary>
    public required string PassholderId { get; init; }

    /// <summary>Only check-ins at events of these organizers (at least one).</summary>
    public required IReadOnlyList<string> OrganizerIds { get; init; }

    /// <summary>Only events whose title contains this text.</summary>
    public string? EventTitle { get; init; }

    /// <summary>Position of the first result (0 = newest).</summary>
    public int Start { get; init; }

    /// <summary>Page size, 0 to <see cref="MaxLimit"/>.</summary>
    public int Limit { get; init; } = 20;
}

/// <summary>One check-in as central recorded it (schema Checkin).</summary>
public sealed record CheckinRecord(
    string Id,
    DateTimeOffset CreationDate,
    string EventId,
    string? EventTitle,
    string UitpasNumber,
    int Points);

/// <summary>One page of check-ins, newest first (CheckinsPaginatedCollection).</summary>
public sealed record CheckinPage(int TotalItems, IReadOnlyList<CheckinRecord> Checkins);

/// <summary>The check-in created by POST /checkins (schema Checkin, status 201).</summary>
public sealed record CheckinResult(
    string Id,
    DateTimeOffset CreationDate,
    string EventId,
    string? EventTitle,
    string UitpasNumber,
    int Points);
