namespace Uitpas.Edge.Protocol.Snapshots
{
    /// <summary>Small helpers over <see cref="IFlashReader"/> that never throw on short files.</summary>
    public static class FlashIo
    {
        /// <summary>Reads exactly <paramref name="count"/> bytes; false when the file ends first or the read fails.</summary>
        public static bool ReadExactly(IFlashReader file, long position, byte[] buffer, int offset, int count)
        {
            if (file == null || position < 0 || count < 0 || position + count > file.Length)
            {
                return false;
            }
            int done = 0;
            while (done < count)
            {
                int n;
                try
                {
                    n = file.Read(position + done, buffer, offset + done, count - done);
                }
                catch (System.Exception)
                {
                    return false;
                }
                if (n <= 0)
                {
                    return false;
                }
                done += n;
            }
            return true;
        }

        public static int Min(int a, int b)
        {
            return a < b ? a : b;
        }

        public static long Min(long a, long b)
        {
            return a < b ? a : b;
        }
    }
}
