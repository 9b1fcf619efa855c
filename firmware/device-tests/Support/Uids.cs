using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.DeviceTests.Support
{
    /// <summary>Chip numbers for snapshot files: sequential ones, scattered ones that do not compress, sorted as the writers want them.</summary>
    public static class Uids
    {
        /// <summary>04 11 22 nn nn nn 80: numbered cards (consecutive numbers compress to a few bits each).</summary>
        public static byte[] Numbered(int n)
        {
            return new byte[] { 0x04, 0x11, 0x22, (byte)(n >> 16), (byte)(n >> 8), (byte)n, 0x80 };
        }

        /// <summary>Numbered(first) … Numbered(first + count - 1).</summary>
        public static byte[][] Range(int first, int count)
        {
            byte[][] uids = new byte[count][];
            for (int i = 0; i < count; i++)
            {
                uids[i] = Numbered(first + i);
            }
            return uids;
        }

        /// <summary>
        /// <paramref name="count"/> distinct scattered 04… chip numbers of set <paramref name="seed"/> (0-127): byte 1 is
        /// 0x80 | seed, so sets never share a number and never hold a <see cref="Numbered"/> one; bytes 2-6 are a
        /// bijective mix of the index, so they do not compress (about 5 bytes each in a file). Deterministic
        /// on every runtime, unlike Random.
        /// </summary>
        public static byte[][] Scattered(int seed, int count)
        {
            byte[][] uids = new byte[count][];
            for (int i = 0; i < count; i++)
            {
                uint x = (uint)(i + 1) * 0x9E3779B1u;
                x ^= x >> 15;
                x *= 0x85EBCA77u;
                x ^= x >> 13;
                uids[i] = new byte[] { 0x04, (byte)(0x80 | seed), (byte)(x >> 24), (byte)(x >> 16), (byte)(x >> 8), (byte)x, (byte)(i * 37) };
            }
            return uids;
        }

        public static byte[][] Concat(byte[][] a, byte[][] b)
        {
            byte[][] all = new byte[a.Length + b.Length][];
            System.Array.Copy(a, 0, all, 0, a.Length);
            System.Array.Copy(b, 0, all, a.Length, b.Length);
            return all;
        }

        /// <summary>The numbers of <paramref name="uids"/> from index <paramref name="skip"/> on.</summary>
        public static byte[][] Skip(byte[][] uids, int skip)
        {
            byte[][] rest = new byte[uids.Length - skip][];
            System.Array.Copy(uids, skip, rest, 0, rest.Length);
            return rest;
        }

        /// <summary>A sorted copy, in the order of <see cref="UidClass.CompareUids"/> (heap sort: the device has no Array.Sort).</summary>
        public static byte[][] Sorted(byte[][] uids)
        {
            byte[][] a = new byte[uids.Length][];
            System.Array.Copy(uids, a, uids.Length);
            int n = a.Length;
            for (int start = n / 2 - 1; start >= 0; start--)
            {
                SiftDown(a, start, n);
            }
            for (int end = n - 1; end > 0; end--)
            {
                byte[] top = a[0];
                a[0] = a[end];
                a[end] = top;
                SiftDown(a, 0, end);
            }
            return a;
        }

        /// <summary>The numbers of <paramref name="a"/> not in <paramref name="b"/>, sorted.</summary>
        public static byte[][] Except(byte[][] a, byte[][] b)
        {
            byte[][] sa = Sorted(a);
            byte[][] sb = Sorted(b);
            byte[][] kept = new byte[sa.Length][];
            int count = 0;
            int j = 0;
            for (int i = 0; i < sa.Length; i++)
            {
                while (j < sb.Length && UidClass.CompareUids(sb[j], sa[i]) < 0)
                {
                    j++;
                }
                if (j >= sb.Length || UidClass.CompareUids(sb[j], sa[i]) != 0)
                {
                    kept[count++] = sa[i];
                }
            }
            byte[][] result = new byte[count][];
            System.Array.Copy(kept, result, count);
            return result;
        }

        private static void SiftDown(byte[][] a, int root, int n)
        {
            while (true)
            {
                int child = 2 * root + 1;
                if (child >= n)
                {
                    return;
                }
                if (child + 1 < n && UidClass.CompareUids(a[child + 1], a[child]) > 0)
                {
                    child++;
                }
                if (UidClass.CompareUids(a[root], a[child]) >= 0)
                {
                    return;
                }
                byte[] swap = a[root];
                a[root] = a[child];
                a[child] = swap;
                root = child;
            }
        }
    }
}
