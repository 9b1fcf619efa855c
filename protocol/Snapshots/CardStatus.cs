namespace Uitpas.Edge.Protocol.Snapshots
{
    /// <summary>What the allowlist says of a card; the values match the core's CardFlags.</summary>
    [System.Flags]
    public enum CardStatus
    {
        None = 0,
        Blocked = 1,
        SocialTariff = 2,
    }
}
