namespace Uitpas.Edge.Protocol.Snapshots
{
    /// <summary>
    /// Rice coding of the gaps inside a block. The parameter is chosen deterministically (the
    /// agent's builder and the terminal's delta merge must write the same bytes): of r0 − 1, r0
    /// and r0 + 1, with r0 = ⌊log2 of the mean gap⌋ (0 for a mean below 1), clamped to
    /// [0, key bits], the one giving the fewest bits, the smallest on a tie.
    /// </summary>
    internal static class RiceCode
    {
        public static int ChooseParameter(ulong[] gaps, int count, int keyBits)
        {
            ulong sum = 0;
            for (int i = 0; i < count; i++)
            {
                sum += gaps[i];
            }
            ulong mean = count == 0 ? 0 : sum / (ulong)count;
            int r0 = -1;
            while (mean != 0)
            {
                mean >>= 1;
                r0++;
            }
            if (r0 < 0)
            {
                r0 = 0;
            }
            int best = -1;
            ulong bestBits = 0;
            for (int r = r0 - 1; r <= r0 + 1; r++)
            {
                if (r < 0 || r > keyBits)
                {
                    continue;
                }
                ulong bits = Cost(gaps, count, r);
                if (best < 0 || bits < bestBits)
                {
                    best = r;
                    bestBits = bits;
                }
            }
            return best;
        }

        public static ulong Cost(ulong[] gaps, int count, int r)
        {
            ulong bits = 0;
            for (int i = 0; i < count; i++)
            {
                bits += (gaps[i] >> r) + 1 + (ulong)r;
            }
            return bits;
        }

        public static void Write(BitWriter writer, ulong gap, int r)
        {
            writer.WriteUnary(gap >> r);
            if (r > 0)
            {
                writer.WriteBits(gap, r);
            }
        }

        /// <summary>Reads one gap; false on a code running past the range or too large for <paramref name="keyBits"/>.</summary>
        public static bool TryRead(BitReader reader, int r, int keyBits, out ulong gap)
        {
            gap = 0;
            long q = reader.ReadUnary();
            if (q < 0 || (ulong)q > (MaxKey(keyBits) >> r))
            {
                return false;
            }
            ulong low = 0;
            if (r > 0 && !reader.ReadBits(r, out low))
            {
                return false;
            }
            gap = ((ulong)q << r) | low;
            return true;
        }

        /// <summary>The largest key of <paramref name="keyBits"/> bits (≤ 64).</summary>
        public static ulong MaxKey(int keyBits)
        {
            return keyBits >= 64 ? ulong.MaxValue : (1UL << keyBits) - 1;
        }
    }
}
