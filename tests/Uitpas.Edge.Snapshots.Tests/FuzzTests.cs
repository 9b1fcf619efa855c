using System.Diagnostics;
using Uitpas.Edge.Protocol.Snapshots;
using Uitpas.Edge.Snapshots.Tests.Infrastructure;

namespace Uitpas.Edge.Snapshots.Tests;

/// <summary>
/// Every reader meets damaged bytes as if the tag check had been skipped: none may throw or run
/// on without end. Deterministic seeds; each file is mutated by bit flips, byte smashes, cuts,
/// splices, and overwrites of directory fields with edge values.
/// </summary>
public sealed class FuzzTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    private static readonly byte[][] Social = Uids.RandomSet(new Random(21), 3_000);
    private static readonly byte[][] Blocked = Uids.RandomSet(new Random(22), 40);
    private static readonly byte[] Base = SnapshotFiles.Full(1, Blocked, Social);
    private static readonly byte[][] Removed = Social.Where((_, i) => i % 50 == 0).ToArray();
    private static readonly byte[][] Added = Uids.RandomSet(new Random(24), 60, new HashSet<byte[]>(Social.Concat(Blocked), Uids.Equality));
    private static readonly byte[] Next = SnapshotFiles.Full(2, Blocked,
        Social.Except(Removed, Uids.Equality).Concat(Added).Order(Uids.SnapshotOrder).ToArray());
    private static readonly byte[] Delta = SnapshotFiles.Delta(1, 2, SnapshotFiles.Tag(Next), [], [], Removed, Added);
    private static readonly byte[] Events = SnapshotFiles.Events(1, "vt-001",
        Enumerable.Range(0, 6).Select(i => EventsSnapshotTests.Event("evt-" + i, i % 3, 2 + i % 5, i * 1000L, i == 5 ? 0 : 1_800_000_000_000L + i, i)));

    private static readonly byte[][] Probes = Social.Take(150).Concat(Blocked.Take(20)).Concat(Uids.RandomSet(new Random(23), 60))
        .Concat(Social.Take(60).Select(u => Uids.Neighbour(u, 1)).OfType<byte[]>()).ToArray();

    [Fact]
    public void Allowlist_readers_never_throw_or_hang_on_damaged_files() =>
        RunWithin(() => Assert.InRange(Fuzz(Base, 1_500, 31, ExerciseAllowlist), 500, 1_500));

    [Fact]
    public void Delta_apply_never_throws_or_hangs_on_a_damaged_delta_or_base() =>
        RunWithin(() =>
        {
            // A damaged delta or base may still apply when the damage is in bytes the merge does not
            // use (the delta's own tag, padding bits): then the result must be the exact next file.
            Fuzz(Delta, 800, 32, mutant => ExerciseApply(Base, mutant));
            Fuzz(Base, 800, 33, mutant => ExerciseApply(mutant, Delta));
        });

    [Fact]
    public void Events_reader_never_throws_or_hangs_on_damaged_files() =>
        RunWithin(() => Assert.InRange(Fuzz(Events, 4_000, 34, ExerciseEvents), 200, 4_000));

    [Fact]
    public void Random_bytes_are_refused_by_every_reader() =>
        RunWithin(() =>
        {
            var random = new Random(35);
            for (int i = 0; i < 3_000; i++)
            {
                byte[] noise = new byte[random.Next(0, 2_000)];
                random.NextBytes(noise);
                if (i % 2 == 0 && noise.Length >= SnapshotFormat.HeaderLength)
                {
                    Base.AsSpan(0, 8).CopyTo(noise); // a plausible header start
                    noise[5] = (byte)(1 + i % 4 / 2);
                }
                ExerciseAllowlist(noise);
                ExerciseEvents(noise);
                ExerciseApply(Base, noise);
                Assert.False(SnapshotVerifier.TryVerify(new MemoryFlash(noise), SnapshotFiles.Key, HmacSha256Net.Instance,
                    SnapshotKind.Allowlist, SnapshotFiles.CardSystem, 0, out _, out string? reason));
                Assert.False(string.IsNullOrEmpty(reason));
            }
        });

    [Fact]
    public void Seed_files_pass_every_exercise_intact()
    {
        Assert.Equal(Probes.Length, Probes.Count(p => p != null));
        AllowlistReader reader = SnapshotFiles.Open(Base);
        Assert.All(Social, uid => Assert.Equal(CardStatus.SocialTariff, reader.Lookup(uid) & CardStatus.SocialTariff));
        Assert.True(ExerciseApply(Base, Delta));
        Assert.True(ExerciseEvents(Events));
        Assert.Equal(Social.Length + Blocked.Length, Walk(Base));
    }

    /// <summary>Runs the exercise on each mutant; returns how many mutants the reader opened (and so were read deeply).</summary>
    private static int Fuzz(byte[] seed, int mutants, int seedNumber, Func<byte[], bool> exercise)
    {
        var random = new Random(seedNumber);
        int opened = 0;
        for (int i = 0; i < mutants; i++)
        {
            byte[] mutant = Mutate(seed, random);
            opened += exercise(mutant) ? 1 : 0;
            if (!mutant.AsSpan().SequenceEqual(seed))
            {
                Assert.False(SnapshotVerifier.TryVerify(new MemoryFlash(mutant), SnapshotFiles.Key, HmacSha256Net.Instance,
                    mutant.Length > 5 ? mutant[5] : 0, SnapshotFiles.CardSystem, 0, out _, out _), $"mutant {i} verified");
            }
        }
        return opened;
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        byte[] m = (byte[])seed.Clone();
        int tailStart = Math.Max(0, m.Length - 420); // directory, trailer and tag of an allowlist
        switch (random.Next(6))
        {
            case 0:
                for (int n = random.Next(1, 9); n > 0; n--)
                {
                    int at = random.Next(2) == 0 ? random.Next(m.Length) : random.Next(tailStart, m.Length);
                    m[at] ^= (byte)(1 << random.Next(8));
                }
                return m;
            case 1:
                for (int n = random.Next(1, 5); n > 0; n--)
                {
                    m[random.Next(m.Length)] = random.Next(2) == 0 ? (byte)0x00 : (byte)0xFF;
                }
                return m;
            case 2:
                return m[..random.Next(m.Length)];
            case 3:
            {
                int at = random.Next(m.Length);
                int cut = random.Next(0, 40);
                byte[] insert = new byte[random.Next(0, 40)];
                random.NextBytes(insert);
                return [.. m[..at], .. insert, .. m[Math.Min(m.Length, at + cut)..]];
            }
            case 4:
            {
                // A u32 field of the tail (section counts, starts, ends, roots) set to an edge value.
                int at = random.Next(tailStart, Math.Max(tailStart + 1, m.Length - 3));
                uint[] edges = [0, 1, 0x7FFFFFFF, 0xFFFFFFFF, (uint)m.Length, (uint)random.Next(m.Length)];
                uint value = edges[random.Next(edges.Length)];
                m[at] = (byte)(value >> 24);
                m[at + 1] = (byte)(value >> 16);
                m[at + 2] = (byte)(value >> 8);
                m[at + 3] = (byte)value;
                return m;
            }
            default:
            {
                int at = random.Next(m.Length);
                int length = Math.Min(m.Length - at, random.Next(1, 64));
                random.NextBytes(m.AsSpan(at, length));
                return m;
            }
        }
    }

    private static bool ExerciseAllowlist(byte[] file)
    {
        if (!AllowlistReader.TryOpen(new MemoryFlash(file), out AllowlistReader reader, out string? reason))
        {
            Assert.False(string.IsNullOrEmpty(reason));
            return false;
        }
        foreach (byte[] uid in Probes)
        {
            reader.Lookup(uid);
        }
        Walk(file);
        return true;
    }

    /// <summary>Walks every section with a cursor, never more steps than the section claims keys; the keys walked.</summary>
    private static long Walk(byte[] file)
    {
        var flash = new MemoryFlash(file);
        if (!SnapshotHeader.TryRead(flash, out SnapshotHeader header, out _)
            || !AllowlistFormat.TryReadDirectory(flash, header, out SectionDescriptor[][] lists, out _))
        {
            return 0;
        }
        long walked = 0;
        foreach (SectionDescriptor section in lists.SelectMany(l => l))
        {
            var cursor = new UidSectionCursor(flash, header.PayloadOffset, section);
            long steps = 0;
            while (cursor.MoveNext())
            {
                steps++;
                Assert.True(steps <= section.Count, "cursor walked past its count");
            }
            Assert.True(cursor.Error != null || steps == section.Count);
            Assert.False(cursor.MoveNext());
            walked += steps;
        }
        return walked;
    }

    private static bool ExerciseApply(byte[] current, byte[] delta)
    {
        var output = new MemoryFlashWriter();
        bool applied = AllowlistDelta.TryApply(new MemoryFlash(current), new MemoryFlash(delta), SnapshotFiles.Key,
            HmacSha256Net.Instance, output, out string? reason);
        Assert.True(applied || !string.IsNullOrEmpty(reason));
        if (applied)
        {
            Assert.Equal(Next, output.ToArray());
        }
        return applied;
    }

    private static bool ExerciseEvents(byte[] file)
    {
        if (!EventsReader.TryOpen(new MemoryFlash(file), null, out EventsReader reader, out string? reason))
        {
            Assert.False(string.IsNullOrEmpty(reason));
            return false;
        }
        Assert.All(reader.ReadAll(), Assert.NotNull);
        foreach (long at in new[] { 1L, 2_500L, 1_763_900_000_000L, long.MaxValue, -5L })
        {
            reader.CheckinPeriod(at, out _);
            reader.EventAt(at);
        }
        return true;
    }

    private static void RunWithin(Action fuzz)
    {
        var clock = Stopwatch.StartNew();
        var run = Task.Run(fuzz);
        bool finished = run.Wait(Deadline);
        Assert.True(finished, $"fuzzing still running after {clock.Elapsed}: a reader loops");
        run.GetAwaiter().GetResult();
    }
}
