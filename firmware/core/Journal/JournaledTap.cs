using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Core.Journal
{
    /// <summary>A tap as the journal holds it, with what is known of its fate.</summary>
    public sealed class JournaledTap
    {
        public JournaledTap(uint bootEpoch, uint sequence, long tappedAtUnixMs, byte[] chipUid)
        {
            BootEpoch = bootEpoch;
            Sequence = sequence;
            TappedAtUnixMs = tappedAtUnixMs;
            ChipUid = chipUid;
            LastSentAtMs = -1;
        }

        public uint BootEpoch { get; }
        public uint Sequence { get; }
        public long TappedAtUnixMs { get; }
        public byte[] ChipUid { get; }

        /// <summary>True once the agent answered Queued: it holds the tap, so it is not replayed.</summary>
        public bool HeldByAgent { get; set; }

        /// <summary>Monotonic time of the last publish in this boot; -1 when not sent since boot.</summary>
        public long LastSentAtMs { get; set; }

        public bool Is(uint bootEpoch, uint sequence)
        {
            return BootEpoch == bootEpoch && Sequence == sequence;
        }

        public TapEvent ToEvent(byte flags)
        {
            return new TapEvent(BootEpoch, Sequence, TappedAtUnixMs, ChipUid, flags);
        }
    }
}
