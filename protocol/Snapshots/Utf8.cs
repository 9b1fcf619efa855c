namespace Uitpas.Edge.Protocol.Snapshots
{
    /// <summary>Strict UTF-8 well-formedness (RFC 3629): no overlong forms, surrogates or code points above U+10FFFF.</summary>
    internal static class Utf8
    {
        public static bool IsValid(byte[] bytes, int offset, int count)
        {
            int end = offset + count;
            int i = offset;
            while (i < end)
            {
                int b = bytes[i];
                if (b < 0x80)
                {
                    i++;
                    continue;
                }
                int more;
                int min;
                int value;
                if (b >= 0xC2 && b <= 0xDF)
                {
                    more = 1;
                    min = 0x80;
                    value = b & 0x1F;
                }
                else if (b >= 0xE0 && b <= 0xEF)
                {
                    more = 2;
                    min = 0x800;
                    value = b & 0x0F;
                }
                else if (b >= 0xF0 && b <= 0xF4)
                {
                    more = 3;
                    min = 0x10000;
                    value = b & 0x07;
                }
                else
                {
                    return false;
                }
                if (i + more >= end)
                {
                    return false;
                }
                for (int k = 1; k <= more; k++)
                {
                    int c = bytes[i + k];
                    if ((c & 0xC0) != 0x80)
                    {
                        return false;
                    }
                    value = (value << 6) | (c & 0x3F);
                }
                if (value < min || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
                {
                    return false;
                }
                i += more + 1;
            }
            return true;
        }
    }
}
