namespace Uitpas.Edge.Core.Reading
{
    /// <summary>
    /// The card reader as the tap flow sees it: one non-blocking look at the RF field per poll.
    /// Implemented by the MFRC522 driver (Mfrc522CardReader), on the device over SPI and on a PC over the register-level simulator or a real RC522.
    /// </summary>
    public interface ICardReader
    {
        /// <summary>
        /// The UID of the card in the field now, or null when no card answers. Must return
        /// within a few milliseconds; never sleeps.
        /// </summary>
        byte[] ReadCardInField(long nowMs);
    }
}
