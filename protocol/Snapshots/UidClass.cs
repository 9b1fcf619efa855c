namespace Uitpas.Edge.Protocol.Snapshots
{
    /// <summary>
    /// The UID classes of a UID set, each stored in its own section with its own key width:
    /// <code>
    /// 1  7 bytes starting 0x04 (NXP, every UiTPAS card)  key = bytes 1..6   (6 bytes)
    /// 2  4 bytes                                          key = the UID     (4 bytes)
    /// 3  7 bytes not starting 0x04                        key = the UID     (7 bytes)
    /// 4  10 bytes                                         key = the UID     (10 bytes)
    /// </code>
    /// Keys compare as unsigned big-endian numbers; a set lists class 1 first, then 2, 3, 4.
    /// </summary>
    public static class UidClass
    {
        public const int Nxp7 = 1;
        public const int Single4 = 2;
        public const int Other7 = 3;
        public const int Triple10 = 4;
        public const int Count = 4;

        /// <summary>Longest key of any class.</summary>
        public const int MaxKeyLength = 10;

        public const byte NxpManufacturer = 0x04;

        /// <summary>The class of a UID; 0 when it is no valid UID.</summary>
        public static int Of(byte[] uid)
        {
            if (uid == null)
            {
                return 0;
            }
            switch (uid.Length)
            {
                case 4: return Single4;
                case 7: return uid[0] == NxpManufacturer ? Nxp7 : Other7;
                case 10: return Triple10;
                default: return 0;
            }
        }

        public static int KeyLength(int uidClass)
        {
            switch (uidClass)
            {
                case Nxp7: return 6;
                case Single4: return 4;
                case Other7: return 7;
                case Triple10: return 10;
                default: return 0;
            }
        }

        public static int UidLength(int uidClass)
        {
            return uidClass == Nxp7 ? 7 : KeyLength(uidClass);
        }

        /// <summary>Copies the key of <paramref name="uid"/> (of class <paramref name="uidClass"/>) into <paramref name="key"/>.</summary>
        public static void CopyKey(byte[] uid, int uidClass, byte[] key, int offset)
        {
            int skip = uidClass == Nxp7 ? 1 : 0;
            System.Array.Copy(uid, skip, key, offset, uid.Length - skip);
        }

        /// <summary>The UID a key of class <paramref name="uidClass"/> stands for.</summary>
        public static byte[] ToUid(int uidClass, byte[] key, int offset)
        {
            byte[] uid = new byte[UidLength(uidClass)];
            int skip = uidClass == Nxp7 ? 1 : 0;
            if (skip == 1)
            {
                uid[0] = NxpManufacturer;
            }
            System.Array.Copy(key, offset, uid, skip, uid.Length - skip);
            return uid;
        }

        /// <summary>Unsigned comparison of two keys of <paramref name="length"/> bytes: negative, 0 or positive.</summary>
        public static int CompareKeys(byte[] a, int aOffset, byte[] b, int bOffset, int length)
        {
            for (int i = 0; i < length; i++)
            {
                int d = a[aOffset + i] - b[bOffset + i];
                if (d != 0)
                {
                    return d;
                }
            }
            return 0;
        }

        /// <summary>
        /// Snapshot order of two UIDs (by class, then by key): the order the writers want. Invalid
        /// UIDs (class 0) sort first. Negative, 0 or positive.
        /// </summary>
        public static int CompareUids(byte[] a, byte[] b)
        {
            int classA = Of(a);
            int classB = Of(b);
            if (classA != classB || classA == 0)
            {
                return classA - classB;
            }
            int skip = classA == Nxp7 ? 1 : 0;
            return CompareKeys(a, skip, b, skip, KeyLength(classA));
        }

        /// <summary>A key of at most 8 bytes as a number.</summary>
        public static ulong KeyToNumber(byte[] key, int offset, int length)
        {
            ulong v = 0;
            for (int i = 0; i < length; i++)
            {
                v = (v << 8) | key[offset + i];
            }
            return v;
        }

        public static void NumberToKey(ulong value, byte[] key, int offset, int length)
        {
            for (int i = length - 1; i >= 0; i--)
            {
                key[offset + i] = (byte)value;
                value >>= 8;
            }
        }
    }
}
