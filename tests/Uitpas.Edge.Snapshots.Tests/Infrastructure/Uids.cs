using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.Snapshots.Tests.Infrastructure;

/// <summary>Random UIDs of every class, and their neighbours.</summary>
internal static class Uids
{
    private sealed class ByteArrayComparer : IEqualityComparer<byte[]>
    {
        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj)
        {
            var hash = new HashCode();
            hash.AddBytes(obj);
            return hash.ToHashCode();
        }
    }

    public static readonly IEqualityComparer<byte[]> Equality = new ByteArrayComparer();

    public static readonly Comparer<byte[]> SnapshotOrder = Comparer<byte[]>.Create(UidClass.CompareUids);

    /// <summary><paramref name="count"/> distinct UIDs, mostly 04… 7-byte, some of each other class, in snapshot order.</summary>
    public static byte[][] RandomSet(Random random, int count, HashSet<byte[]>? taken = null)
    {
        taken ??= new HashSet<byte[]>(Equality);
        var set = new List<byte[]>(count);
        while (set.Count < count)
        {
            byte[] uid = RandomUid(random, set.Count);
            if (taken.Add(uid))
            {
                set.Add(uid);
            }
        }
        set.Sort(SnapshotOrder);
        return set.ToArray();
    }

    /// <summary>A UID of class 1 for most indexes, else of classes 2, 3 and 4 in turn.</summary>
    public static byte[] RandomUid(Random random, int index)
    {
        int uidClass = index % 10 < 7 ? UidClass.Nxp7 : 2 + index % 3;
        var uid = new byte[UidClass.UidLength(uidClass)];
        random.NextBytes(uid);
        if (uidClass == UidClass.Nxp7)
        {
            uid[0] = UidClass.NxpManufacturer;
        }
        else if (uidClass == UidClass.Other7 && uid[0] == UidClass.NxpManufacturer)
        {
            uid[0] = 0x08;
        }
        return uid;
    }

    public static byte[] Nxp(ulong key)
    {
        var uid = new byte[7];
        uid[0] = UidClass.NxpManufacturer;
        UidClass.NumberToKey(key, uid, 1, 6);
        return uid;
    }

    /// <summary>The UID whose key is one more (or one less) than the UID's, in the same class; null at the class's edge.</summary>
    public static byte[]? Neighbour(byte[] uid, int step)
    {
        int uidClass = UidClass.Of(uid);
        var next = (byte[])uid.Clone();
        int first = uidClass == UidClass.Nxp7 ? 1 : 0;
        for (int i = next.Length - 1; i >= first; i--)
        {
            int v = next[i] + step;
            next[i] = (byte)v;
            if (v is >= 0 and <= 255)
            {
                return UidClass.Of(next) == uidClass ? next : null;
            }
        }
        return null;
    }
}
