namespace Uitpas.Edge.Mfrc522Simulator;

/// <summary>
/// CRC_A computed bit by bit (ISO/IEC 14443-3 Annex B: x^16 + x^12 + x^5 + 1, reflected, preset
/// 6363h). Written independently of the driver's table-free byte version so the tests compare two
/// implementations. Also serves the chip's CalcCRC with the other ModeReg presets.
/// </summary>
public static class CrcA
{
    public static ushort Compute(ReadOnlySpan<byte> data, ushort preset = 0x6363)
    {
        int crc = preset;
        foreach (byte b in data)
        {
            crc = Update(crc, b);
        }
        return (ushort)crc;
    }

    public static int Update(int crc, byte b)
    {
        crc ^= b;
        for (int bit = 0; bit < 8; bit++)
        {
            crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x8408 : crc >> 1;
        }
        return crc;
    }

    public static bool IsValid(ReadOnlySpan<byte> frameWithCrc)
    {
        if (frameWithCrc.Length < 3)
        {
            return false;
        }
        ushort crc = Compute(frameWithCrc[..^2]);
        return frameWithCrc[^2] == (byte)crc && frameWithCrc[^1] == (byte)(crc >> 8);
    }

    public static byte[] Append(ReadOnlySpan<byte> data)
    {
        ushort crc = Compute(data);
        var frame = new byte[data.Length + 2];
        data.CopyTo(frame);
        frame[^2] = (byte)crc;
        frame[^1] = (byte)(crc >> 8);
        return frame;
    }
}
