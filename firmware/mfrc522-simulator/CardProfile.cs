namespace Uitpas.Edge.Mfrc522Simulator;

/// <summary>How a card type answers the activation: ATQA (sent low byte first), final SAK and UID size.</summary>
public sealed record CardProfile(string Name, ushort Atqa, byte Sak, int UidLength)
{
    public static readonly CardProfile MifareDesfireEv1 = new("MIFARE DESFire EV1", 0x0344, 0x20, 7);
    public static readonly CardProfile MifareUltralight = new("MIFARE Ultralight", 0x0044, 0x00, 7);
    public static readonly CardProfile MifareClassic1K = new("MIFARE Classic 1K", 0x0004, 0x08, 4);
    public static readonly CardProfile MifareClassic1K7 = new("MIFARE Classic 1K (7-byte UID)", 0x0044, 0x08, 7);
    public static readonly CardProfile MifareClassic4K = new("MIFARE Classic 4K", 0x0002, 0x18, 4);
    public static readonly CardProfile TripleSizeSmartCard = new("ISO/IEC 14443-4 card, triple-size UID", 0x0084, 0x20, 10);

    public static IReadOnlyList<CardProfile> All { get; } =
        [MifareDesfireEv1, MifareUltralight, MifareClassic1K, MifareClassic1K7, MifareClassic4K, TripleSizeSmartCard];

    /// <summary>The usual type for a UID length: DESFire for 7 bytes (the UiTPAS card), Classic 1K for 4, a smart card for 10.</summary>
    public static CardProfile ForUidLength(int length) => length switch
    {
        4 => MifareClassic1K,
        7 => MifareDesfireEv1,
        10 => TripleSizeSmartCard,
        _ => throw new ArgumentException($"a UID is 4, 7 or 10 bytes, not {length}"),
    };
}
