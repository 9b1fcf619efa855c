namespace Uitpas.Edge.Protocol.Snapshots
{
    /// <summary>An event assigned to the terminal: its check-in settings and tariff table.</summary>
    public sealed class EventRules
    {
        /// <summary>Central's event id.</summary>
        public string EventId { get; set; }

        public string Name { get; set; }

        public int CheckinPoints { get; set; }

        /// <summary>Check-ins allowed per <see cref="LimitPeriod"/>; 0 = no limit.</summary>
        public int CheckinLimit { get; set; }

        /// <summary>A <see cref="Snapshots.LimitPeriod"/>; <see cref="Snapshots.LimitPeriod.None"/> exactly when the limit is 0.</summary>
        public int LimitPeriod { get; set; }

        /// <summary>Unix ms UTC; 0 = open.</summary>
        public long ValidFromUnixMs { get; set; }

        /// <summary>Unix ms UTC, exclusive; 0 = open.</summary>
        public long ValidUntilUnixMs { get; set; }

        public TariffRow[] Tariffs { get; set; }

        public bool IsValidAt(long unixMs)
        {
            return Validity.Includes(ValidFromUnixMs, ValidUntilUnixMs, unixMs);
        }
    }
}
