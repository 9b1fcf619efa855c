using Uitpas.Edge.Core.Storage;

namespace Uitpas.Edge.Core.Tests;

/// <summary>Thrown by <see cref="CutFlash"/> at the simulated power cut, and by every write after it.</summary>
internal sealed class PowerCutException : Exception
{
    public PowerCutException() : base("simulated power cut")
    {
    }
}

/// <summary>
/// Two flash logs (a journal's pair) that lose power after a given number of write units: a unit
/// is one appended byte or one truncation. Writes go straight through in program order (a flush
/// is a barrier and costs nothing), so a cut at unit c leaves exactly the first c units done.
/// At the cut an append keeps only its first bytes, and, when garbling is on, the bytes of that
/// write that landed may read back as 0xFF or noise and the file may end in extra junk (a file
/// system that recorded a size before the data); a truncation may stop anywhere between the
/// old and the new length. Bytes of earlier writes are never touched. Reads always work.
/// </summary>
internal sealed class CutFlash
{
    private long _remaining = long.MaxValue;
    private Random _noise = new(0);
    private bool _garble;

    public CutFlash()
    {
        A = new CutLog(this, "A");
        B = new CutLog(this, "B");
        A.Sibling = B;
        B.Sibling = A;
    }

    public CutLog A { get; }
    public CutLog B { get; }

    /// <summary>Write units done since <see cref="Arm"/> or <see cref="Disarm"/>.</summary>
    public long Units { get; private set; }
    public bool IsCut { get; private set; }

    /// <summary>The unit numbers (since <see cref="Arm"/> or <see cref="Disarm"/>) that were truncations.</summary>
    public List<long> TruncationUnits { get; } = [];

    /// <summary>Where the cut fell: the log, and whether it was a truncation.</summary>
    public CutLog? CutIn { get; private set; }
    public bool CutInTruncate { get; private set; }

    /// <summary>Cuts power after <paramref name="units"/> more write units.</summary>
    public void Arm(long units, bool garble, int noiseSeed)
    {
        _remaining = units;
        _garble = garble;
        _noise = new Random(noiseSeed);
        Units = 0;
        TruncationUnits.Clear();
    }

    public void Disarm()
    {
        _remaining = long.MaxValue;
        Units = 0;
        TruncationUnits.Clear();
        IsCut = false;
        CutIn = null;
    }

    public CutFlash Clone()
    {
        var copy = new CutFlash();
        copy.A.Bytes.AddRange(A.Bytes);
        copy.B.Bytes.AddRange(B.Bytes);
        return copy;
    }

    internal void Append(CutLog log, byte[] buffer, int offset, int count)
    {
        ThrowIfCut();
        if (count <= _remaining)
        {
            log.Bytes.AddRange(buffer.AsSpan(offset, count).ToArray());
            _remaining -= count;
            Units += count;
            return;
        }
        int landed = (int)_remaining;
        int start = log.Bytes.Count;
        log.Bytes.AddRange(buffer.AsSpan(offset, landed).ToArray());
        Units += landed;
        if (_garble)
        {
            Garble(log.Bytes, start, landed);
        }
        Cut(log, truncate: false);
    }

    internal void Truncate(CutLog log, long length)
    {
        ThrowIfCut();
        if (_remaining == 0)
        {
            int keep = (int)length + _noise.Next((int)(log.Bytes.Count - length) + 1);
            log.Bytes.RemoveRange(keep, log.Bytes.Count - keep);
            Cut(log, truncate: true);
        }
        _remaining--;
        TruncationUnits.Add(Units);
        Units++;
        log.Bytes.RemoveRange((int)length, log.Bytes.Count - (int)length);
    }

    internal void ThrowIfCut()
    {
        if (IsCut)
        {
            throw new PowerCutException();
        }
    }

    private void Cut(CutLog log, bool truncate)
    {
        IsCut = true;
        CutIn = log;
        CutInTruncate = truncate;
        throw new PowerCutException();
    }

    private void Garble(List<byte> bytes, int start, int landed)
    {
        switch (_noise.Next(4))
        {
            case 0: // the last bytes of the write were never programmed
                for (int i = Math.Max(start, start + landed - 1 - _noise.Next(8)); i < start + landed; i++)
                {
                    bytes[i] = 0xFF;
                }
                break;
            case 1: // partially programmed bytes: some bits still set
                for (int i = Math.Max(start, start + landed - 1 - _noise.Next(8)); i < start + landed; i++)
                {
                    bytes[i] |= (byte)_noise.Next(256);
                }
                break;
            case 2: // the file's size ran ahead of its data: erased bytes after the cut
                bytes.AddRange(Enumerable.Repeat((byte)0xFF, 1 + _noise.Next(32)));
                break;
            default: // noise after the cut
                var junk = new byte[1 + _noise.Next(32)];
                _noise.NextBytes(junk);
                bytes.AddRange(junk);
                break;
        }
    }
}

/// <summary>One log of a <see cref="CutFlash"/> pair.</summary>
internal sealed class CutLog(CutFlash flash, string name) : IAppendStore
{
    public List<byte> Bytes { get; } = [];
    public string Name { get; } = name;
    public IAppendStore Sibling { get; set; } = null!;

    public long Length => Bytes.Count;

    public void Append(byte[] buffer, int offset, int count) => flash.Append(this, buffer, offset, count);

    public void Flush() => flash.ThrowIfCut();

    public int Read(long position, byte[] buffer, int offset, int count)
    {
        int n = (int)Math.Max(0, Math.Min(count, Bytes.Count - position));
        Bytes.CopyTo((int)position, buffer, offset, n);
        return n;
    }

    public void Truncate(long length) => flash.Truncate(this, length);

    public override string ToString() => Name;
}
