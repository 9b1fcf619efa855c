namespace Uitpas.Edge.Core.Reading.Mfrc522
{
    /// <summary>
    /// The UID CLn field of one cascade level while it is being resolved: 40 bits, the four UID
    /// bytes (or the cascade tag and three) and BCC, with how many leading bits are known. Bits go
    /// least significant first within each byte, as on the air.
    /// </summary>
    public sealed class CascadeField
    {
        private readonly byte[] _bytes = new byte[5];

        public byte[] Bytes { get { return _bytes; } }
        public int KnownBits { get; private set; }
        public bool StartsWithCascadeTag { get { return _bytes[0] == Iso14443a.CascadeTag; } }

        /// <summary>Number of cascade levels of a UID length (4 → 1, 7 → 2, 10 → 3).</summary>
        public static int Levels(int uidLength)
        {
            return uidLength == 4 ? 1 : (uidLength == 7 ? 2 : 3);
        }

        public void Clear()
        {
            System.Array.Clear(_bytes, 0, 5);
            KnownBits = 0;
        }

        /// <summary>The field of a known UID at a level: CT + 3 bytes while more levels follow, then 4 bytes; BCC.</summary>
        public void Load(byte[] uid, int level)
        {
            int offset = 3 * (level - 1);
            if (level < Levels(uid.Length))
            {
                _bytes[0] = Iso14443a.CascadeTag;
                System.Array.Copy(uid, offset, _bytes, 1, 3);
            }
            else
            {
                System.Array.Copy(uid, offset, _bytes, 0, 4);
            }
            _bytes[4] = Iso14443a.Bcc(_bytes, 0);
            KnownBits = 40;
        }

        /// <summary>
        /// An anticollision answer without collision completes the field: it must carry exactly the
        /// missing bits (the first byte aligned at RxAlign = KnownBits mod 8), and BCC must match.
        /// </summary>
        public bool MergeComplete(byte[] received, int receivedBytes, int lastBits)
        {
            int startByte = KnownBits / 8;
            int align = KnownBits % 8;
            int fifoBits = (receivedBytes - 1) * 8 + (lastBits == 0 ? 8 : lastBits);
            if (receivedBytes != 5 - startByte || fifoBits != 40 - 8 * startByte)
            {
                return false;
            }
            for (int j = 0; j < receivedBytes; j++)
            {
                byte value = received[j];
                if (j == 0 && align != 0)
                {
                    int known = (1 << align) - 1;
                    value = (byte)((_bytes[startByte] & known) | (value & ~known & 0xFF));
                }
                _bytes[startByte + j] = value;
            }
            KnownBits = 40;
            return _bytes[4] == Iso14443a.Bcc(_bytes, 0);
        }

        /// <summary>
        /// A collision answer: the bits before CollPos (counted from bit 0 of the first FIFO byte)
        /// are taken, the collided bit is set to 1 (the card with a 1 there wins). False when the
        /// position makes no sense (inside known bits, in BCC, beyond the data received).
        /// </summary>
        public bool MergeCollision(byte[] received, int receivedBytes, int collisionPosition)
        {
            int startByte = KnownBits / 8;
            int validFifoBits = collisionPosition - 1;
            int collided = 8 * startByte + validFifoBits;
            if (validFifoBits < KnownBits % 8 || collided < KnownBits || collided >= 32 || receivedBytes * 8 < validFifoBits)
            {
                return false;
            }
            for (int bit = KnownBits; bit < collided; bit++)
            {
                int fifoBit = bit - 8 * startByte;
                SetBit(bit, (received[fifoBit / 8] >> (fifoBit % 8)) & 1);
            }
            SetBit(collided, 1);
            for (int bit = collided + 1; bit < 40; bit++)
            {
                SetBit(bit, 0);
            }
            KnownBits = collided + 1;
            return true;
        }

        private void SetBit(int bit, int value)
        {
            int mask = 1 << (bit % 8);
            _bytes[bit / 8] = value != 0 ? (byte)(_bytes[bit / 8] | mask) : (byte)(_bytes[bit / 8] & ~mask);
        }
    }
}
