namespace Uitpas.Edge.Core.Reading.Mfrc522
{
    /// <summary>What one look at the RF field found (numbers, since enums print as numbers on the device).</summary>
    public enum ReadOutcome
    {
        /// <summary>The look is still running (an exchange continues in the next poll).</summary>
        Pending = 0,

        /// <summary>Nobody answered WUPA: the field is empty.</summary>
        NoCard = 1,

        /// <summary>One card was selected through all its cascade levels; its UID is complete and checked.</summary>
        Card = 2,

        /// <summary>Several cards answered and collision resolution is switched off (or could not finish).</summary>
        Collision = 3,

        /// <summary>A card answered, garbled: CRC_A, parity, protocol, BCC or a truncated frame.</summary>
        CardError = 4,

        /// <summary>A card stopped answering half-way through the activation (taken away mid-select).</summary>
        CardLost = 5,

        /// <summary>The MFRC522 misbehaved: no interrupt within its own timer's bound, a bus error, WrErr/TempErr, a failed self-check.</summary>
        ChipFault = 6,

        /// <summary>The chip is being reset and configured; the field is not observed.</summary>
        Recovering = 7,
    }
}
