namespace Uitpas.Edge.Protocol.Snapshots
{
    /// <summary>One tariff of an event: the regular price and what a passholder pays instead.</summary>
    public sealed class TariffRow
    {
        /// <summary>Central's tariff id, e.g. "SOCIALTARIFF-1".</summary>
        public string Id { get; set; }

        public string Name { get; set; }

        /// <summary>A <see cref="Snapshots.TariffType"/>.</summary>
        public int Type { get; set; }

        public int RegularPriceCents { get; set; }

        /// <summary>The price at this tariff (the social-tariff price for <see cref="Snapshots.TariffType.SocialTariff"/>).</summary>
        public int TariffPriceCents { get; set; }

        /// <summary>Unix ms UTC; 0 = open.</summary>
        public long ValidFromUnixMs { get; set; }

        /// <summary>Unix ms UTC, exclusive; 0 = open.</summary>
        public long ValidUntilUnixMs { get; set; }

        public bool IsCoupon
        {
            get { return Type == Snapshots.TariffType.Coupon; }
        }

        public bool IsValidAt(long unixMs)
        {
            return Validity.Includes(ValidFromUnixMs, ValidUntilUnixMs, unixMs);
        }
    }
}
