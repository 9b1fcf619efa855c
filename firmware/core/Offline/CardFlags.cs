namespace Uitpas.Edge.Core.Offline
{
    /// <summary>What the allowlist says of a card (bit flags).</summary>
    public static class CardFlags
    {
        public const int None = 0;
        public const int Blocked = 1;
        public const int SocialTariff = 2;
    }
}
