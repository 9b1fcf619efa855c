using Uitpas.Edge.Mfrc522Simulator;

namespace Uitpas.Edge.Mfrc522.Tests;

/// <summary>
/// Seeded property runs: each case gets its own seed; a failure names the seed and how to
/// replay only that case (UITPAS_MFRC522_SEED=&lt;seed&gt; dotnet test --filter &lt;test&gt;).
/// UITPAS_MFRC522_CASES_FACTOR=&lt;n&gt; runs n times as many cases (a longer soak).
/// </summary>
internal static class Property
{
    public static void ForAll(int cases, int baseSeed, Action<int, Random> body)
    {
        string? only = Environment.GetEnvironmentVariable("UITPAS_MFRC522_SEED");
        int factor = int.TryParse(Environment.GetEnvironmentVariable("UITPAS_MFRC522_CASES_FACTOR"), out int f) && f > 0 ? f : 1;
        IEnumerable<int> seeds = int.TryParse(only, out int single) ? [single] : Enumerable.Range(baseSeed, cases * factor);
        foreach (int seed in seeds)
        {
            try
            {
                body(seed, new Random(seed));
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"property failed for seed {seed} (replay: UITPAS_MFRC522_SEED={seed}): {e.Message}\n{e.StackTrace}");
            }
        }
    }

    /// <summary>A random UID of a valid length: NXP (04h) for 7 bytes, never the cascade tag first.</summary>
    public static byte[] RandomUid(Random random, int length)
    {
        var uid = new byte[length];
        random.NextBytes(uid);
        if (length == 7)
        {
            uid[0] = 0x04;
        }
        while (uid[0] == 0x88)
        {
            uid[0] = (byte)random.Next(256);
        }
        return uid;
    }

    public static int RandomLength(Random random) => random.Next(3) switch { 0 => 4, 1 => 7, _ => 10 };

    public static CardProfile RandomProfile(Random random, int length)
    {
        var fitting = CardProfile.All.Where(p => p.UidLength == length).ToArray();
        return fitting[random.Next(fitting.Length)];
    }

    /// <summary>1-3 cards; often the later ones differ from the first in a single late bit, the hardest case for anticollision.</summary>
    public static List<(byte[] Uid, CardProfile Profile)> RandomCards(Random random, int min = 1, int max = 3)
    {
        var cards = new List<(byte[], CardProfile)>();
        int count = random.Next(min, max + 1);
        while (cards.Count < count)
        {
            byte[] uid;
            if (cards.Count > 0 && random.Next(2) == 0)
            {
                uid = (byte[])cards[random.Next(cards.Count)].Item1.Clone();
                int bit = random.Next(8, uid.Length * 8);
                uid[bit / 8] ^= (byte)(1 << (bit % 8));
            }
            else
            {
                uid = RandomUid(random, RandomLength(random));
            }
            if (uid[0] == 0x88 || cards.Any(c => c.Item1.AsSpan().SequenceEqual(uid)))
            {
                continue;
            }
            cards.Add((uid, RandomProfile(random, uid.Length)));
        }
        return cards;
    }
}
