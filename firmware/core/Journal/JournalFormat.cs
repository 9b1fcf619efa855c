using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Core.Journal
{
    /// <summary>
    /// The journal's entries on flash (docs/protocol.md, "Journal"):
    /// <code>
    /// u8 0xA5 marker · u8 kind · u8 body length n · n body · u32 CRC-32 of kind..body
    /// 1 tap:    u32 epoch · u32 sequence · i64 tapped at (Unix ms) · u8 uid length · uid
    /// 2 result: u32 epoch · u32 sequence · u8 outcome
    /// 3 begin:  u32 generation · u32 highest epoch   (first entry of a compacted log)
    /// 4 seal:   u32 generation                       (ends the copied part of a compacted log)
    /// </code>
    /// </summary>
    internal static class JournalFormat
    {
        public const byte Marker = 0xA5;
        public const byte KindTap = 1;
        public const byte KindResult = 2;
        public const byte KindBegin = 3;
        public const byte KindSeal = 4;

        /// <summary>Marker, kind, length and CRC around the body.</summary>
        public const int Overhead = 3 + 4;
        public const int MaxEntry = Overhead + 255;
        public const int TapBodyFixed = 17;
        public const int ResultEntry = Overhead + 9;
        public const int BeginEntry = Overhead + 8;
        public const int SealEntry = Overhead + 4;

        public static int TapEntrySize(int uidLength)
        {
            return Overhead + TapBodyFixed + uidLength;
        }

        public static byte[] Tap(uint epoch, uint sequence, long tappedAtUnixMs, byte[] uid)
        {
            byte[] entry = Start(KindTap, TapBodyFixed + uid.Length);
            BigEndian.WriteUInt32(entry, 3, epoch);
            BigEndian.WriteUInt32(entry, 7, sequence);
            BigEndian.WriteInt64(entry, 11, tappedAtUnixMs);
            entry[19] = (byte)uid.Length;
            System.Array.Copy(uid, 0, entry, 20, uid.Length);
            return Finish(entry);
        }

        public static byte[] Result(uint epoch, uint sequence, TapOutcome outcome)
        {
            byte[] entry = Start(KindResult, 9);
            BigEndian.WriteUInt32(entry, 3, epoch);
            BigEndian.WriteUInt32(entry, 7, sequence);
            entry[11] = (byte)outcome;
            return Finish(entry);
        }

        public static byte[] Begin(uint generation, uint highestEpoch)
        {
            byte[] entry = Start(KindBegin, 8);
            BigEndian.WriteUInt32(entry, 3, generation);
            BigEndian.WriteUInt32(entry, 7, highestEpoch);
            return Finish(entry);
        }

        public static byte[] Seal(uint generation)
        {
            byte[] entry = Start(KindSeal, 4);
            BigEndian.WriteUInt32(entry, 3, generation);
            return Finish(entry);
        }

        /// <summary>True when the body at <paramref name="at"/> (n bytes) has the shape its kind requires.</summary>
        public static bool HasShape(byte kind, byte[] buffer, int at, int n)
        {
            switch (kind)
            {
                case KindTap:
                    return n >= TapBodyFixed && ChipUid.IsValidLength(buffer[at + 16]) && n == TapBodyFixed + buffer[at + 16];
                case KindResult:
                    return n == 9;
                case KindBegin:
                    return n == 8;
                case KindSeal:
                    return n == 4;
                default:
                    return false;
            }
        }

        /// <summary>True when the entry at <paramref name="at"/> of <paramref name="total"/> bytes carries a matching CRC.</summary>
        public static bool CrcMatches(byte[] buffer, int at, int total)
        {
            int crcAt = at + total - 4;
            return BigEndian.ReadUInt32(buffer, crcAt) == Crc32.Compute(buffer, at + 1, total - 5);
        }

        /// <summary>(epoch a, sequence a) compared with (epoch b, sequence b): negative, 0 or positive.</summary>
        public static int CompareKeys(uint epochA, uint sequenceA, uint epochB, uint sequenceB)
        {
            if (epochA != epochB)
            {
                return epochA < epochB ? -1 : 1;
            }
            if (sequenceA != sequenceB)
            {
                return sequenceA < sequenceB ? -1 : 1;
            }
            return 0;
        }

        private static byte[] Start(byte kind, int bodyLength)
        {
            byte[] entry = new byte[Overhead + bodyLength];
            entry[0] = Marker;
            entry[1] = kind;
            entry[2] = (byte)bodyLength;
            return entry;
        }

        private static byte[] Finish(byte[] entry)
        {
            int crcAt = entry.Length - 4;
            BigEndian.WriteUInt32(entry, crcAt, Crc32.Compute(entry, 1, crcAt - 1));
            return entry;
        }
    }
}
