using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Mfrc522Simulator;

/// <summary>PICC states of ISO/IEC 14443-3 type A; Ready*/Active* (woken from Halt) are Ready/Active with <see cref="VirtualCard.CameFromHalt"/>.</summary>
public enum PiccState
{
    PowerOff,
    Idle,
    Ready,
    Active,
    Halt,
}

/// <summary>
/// A type A card in the field: answers REQA/WUPA with ATQA, takes part in the bit-oriented
/// anticollision of each cascade level, answers SELECT with SAK + CRC_A (cascade bit while the UID
/// continues), goes to HALT on HLTA, and falls back to IDLE (or HALT) on anything unexpected.
/// </summary>
public sealed class VirtualCard
{
    private static readonly byte[] Hlta = CrcA.Append([0x50, 0x00]);
    private int _level;

    public VirtualCard(byte[] uid, CardProfile profile)
    {
        if (!ChipUid.IsValidLength(uid.Length) || uid.Length != profile.UidLength)
        {
            throw new ArgumentException($"a {profile.Name} has a {profile.UidLength}-byte UID, not {uid.Length} bytes");
        }
        if (uid[0] == 0x88)
        {
            throw new ArgumentException("uid0 must not be the cascade tag 88h");
        }
        Uid = (byte[])uid.Clone();
        Profile = profile;
    }

    public byte[] Uid { get; }
    public CardProfile Profile { get; }
    public string ChipNumber => ChipUid.ToHex(Uid);
    public PiccState State { get; private set; } = PiccState.PowerOff;
    public bool CameFromHalt { get; private set; }
    public int CascadeLevels => Uid.Length == 4 ? 1 : Uid.Length == 7 ? 2 : 3;

    /// <summary>Frames this card answered (for tests).</summary>
    public int Answers { get; private set; }

    internal void PowerOn()
    {
        State = PiccState.Idle;
        CameFromHalt = false;
        _level = 1;
    }

    internal void PowerOff() => State = PiccState.PowerOff;

    /// <summary>The UID CLn field of a cascade level: CT + 3 UID bytes while more levels follow, then 4 bytes, then BCC.</summary>
    public byte[] CascadeField(int level)
    {
        var field = new byte[5];
        int offset = 3 * (level - 1);
        if (level < CascadeLevels)
        {
            field[0] = 0x88;
            Array.Copy(Uid, offset, field, 1, 3);
        }
        else
        {
            Array.Copy(Uid, offset, field, 0, 4);
        }
        field[4] = (byte)(field[0] ^ field[1] ^ field[2] ^ field[3]);
        return field;
    }

    /// <summary>The card's answer to a frame, or null when it stays silent.</summary>
    internal bool[]? Receive(bool[] frame)
    {
        bool[]? answer = Answer(frame);
        if (answer is not null)
        {
            Answers++;
        }
        return answer;
    }

    private bool[]? Answer(bool[] frame)
    {
        if (State == PiccState.PowerOff)
        {
            return null;
        }
        if (frame.Length == 7)
        {
            return ShortFrame(Bits.ByteAt(frame, 0));
        }
        if (frame.Length < 16)
        {
            return Unexpected();
        }
        byte[] bytes = Bits.ToBytes(frame);
        byte sel = bytes[0];
        if (sel is 0x93 or 0x95 or 0x97)
        {
            return Select(frame, bytes, (sel - 0x93) / 2 + 1);
        }
        if (frame.Length == 32 && bytes.AsSpan().SequenceEqual(Hlta))
        {
            if (State == PiccState.Active)
            {
                State = PiccState.Halt;
                return null;
            }
            return Unexpected();
        }
        return Unexpected();
    }

    private bool[]? ShortFrame(byte command)
    {
        bool wupa = command == 0x52;
        bool reqa = command == 0x26;
        if ((reqa || wupa) && State == PiccState.Idle || wupa && State == PiccState.Halt)
        {
            CameFromHalt = State == PiccState.Halt;
            State = PiccState.Ready;
            _level = 1;
            return Bits.FromBytes([(byte)Profile.Atqa, (byte)(Profile.Atqa >> 8)]);
        }
        return Unexpected();
    }

    private bool[]? Select(bool[] frame, byte[] bytes, int level)
    {
        if (State != PiccState.Ready || level != _level)
        {
            return Unexpected();
        }
        byte nvb = bytes[1];
        byte[] field = CascadeField(level);
        if (nvb == 0x70)
        {
            if (frame.Length != 72 || !CrcA.IsValid(bytes))
            {
                return null; // a garbled frame is ignored; the card stays ready
            }
            if (!bytes.AsSpan(2, 5).SequenceEqual(field))
            {
                return Unexpected();
            }
            bool more = level < CascadeLevels;
            byte sak = more ? (byte)0x04 : Profile.Sak;
            if (more)
            {
                _level++;
            }
            else
            {
                State = PiccState.Active;
            }
            return Bits.FromBytes(CrcA.Append([sak]));
        }
        int validBits = ((nvb >> 4) - 2) * 8 + (nvb & 0x0F);
        if (validBits < 0 || validBits > 39 || (nvb & 0x0F) > 7 || frame.Length != 16 + validBits)
        {
            return null;
        }
        bool[] own = Bits.FromBytes(field);
        for (int i = 0; i < validBits; i++)
        {
            if (own[i] != frame[16 + i])
            {
                return null; // not this card's UID: it keeps quiet and stays ready
            }
        }
        return own[validBits..];
    }

    private bool[]? Unexpected()
    {
        if (State is PiccState.Ready or PiccState.Active)
        {
            State = CameFromHalt ? PiccState.Halt : PiccState.Idle;
        }
        return null;
    }
}
