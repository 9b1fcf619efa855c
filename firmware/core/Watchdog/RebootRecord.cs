using Uitpas.Edge.Core.Storage;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Core.Watchdog
{
    /// <summary>
    /// Why the terminal rebooted itself (a stalled lane, too little memory), after how long, and
    /// how many times so far, kept on flash ("reboot.bin") so the next boot can print it.
    /// Layout (big-endian): 'R', version 1, flags (bit 0: printed), reason length, count u32,
    /// uptime ms i64, reason (ASCII), CRC-32 of all before it. Bad bytes decode to null.
    /// </summary>
    public sealed class RebootRecord
    {
        public const string BlobName = "reboot";
        public const int MaxReasonLength = 48;

        private const byte Magic = 0x52;
        private const byte Version = 1;
        private const int HeaderLength = 16;

        public RebootRecord(string reason, long uptimeMs, uint count, bool reported)
        {
            Reason = Clean(reason);
            UptimeMs = uptimeMs < 0 ? 0 : uptimeMs;
            Count = count;
            Reported = reported;
        }

        /// <summary>What ended the last run, e.g. "watchdog: main loop" or "memory: free 9 KB".</summary>
        public string Reason { get; }

        public long UptimeMs { get; }

        /// <summary>Reboots the terminal did itself since it was flashed.</summary>
        public uint Count { get; }

        /// <summary>True once a boot printed it.</summary>
        public bool Reported { get; }

        public byte[] Encode()
        {
            int n = Reason.Length;
            byte[] data = new byte[HeaderLength + n + 4];
            data[0] = Magic;
            data[1] = Version;
            data[2] = (byte)(Reported ? 1 : 0);
            data[3] = (byte)n;
            BigEndian.WriteUInt32(data, 4, Count);
            BigEndian.WriteInt64(data, 8, UptimeMs);
            for (int i = 0; i < n; i++)
            {
                data[HeaderLength + i] = (byte)Reason[i];
            }
            BigEndian.WriteUInt32(data, HeaderLength + n, Crc32.Compute(data, 0, HeaderLength + n));
            return data;
        }

        /// <summary>The entry in <paramref name="data"/>, or null when it is missing, torn or not one.</summary>
        public static RebootRecord Decode(byte[] data)
        {
            if (data == null || data.Length < HeaderLength + 4 || data[0] != Magic || data[1] != Version)
            {
                return null;
            }
            int n = data[3];
            if (n > MaxReasonLength || data.Length != HeaderLength + n + 4
                || BigEndian.ReadUInt32(data, HeaderLength + n) != Crc32.Compute(data, 0, HeaderLength + n))
            {
                return null;
            }
            char[] reason = new char[n];
            for (int i = 0; i < n; i++)
            {
                reason[i] = (char)data[HeaderLength + i];
            }
            return new RebootRecord(new string(reason), BigEndian.ReadInt64(data, 8), BigEndian.ReadUInt32(data, 4), (data[2] & 1) != 0);
        }

        public static RebootRecord Load(IBlobStore blobs)
        {
            return Decode(blobs.Read(BlobName));
        }

        /// <summary>Before a reboot the terminal does itself: the reason and uptime, the count one more than before.</summary>
        public static RebootRecord Save(IBlobStore blobs, string reason, long uptimeMs)
        {
            RebootRecord previous = Load(blobs);
            RebootRecord entry = new RebootRecord(reason, uptimeMs, previous == null ? 1 : previous.Count + 1, false);
            blobs.Write(BlobName, entry.Encode());
            return entry;
        }

        /// <summary>At boot: the entry of the last run when not printed yet (then marked printed), else null.</summary>
        public static RebootRecord TakeUnreported(IBlobStore blobs)
        {
            RebootRecord entry = Load(blobs);
            if (entry == null || entry.Reported)
            {
                return null;
            }
            blobs.Write(BlobName, new RebootRecord(entry.Reason, entry.UptimeMs, entry.Count, true).Encode());
            return entry;
        }

        /// <summary>"[reboot] the last run ended: watchdog: main loop after 3 h 12 min (reboot 4 since flashing)".</summary>
        public string Describe()
        {
            long minutes = UptimeMs / 60000;
            string uptime = minutes >= 60 ? (minutes / 60) + " h " + (minutes % 60) + " min" : minutes + " min " + (UptimeMs / 1000 % 60) + " s";
            return "[reboot] the last run ended: " + Reason + " after " + uptime + " (reboot " + Count + " since flashing)";
        }

        /// <summary>Printable ASCII, at most <see cref="MaxReasonLength"/> characters.</summary>
        private static string Clean(string reason)
        {
            if (reason == null)
            {
                return string.Empty;
            }
            int n = reason.Length > MaxReasonLength ? MaxReasonLength : reason.Length;
            char[] chars = new char[n];
            for (int i = 0; i < n; i++)
            {
                char c = reason[i];
                chars[i] = c >= ' ' && c <= '~' ? c : '?';
            }
            return new string(chars);
        }
    }
}
