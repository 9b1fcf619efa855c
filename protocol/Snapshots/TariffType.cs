namespace Uitpas.Edge.Protocol.Snapshots
{
    /// <summary>Kind of discount of a tariff row (central's Tariff.type).</summary>
    public static class TariffType
    {
        /// <summary>Social tariff ("kansentarief").</summary>
        public const int SocialTariff = 1;

        /// <summary>A coupon.</summary>
        public const int Coupon = 2;

        public static bool IsKnown(int type)
        {
            return type == SocialTariff || type == Coupon;
        }
    }
}
