namespace Uitpas.Edge.Protocol.Snapshots
{
    /// <summary>
    /// Payload of an events snapshot (kind 2): the check-in settings and tariff tables of the
    /// events assigned to one terminal. Big-endian; str8 = u8 length n · n bytes of UTF-8.
    /// <code>
    /// payload  str8 device id · entries up to the end of the payload (at most 32)
    /// entry    u16 body length · body
    /// body     str8 event id (1–48 B) · str8 name (0–64 B) · i32 check-in points (≥ 0)
    ///          · u16 check-in limit (0 = none) · u8 limit period (LimitPeriod; 0 exactly when the limit is 0)
    ///          · i64 valid from · i64 valid until (Unix ms UTC, 0 = open, [from, until))
    ///          · u8 tariff count (≤ 8) · tariffs
    /// tariff   str8 tariff id (1–48 B) · str8 name (0–64 B) · u8 type (TariffType)
    ///          · i32 regular price · i32 tariff price (euro cents, ≥ 0) · i64 valid from · i64 valid until
    /// </code>
    /// </summary>
    public static class EventsFormat
    {
        public const int MaxEvents = 32;
        public const int MaxTariffsPerEvent = 8;
        public const int MaxIdBytes = 48;
        public const int MaxNameBytes = 64;
        public const int MaxCheckinLimit = 65535;

        /// <summary>Fixed bytes of an event body besides its strings and tariffs (the two str8 length bytes included).</summary>
        public const int EventFixedLength = 1 + 1 + 4 + 2 + 1 + 8 + 8 + 1;

        /// <summary>Fixed bytes of a tariff besides its strings (the two str8 length bytes included).</summary>
        public const int TariffFixedLength = 1 + 1 + 1 + 4 + 4 + 8 + 8;

        public const int MaxTariffLength = TariffFixedLength + MaxIdBytes + MaxNameBytes;

        /// <summary>Largest entry body (1250 bytes): also the reader's one entry buffer.</summary>
        public const int MaxBodyLength = EventFixedLength + MaxIdBytes + MaxNameBytes + MaxTariffsPerEvent * MaxTariffLength;

        /// <summary>Largest payload: a device id and <see cref="MaxEvents"/> largest entries.</summary>
        public const int MaxPayloadLength = 1 + 32 + MaxEvents * (2 + MaxBodyLength);

        /// <summary>Null when the event fits this format, else why not (for the writer's caller to log).</summary>
        public static string Check(EventRules rules)
        {
            if (rules == null)
            {
                return "no event";
            }
            string why = CheckText("event id", rules.EventId, 1, MaxIdBytes);
            if (why == null)
            {
                why = CheckText("event name", rules.Name, 0, MaxNameBytes);
            }
            if (why != null)
            {
                return why;
            }
            string which = "event " + rules.EventId + ": ";
            if (rules.CheckinPoints < 0)
            {
                return which + "negative check-in points";
            }
            if (rules.CheckinLimit < 0 || rules.CheckinLimit > MaxCheckinLimit)
            {
                return which + "check-in limit " + rules.CheckinLimit + " outside 0.." + MaxCheckinLimit;
            }
            if (!LimitPeriod.IsKnown(rules.LimitPeriod) || (rules.CheckinLimit == 0) != (rules.LimitPeriod == LimitPeriod.None))
            {
                return which + "limit period " + rules.LimitPeriod + " does not go with limit " + rules.CheckinLimit;
            }
            if (!Validity.IsWellFormed(rules.ValidFromUnixMs, rules.ValidUntilUnixMs))
            {
                return which + "validity window is not [from, until)";
            }
            TariffRow[] tariffs = rules.Tariffs;
            int count = tariffs == null ? 0 : tariffs.Length;
            if (count > MaxTariffsPerEvent)
            {
                return which + count + " tariffs, at most " + MaxTariffsPerEvent;
            }
            for (int i = 0; i < count; i++)
            {
                why = CheckTariff(tariffs[i]);
                if (why != null)
                {
                    return which + why;
                }
            }
            return null;
        }

        private static string CheckTariff(TariffRow tariff)
        {
            if (tariff == null)
            {
                return "no tariff";
            }
            string why = CheckText("tariff id", tariff.Id, 1, MaxIdBytes);
            if (why == null)
            {
                why = CheckText("tariff name", tariff.Name, 0, MaxNameBytes);
            }
            if (why != null)
            {
                return why;
            }
            if (!TariffType.IsKnown(tariff.Type))
            {
                return "tariff " + tariff.Id + ": unknown type " + tariff.Type;
            }
            if (tariff.RegularPriceCents < 0 || tariff.TariffPriceCents < 0)
            {
                return "tariff " + tariff.Id + ": negative price";
            }
            if (!Validity.IsWellFormed(tariff.ValidFromUnixMs, tariff.ValidUntilUnixMs))
            {
                return "tariff " + tariff.Id + ": validity window is not [from, until)";
            }
            return null;
        }

        private static string CheckText(string what, string text, int min, int max)
        {
            int length = text == null ? 0 : System.Text.Encoding.UTF8.GetBytes(text).Length;
            if (length < min || length > max)
            {
                return what + " has " + length + " bytes of UTF-8, allowed " + min + ".." + max;
            }
            return null;
        }
    }
}
