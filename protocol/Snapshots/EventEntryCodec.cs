namespace Uitpas.Edge.Protocol.Snapshots
{
    /// <summary>Encodes and decodes one entry body of an events snapshot (<see cref="EventsFormat"/>).</summary>
    internal static class EventEntryCodec
    {
        /// <summary>Writes the body of a checked event (<see cref="EventsFormat.Check"/>) into a buffer of <see cref="EventsFormat.MaxBodyLength"/> bytes; returns its length.</summary>
        public static int Encode(EventRules rules, byte[] body)
        {
            int at = PutText(body, 0, rules.EventId);
            at = PutText(body, at, rules.Name);
            BigEndian.WriteUInt32(body, at, (uint)rules.CheckinPoints);
            BigEndian.WriteUInt16(body, at + 4, rules.CheckinLimit);
            body[at + 6] = (byte)rules.LimitPeriod;
            BigEndian.WriteInt64(body, at + 7, rules.ValidFromUnixMs);
            BigEndian.WriteInt64(body, at + 15, rules.ValidUntilUnixMs);
            int count = rules.Tariffs == null ? 0 : rules.Tariffs.Length;
            body[at + 23] = (byte)count;
            at += 24;
            for (int i = 0; i < count; i++)
            {
                TariffRow tariff = rules.Tariffs[i];
                at = PutText(body, at, tariff.Id);
                at = PutText(body, at, tariff.Name);
                body[at] = (byte)tariff.Type;
                BigEndian.WriteUInt32(body, at + 1, (uint)tariff.RegularPriceCents);
                BigEndian.WriteUInt32(body, at + 5, (uint)tariff.TariffPriceCents);
                BigEndian.WriteInt64(body, at + 9, tariff.ValidFromUnixMs);
                BigEndian.WriteInt64(body, at + 17, tariff.ValidUntilUnixMs);
                at += 25;
            }
            return at;
        }

        /// <summary>Decodes and checks a body; false with a reason when it is malformed. Never throws.</summary>
        public static bool TryDecode(byte[] body, int length, out EventRules rules, out string reason)
        {
            rules = null;
            int at = 0;
            string id;
            string name;
            if (!TakeText(body, length, ref at, 1, EventsFormat.MaxIdBytes, out id)
                || !TakeText(body, length, ref at, 0, EventsFormat.MaxNameBytes, out name)
                || at + 24 > length)
            {
                reason = "malformed event entry: its texts or fixed fields do not fit";
                return false;
            }
            EventRules r = new EventRules();
            r.EventId = id;
            r.Name = name;
            r.CheckinPoints = ReadInt32(body, at);
            r.CheckinLimit = BigEndian.ReadUInt16(body, at + 4);
            r.LimitPeriod = body[at + 6];
            r.ValidFromUnixMs = BigEndian.ReadInt64(body, at + 7);
            r.ValidUntilUnixMs = BigEndian.ReadInt64(body, at + 15);
            int count = body[at + 23];
            at += 24;
            if (count > EventsFormat.MaxTariffsPerEvent)
            {
                reason = "malformed event entry: event " + id + " has " + count + " tariffs, at most " + EventsFormat.MaxTariffsPerEvent;
                return false;
            }
            r.Tariffs = new TariffRow[count];
            for (int i = 0; i < count; i++)
            {
                TariffRow t = new TariffRow();
                string tariffId;
                string tariffName;
                if (!TakeText(body, length, ref at, 1, EventsFormat.MaxIdBytes, out tariffId)
                    || !TakeText(body, length, ref at, 0, EventsFormat.MaxNameBytes, out tariffName)
                    || at + 25 > length)
                {
                    reason = "malformed event entry: tariff " + i + " of event " + id + " does not fit";
                    return false;
                }
                t.Id = tariffId;
                t.Name = tariffName;
                t.Type = body[at];
                t.RegularPriceCents = ReadInt32(body, at + 1);
                t.TariffPriceCents = ReadInt32(body, at + 5);
                t.ValidFromUnixMs = BigEndian.ReadInt64(body, at + 9);
                t.ValidUntilUnixMs = BigEndian.ReadInt64(body, at + 17);
                at += 25;
                r.Tariffs[i] = t;
            }
            if (at != length)
            {
                reason = "malformed event entry: " + (length - at) + " stray bytes after event " + id;
                return false;
            }
            string why = EventsFormat.Check(r);
            if (why != null)
            {
                reason = "malformed event entry: " + why;
                return false;
            }
            rules = r;
            reason = null;
            return true;
        }

        internal static int PutText(byte[] buffer, int at, string text)
        {
            byte[] bytes = System.Text.Encoding.UTF8.GetBytes(text == null ? "" : text);
            buffer[at] = (byte)bytes.Length;
            System.Array.Copy(bytes, 0, buffer, at + 1, bytes.Length);
            return at + 1 + bytes.Length;
        }

        /// <summary>Reads a str8 of min..max well-formed UTF-8 bytes inside [at, length).</summary>
        internal static bool TakeText(byte[] buffer, int length, ref int at, int min, int max, out string text)
        {
            text = null;
            if (at >= length)
            {
                return false;
            }
            int n = buffer[at];
            if (n < min || n > max || at + 1 + n > length || !Utf8.IsValid(buffer, at + 1, n))
            {
                return false;
            }
            text = n == 0 ? "" : System.Text.Encoding.UTF8.GetString(buffer, at + 1, n);
            at += 1 + n;
            return true;
        }

        private static int ReadInt32(byte[] buffer, int offset)
        {
            return (int)BigEndian.ReadUInt32(buffer, offset);
        }
    }
}
