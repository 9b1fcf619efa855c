namespace Uitpas.Edge.Protocol
{
    /// <summary>
    /// Binary codec of <see cref="TapEvent"/> (docs/protocol.md, "tap"):
    /// <code>
    /// 0  u8   format version (1)
    /// 1  u8   kind (0x01 = tap)
    /// 2  u32  boot epoch
    /// 6  u32  sequence (≥ 1)
    /// 10 i64  tapped at, Unix ms UTC (0 = clock not set)
    /// 18 u8   flags (bit 0 = replay)
    /// 19 u8   UID length n (4, 7 or 10)
    /// 20 n    UID
    /// </code>
    /// </summary>
    public static class TapEventCodec
    {
        public const byte FormatVersion = 1;
        public const byte Kind = 0x01;
        public const int HeaderLength = 20;

        /// <summary>Largest valid tap payload; the agent refuses anything bigger unread.</summary>
        public const int MaxLength = HeaderLength + 10;

        public static byte[] Encode(TapEvent tap)
        {
            if (tap == null || tap.ChipUid == null || !ChipUid.IsValidLength(tap.ChipUid.Length))
            {
                throw new System.ArgumentException("tap needs a 4, 7 or 10 byte chip UID");
            }
            byte[] buffer = new byte[HeaderLength + tap.ChipUid.Length];
            buffer[0] = FormatVersion;
            buffer[1] = Kind;
            BigEndian.WriteUInt32(buffer, 2, tap.BootEpoch);
            BigEndian.WriteUInt32(buffer, 6, tap.Sequence);
            BigEndian.WriteInt64(buffer, 10, tap.TappedAtUnixMs);
            buffer[18] = tap.Flags;
            buffer[19] = (byte)tap.ChipUid.Length;
            System.Array.Copy(tap.ChipUid, 0, buffer, HeaderLength, tap.ChipUid.Length);
            return buffer;
        }

        /// <summary>
        /// Decodes a tap payload. On failure returns false with a reason fit for a log line;
        /// never throws on bad input.
        /// </summary>
        public static bool TryDecode(byte[] payload, out TapEvent tap, out string error)
        {
            tap = null;
            error = null;
            if (payload == null || payload.Length < HeaderLength)
            {
                error = "tap payload shorter than its 20-byte header";
                return false;
            }
            if (payload.Length > MaxLength)
            {
                error = "tap payload longer than " + MaxLength + " bytes";
                return false;
            }
            if (payload[0] != FormatVersion)
            {
                error = "unsupported tap format version " + payload[0];
                return false;
            }
            if (payload[1] != Kind)
            {
                error = "payload kind " + payload[1] + " is not a tap";
                return false;
            }
            uint sequence = BigEndian.ReadUInt32(payload, 6);
            if (sequence == 0)
            {
                error = "tap sequence 0 is reserved";
                return false;
            }
            byte flags = payload[18];
            if ((flags & ~TapFlags.Known) != 0)
            {
                error = "unknown tap flags 0x" + ChipUid.ToHex(new byte[] { flags });
                return false;
            }
            int uidLength = payload[19];
            if (!ChipUid.IsValidLength(uidLength))
            {
                error = "chip UID length " + uidLength + " is not 4, 7 or 10";
                return false;
            }
            if (payload.Length != HeaderLength + uidLength)
            {
                error = "tap payload length " + payload.Length + " does not match its UID length " + uidLength;
                return false;
            }
            long tappedAt = BigEndian.ReadInt64(payload, 10);
            if (tappedAt < 0)
            {
                error = "negative tap time";
                return false;
            }
            byte[] uid = new byte[uidLength];
            System.Array.Copy(payload, HeaderLength, uid, 0, uidLength);
            tap = new TapEvent(BigEndian.ReadUInt32(payload, 2), sequence, tappedAt, uid, flags);
            return true;
        }
    }
}
