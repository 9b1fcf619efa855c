namespace Uitpas.Edge.Central;

/// <summary>From wire shapes to the public records; throws <see cref="InvalidWireDataException"/> for what JSON alone cannot check.</summary>
internal static class WireMapping
{
    public static PassInfo ToPass(PassWire w) => new(
        w.PassholderId,
        w.PassType switch
        {
            "INDIVIDUAL" => PassType.Individual,
            "GROUP" => PassType.Group,
            _ => PassType.Unknown,
        },
        w.UitpasNumber,
        w.FirstName,
        w.Points,
        w.PostalCode,
        new CardSystemRef(w.CardSystem.Id, w.CardSystem.Name),
        new SocialTariff(
            w.SocialTariff.Status switch
            {
                "ACTIVE" => SocialTariffStatus.Active,
                "EXPIRED" => SocialTariffStatus.Expired,
                "NONE" => SocialTariffStatus.None,
                _ => SocialTariffStatus.Unknown,
            },
            ResponseReader.ParseDateTime(w.SocialTariff.EndDate)),
        w.Messages?.Select(m => new PassMessage(
            m.Level switch
            {
                "INFO" => PassMessageLevel.Info,
                "WARN" => PassMessageLevel.Warn,
                "ERROR" => PassMessageLevel.Error,
                _ => PassMessageLevel.Unknown,
            },
            m.Text)).ToArray() ?? []);

    public static CheckinResult ToCheckinResult(CheckinWire w)
    {
        var record = ToRecord(w);
        return new CheckinResult(record.Id, record.CreationDate, record.EventId, record.EventTitle, record.UitpasNumber, record.Points);
    }

    public static CheckinPage ToPage(CheckinsPageWire w)
    {
        var members = w.Member?.Select(ToRecord).ToArray() ?? [];
        return new CheckinPage(w.TotalItems ?? members.Length, members);
    }

    private static CheckinRecord ToRecord(CheckinWire w)
    {
        if (string.IsNullOrEmpty(w.Id))
        {
            throw new InvalidWireDataException("a check-in has no id");
        }
        var created = ResponseReader.ParseDateTime(w.CreationDate)
            ?? throw new InvalidWireDataException("a check-in has no valid creationDate");
        return new CheckinRecord(w.Id, created, w.EventId, w.EventTitle, w.UitpasNumber, w.Points ?? 0);
    }
}
