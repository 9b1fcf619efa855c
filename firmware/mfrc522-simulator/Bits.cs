namespace Uitpas.Edge.Mfrc522Simulator;

/// <summary>A frame on the air as single bits, each byte least significant bit first (ISO/IEC 14443-3).</summary>
public static class Bits
{
    public static bool[] FromBytes(ReadOnlySpan<byte> bytes, int bitCount)
    {
        var bits = new bool[bitCount];
        for (int i = 0; i < bitCount; i++)
        {
            bits[i] = ((bytes[i / 8] >> (i % 8)) & 1) != 0;
        }
        return bits;
    }

    public static bool[] FromBytes(ReadOnlySpan<byte> bytes) => FromBytes(bytes, bytes.Length * 8);

    /// <summary>Packs bits into bytes starting at bit <paramref name="align"/> of the first byte (RxAlign); the bits below stay 0.</summary>
    public static byte[] ToBytes(ReadOnlySpan<bool> bits, int align = 0)
    {
        int total = align + bits.Length;
        var bytes = new byte[(total + 7) / 8];
        for (int i = 0; i < bits.Length; i++)
        {
            if (bits[i])
            {
                int at = align + i;
                bytes[at / 8] |= (byte)(1 << (at % 8));
            }
        }
        return bytes;
    }

    public static byte ByteAt(ReadOnlySpan<bool> bits, int byteIndex)
    {
        byte value = 0;
        for (int i = 0; i < 8 && byteIndex * 8 + i < bits.Length; i++)
        {
            if (bits[byteIndex * 8 + i])
            {
                value |= (byte)(1 << i);
            }
        }
        return value;
    }
}
