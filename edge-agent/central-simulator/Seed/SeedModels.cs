namespace Uitpas.Edge.Simulator;

/// <summary>A card system (region). Cities are fictional.</summary>
public sealed record SeedCardSystem(int Id, string Name, IReadOnlyList<SeedCity> Cities);

/// <summary>A fictional city of a card system.</summary>
public sealed record SeedCity(string PostalCode, string Name);

/// <summary>An organizer (venue operator).</summary>
public sealed record SeedOrganizer(string Id, string Name);

/// <summary>
/// An event with its check-in window: on the days <see cref="FirstDay"/> to <see cref="LastDay"/>,
/// from <see cref="DailyOpens"/> until <see cref="DailyCloses"/>, Europe/Brussels time.
/// </summary>
public sealed record SeedEvent(
    string Id,
    string Title,
    string OrganizerId,
    int CheckinPoints,
    string CheckinCode,
    DateOnly FirstDay,
    DateOnly LastDay,
    TimeOnly DailyOpens,
    TimeOnly DailyCloses)
{
    /// <summary>True when check-in is allowed at this Brussels local time.</summary>
    public bool IsOpenAt(DateTime brusselsLocal)
    {
        var day = DateOnly.FromDateTime(brusselsLocal);
        var time = TimeOnly.FromDateTime(brusselsLocal);
        return day >= FirstDay && day <= LastDay && time >= DailyOpens && time < DailyCloses;
    }
}

/// <summary>Status of a passholder's social tariff (kansentarief), as the spec names it.</summary>
public enum SocialTariffStatus
{
    /// <summary>Not entitled.</summary>
    None,

    /// <summary>Entitled.</summary>
    Active,

    /// <summary>No longer entitled.</summary>
    Expired,
}

/// <summary>A synthetic passholder: no real person, an obviously fake first name.</summary>
public sealed record SeedPassholder(
    string Id,
    string FirstName,
    string PostalCode,
    int CardSystemId,
    int InitialPoints,
    SocialTariffStatus SocialTariff,
    DateTimeOffset? SocialTariffEndDate);

/// <summary>Status of a card.</summary>
public enum CardStatus
{
    /// <summary>Usable.</summary>
    Active,

    /// <summary>Refused everywhere (card-blocked / invalid-card-status).</summary>
    Blocked,
}

/// <summary>A card: 7-byte chip UID as 14 uppercase hex characters (starting 04) and a 13-digit UiTPAS number.</summary>
public sealed record SeedCard(string ChipNumber, string UitpasNumber, string PassholderId, int CardSystemId, CardStatus Status);

/// <summary>A kiosk device, identified by its custom token (x-custom-token), with its configured event if any.</summary>
public sealed record SeedKiosk(string Token, string Name, string OrganizerId, string? CurrentEventId);
