namespace Uitpas.Edge.Core.Reading.Mfrc522
{
    /// <summary>Where the reader stands, for the terminal's health report and the fleet view.</summary>
    public enum ReaderState
    {
        Starting = 0,
        Ok = 1,
        /// <summary>Resetting and reconfiguring the chip after faults or a failed self-check.</summary>
        Recovering = 2,
        /// <summary>Initialisation keeps failing; retried with back-off. The terminal cannot read cards.</summary>
        Down = 3,
    }

    /// <summary>Counters and the last problem of one MFRC522 reader. Plain fields: read by the health reporter, written by the driver.</summary>
    public sealed class ReaderHealth
    {
        public ReaderState State;

        /// <summary>VersionReg at the last initialisation: 91h = v1.0, 92h = v2.0; other values are clones.</summary>
        public byte ChipVersion;

        public long Polls;
        /// <summary>New cards reported (after confirmation).</summary>
        public long CardsReported;
        /// <summary>Completed activations (a card fully selected), including the presence checks of a card that stays.</summary>
        public long Activations;
        public long Collisions;
        public long CardErrors;
        public long CardsLost;
        public long ChipFaults;
        public long SelfChecks;
        public long SelfCheckFailures;
        public long Initialisations;
        public long Reinitialisations;
        public long HardResets;

        public string LastProblem;
        public long LastProblemAtMs;
        public long LastHealthyAtMs;

        public int MaxAccessesInPoll;
        public long RegisterAccesses;
        public long SpiBytes;

        public bool GenuineChip
        {
            get { return ChipVersion == 0x91 || ChipVersion == 0x92; }
        }

        public static string StateName(ReaderState state)
        {
            switch (state)
            {
                case ReaderState.Ok: return "ok";
                case ReaderState.Recovering: return "recovering";
                case ReaderState.Down: return "down";
                default: return "starting";
            }
        }

        /// <summary>One line for logs and the fleet view.</summary>
        public string Summary()
        {
            string text = "reader " + StateName(State) + ", VersionReg " + ChipVersion.ToString("X2") + "h"
                + (GenuineChip ? "" : " (not a genuine MFRC522 version)")
                + ", " + CardsReported.ToString() + " cards, " + ChipFaults.ToString() + " chip faults, "
                + Reinitialisations.ToString() + " re-initialisations, " + SelfCheckFailures.ToString() + "/" + SelfChecks.ToString() + " self-checks failed";
            return LastProblem == null ? text : text + "; last problem: " + LastProblem;
        }
    }
}
