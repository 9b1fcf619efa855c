namespace Uitpas.Edge.Core.Reading.Mfrc522
{
    /// <summary>The state of one Transceive exchange with the card(s) in the field.</summary>
    public enum ExchangeStatus
    {
        None = 0,
        /// <summary>Started; the chip has not raised RxIRq, ErrIRq or TimerIRq yet.</summary>
        InFlight = 1,
        /// <summary>Received without error; the bytes are in <see cref="Mfrc522Chip.Received"/>.</summary>
        Ok = 2,
        /// <summary>The chip's timer expired before any card started to answer.</summary>
        Timeout = 3,
        /// <summary>CollErr: several cards answered different bits; see <see cref="Mfrc522Chip.CollisionPosition"/>.</summary>
        Collision = 4,
        /// <summary>Parity, protocol, CRC or FIFO overflow error, or an answer without data.</summary>
        Error = 5,
        /// <summary>The chip misbehaved (see <see cref="Mfrc522Chip.Fault"/>).</summary>
        ChipFault = 6,
    }
}
