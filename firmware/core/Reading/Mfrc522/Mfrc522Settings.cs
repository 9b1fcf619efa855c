namespace Uitpas.Edge.Core.Reading.Mfrc522
{
    /// <summary>How the MFRC522 driver reads, bounds its work and heals itself. Defaults suit the reference terminal.</summary>
    public sealed class Mfrc522Settings
    {
        public Mfrc522Settings()
        {
            SpiClockHz = 10000000;
            ResponseTimeoutMicros = 500;
            RxGain = 6;
            MaxAccessesPerPoll = 1500;
            ConfirmReads = 2;
            HoldMs = 1000;
            ResolveCollisions = true;
            SelfCheckIntervalMs = 5000;
            MaxConsecutiveFaults = 3;
            ResetTimeoutMs = 50;
            SoftResetsBeforeHardReset = 2;
            FailedInitsBeforeBackoff = 4;
            BackoffMinMs = 1000;
            BackoffMaxMs = 30000;
        }

        /// <summary>
        /// The SPI clock (the MFRC522 allows up to 10 MHz, data sheet §8.1.2). A register read
        /// takes at least 16 clocks, which turns the chip timer's period into a bound on the
        /// number of status reads an exchange may need.
        /// </summary>
        public int SpiClockHz { get; set; }

        /// <summary>
        /// The chip timer (TAuto, started at the end of each transmission, stopped by the 5th
        /// received bit) in µs: how long a card may take to start answering. Cards answer an
        /// activation command after about 90 µs; 500 µs leaves a wide margin.
        /// </summary>
        public int ResponseTimeoutMicros { get; set; }

        /// <summary>RFCfgReg RxGain[2:0] (§9.3.3.6): 4 = 33 dB (reset value), 5 = 38, 6 = 43, 7 = 48 dB.</summary>
        public int RxGain { get; set; }

        /// <summary>Hard cap on register accesses in one poll; an exchange that needs more continues in the next poll.</summary>
        public int MaxAccessesPerPoll { get; set; }

        /// <summary>
        /// A new UID is reported only after this many activations in a row gave it (the second
        /// one selects the card by the UID read, so only that card can answer). 1 reports at once.
        /// </summary>
        public int ConfirmReads { get; set; }

        /// <summary>While the field cannot be observed (recovery, garbled answers), the card seen last is reported for this long.</summary>
        public int HoldMs { get; set; }

        /// <summary>
        /// Resolve several cards in the field to one (ISO/IEC 14443-3 bit collision resolution,
        /// always the same card for the same set); false reports <see cref="ReadOutcome.Collision"/>
        /// and no UID instead. A card already confirmed is selected by its UID and stays read when
        /// a second card joins it.
        /// </summary>
        public bool ResolveCollisions { get; set; }

        /// <summary>How often the chip's identity and configuration are verified (and the CRC coprocessor tested).</summary>
        public int SelfCheckIntervalMs { get; set; }

        /// <summary>Chip faults in a row that make the driver reset and reconfigure the chip.</summary>
        public int MaxConsecutiveFaults { get; set; }

        /// <summary>How long the chip may take to come out of a reset before the attempt counts as failed.</summary>
        public int ResetTimeoutMs { get; set; }

        /// <summary>Failed soft resets before the driver pulses NRSTPD (when it has a reset line).</summary>
        public int SoftResetsBeforeHardReset { get; set; }

        /// <summary>Failed initialisations in a row before the driver backs off (health: down).</summary>
        public int FailedInitsBeforeBackoff { get; set; }

        public int BackoffMinMs { get; set; }
        public int BackoffMaxMs { get; set; }

        /// <summary>Null when usable, otherwise what is wrong.</summary>
        public string Validate()
        {
            if (SpiClockHz < 100000 || SpiClockHz > 10000000) return "SPI clock must be 100 kHz - 10 MHz";
            if (ResponseTimeoutMicros < 150 || ResponseTimeoutMicros > 100000) return "response timeout must be 150-100000 us";
            if (RxGain < 0 || RxGain > 7) return "RxGain must be 0-7";
            if (MaxAccessesPerPoll < 64) return "at least 64 register accesses per poll are needed";
            if (ConfirmReads < 1 || ConfirmReads > 3) return "confirm reads must be 1-3";
            if (HoldMs < 0 || HoldMs > 10000) return "hold must be 0-10000 ms";
            if (SelfCheckIntervalMs < 100) return "self-check interval must be at least 100 ms";
            if (MaxConsecutiveFaults < 1) return "max consecutive faults must be at least 1";
            if (ResetTimeoutMs < 1) return "reset timeout must be at least 1 ms";
            if (SoftResetsBeforeHardReset < 0) return "soft resets before a hard reset must be 0 or more";
            if (FailedInitsBeforeBackoff < 1) return "failed initialisations before back-off must be at least 1";
            if (BackoffMinMs < 1 || BackoffMaxMs < BackoffMinMs) return "back-off must be 1 ms or more, max >= min";
            return null;
        }
    }
}
