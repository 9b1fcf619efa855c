namespace Uitpas.Edge.Core.Reading.Mfrc522
{
    /// <summary>
    /// What ATQA and SAK say about a card (NXP AN10833 "MIFARE type identification procedure").
    /// UiTPAS cards are MIFARE DESFire (ATQA 0344h, SAK 20h) and MIFARE Ultralight (ATQA 0044h,
    /// SAK 00h), both with 7-byte UIDs.
    /// </summary>
    public enum CardKind
    {
        Unknown = 0,
        MifareUltralight = 1,   // SAK 00h (also NTAG)
        MifareClassic1K = 2,    // SAK 08h
        MifareClassic4K = 3,    // SAK 18h
        MifareMini = 4,         // SAK 09h
        MifarePlus = 5,         // SAK 10h/11h (security level 2)
        MifareDesfire = 6,      // SAK 20h with ATQA 0344h
        Iso14443Part4 = 7,      // SAK 20h, other ATQA: a smart card speaking ISO/IEC 14443-4
    }

    /// <summary>Interprets ATQA (2 bytes, as received: low byte first) and the final SAK.</summary>
    public static class CardTypes
    {
        public static CardKind Classify(byte atqa0, byte atqa1, bool atqaValid, byte sak)
        {
            int type = sak & 0x7B; // ignore the cascade bit (04h) and bit 7
            switch (type)
            {
                case 0x00:
                    return CardKind.MifareUltralight;
                case 0x08:
                    return CardKind.MifareClassic1K;
                case 0x09:
                    return CardKind.MifareMini;
                case 0x18:
                    return CardKind.MifareClassic4K;
                case 0x10:
                case 0x11:
                    return CardKind.MifarePlus;
                case 0x20:
                    return atqaValid && atqa0 == 0x44 && atqa1 == 0x03 ? CardKind.MifareDesfire : CardKind.Iso14443Part4;
                default:
                    return (sak & Iso14443a.SakIso14443Part4) != 0 ? CardKind.Iso14443Part4 : CardKind.Unknown;
            }
        }

        /// <summary>UID size announced by ATQA bits 8..7 of the first byte: 4, 7, 10, or 0 when RFU.</summary>
        public static int UidLengthFromAtqa(byte atqa0)
        {
            switch ((atqa0 >> 6) & 0x03)
            {
                case 0: return 4;
                case 1: return 7;
                case 2: return 10;
                default: return 0;
            }
        }

        public static string Name(CardKind kind)
        {
            switch (kind)
            {
                case CardKind.MifareUltralight: return "MIFARE Ultralight";
                case CardKind.MifareClassic1K: return "MIFARE Classic 1K";
                case CardKind.MifareClassic4K: return "MIFARE Classic 4K";
                case CardKind.MifareMini: return "MIFARE Mini";
                case CardKind.MifarePlus: return "MIFARE Plus";
                case CardKind.MifareDesfire: return "MIFARE DESFire";
                case CardKind.Iso14443Part4: return "ISO/IEC 14443-4";
                default: return "unknown";
            }
        }
    }
}
