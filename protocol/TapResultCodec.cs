namespace Uitpas.Edge.Protocol
{
    /// <summary>
    /// Binary codec of <see cref="TapResult"/> (docs/protocol.md, "result"):
    /// <code>
    /// 0  u8   format version (1)
    /// 1  u8   kind (0x02 = result)
    /// 2  u32  boot epoch of the tap
    /// 6  u32  sequence of the tap
    /// 10 u8   outcome (1 checked in, 2 refused, 3 queued, 4 rejected)
    /// 11 i16  points added
    /// 13 i32  total points (-1 = unknown)
    /// 17 u8   reason length r (ASCII, ≤ 64)
    /// 18 r    reason
    /// .. u16  message length m (UTF-8, ≤ 512)
    /// .. m    message
    /// </code>
    /// </summary>
    public static class TapResultCodec
    {
        public const byte FormatVersion = 1;
        public const byte Kind = 0x02;
        public const int MaxReasonBytes = 64;
        public const int MaxMessageBytes = 512;
        public const int MaxLength = 18 + MaxReasonBytes + 2 + MaxMessageBytes;

        public static byte[] Encode(TapResult result)
        {
            byte[] reason = System.Text.Encoding.UTF8.GetBytes(result.Reason);
            byte[] message = System.Text.Encoding.UTF8.GetBytes(result.Message);
            if (reason.Length > MaxReasonBytes)
            {
                throw new System.ArgumentException("reason longer than " + MaxReasonBytes + " bytes");
            }
            int messageLength = message.Length > MaxMessageBytes ? TruncatedUtf8Length(message, MaxMessageBytes) : message.Length;
            byte[] buffer = new byte[18 + reason.Length + 2 + messageLength];
            buffer[0] = FormatVersion;
            buffer[1] = Kind;
            BigEndian.WriteUInt32(buffer, 2, result.BootEpoch);
            BigEndian.WriteUInt32(buffer, 6, result.Sequence);
            buffer[10] = (byte)result.Outcome;
            BigEndian.WriteUInt16(buffer, 11, (ushort)(short)result.PointsAdded);
            BigEndian.WriteUInt32(buffer, 13, (uint)result.TotalPoints);
            buffer[17] = (byte)reason.Length;
            System.Array.Copy(reason, 0, buffer, 18, reason.Length);
            int at = 18 + reason.Length;
            BigEndian.WriteUInt16(buffer, at, messageLength);
            System.Array.Copy(message, 0, buffer, at + 2, messageLength);
            return buffer;
        }

        public static bool TryDecode(byte[] payload, out TapResult result, out string error)
        {
            result = null;
            error = null;
            if (payload == null || payload.Length < 20)
            {
                error = "result payload shorter than its minimal 20 bytes";
                return false;
            }
            if (payload.Length > MaxLength)
            {
                error = "result payload longer than " + MaxLength + " bytes";
                return false;
            }
            if (payload[0] != FormatVersion)
            {
                error = "unsupported result format version " + payload[0];
                return false;
            }
            if (payload[1] != Kind)
            {
                error = "payload kind " + payload[1] + " is not a result";
                return false;
            }
            int outcome = payload[10];
            if (outcome < (int)TapOutcome.CheckedIn || outcome > (int)TapOutcome.Rejected)
            {
                error = "unknown outcome " + outcome;
                return false;
            }
            int reasonLength = payload[17];
            if (reasonLength > MaxReasonBytes || 18 + reasonLength + 2 > payload.Length)
            {
                error = "result reason length " + reasonLength + " runs past the payload";
                return false;
            }
            int at = 18 + reasonLength;
            int messageLength = BigEndian.ReadUInt16(payload, at);
            if (messageLength > MaxMessageBytes || at + 2 + messageLength != payload.Length)
            {
                error = "result message length " + messageLength + " does not match the payload";
                return false;
            }
            string reason = System.Text.Encoding.UTF8.GetString(payload, 18, reasonLength);
            string message = System.Text.Encoding.UTF8.GetString(payload, at + 2, messageLength);
            short points = (short)BigEndian.ReadUInt16(payload, 11);
            int total = (int)BigEndian.ReadUInt32(payload, 13);
            result = new TapResult(BigEndian.ReadUInt32(payload, 2), BigEndian.ReadUInt32(payload, 6),
                (TapOutcome)outcome, points, total, reason, message);
            return true;
        }

        /// <summary>Longest prefix of at most <paramref name="max"/> bytes that ends on a UTF-8 character boundary.</summary>
        private static int TruncatedUtf8Length(byte[] utf8, int max)
        {
            int length = max;
            while (length > 0 && (utf8[length] & 0xC0) == 0x80)
            {
                length--;
            }
            return length;
        }
    }
}
