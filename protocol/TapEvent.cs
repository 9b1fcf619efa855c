namespace Uitpas.Edge.Protocol
{
    /// <summary>
    /// One tap of a card on a terminal, as the terminal publishes it. (BootEpoch, Sequence)
    /// identifies the tap on its device for ever: the epoch grows at every boot and is kept in
    /// flash, the sequence grows per tap within an epoch. The agent deduplicates on
    /// (device, epoch, sequence) and correlates the result to the tap with the same pair.
    /// </summary>
    public sealed class TapEvent
    {
        public TapEvent(uint bootEpoch, uint sequence, long tappedAtUnixMs, byte[] chipUid, byte flags)
        {
            BootEpoch = bootEpoch;
            Sequence = sequence;
            TappedAtUnixMs = tappedAtUnixMs;
            ChipUid = chipUid;
            Flags = flags;
        }

        public uint BootEpoch { get; }
        public uint Sequence { get; }

        /// <summary>Device wall clock at the tap, Unix milliseconds UTC; 0 when the clock is not set.</summary>
        public long TappedAtUnixMs { get; }

        public byte[] ChipUid { get; }

        /// <summary>See <see cref="TapFlags"/>.</summary>
        public byte Flags { get; }

        public bool IsReplay
        {
            get { return (Flags & TapFlags.Replay) != 0; }
        }
    }

    public static class TapFlags
    {
        public const byte None = 0;

        /// <summary>Sent again from the journal (after a reconnect or a reboot), not live.</summary>
        public const byte Replay = 0x01;

        public const byte Known = Replay;
    }
}
