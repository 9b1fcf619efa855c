using Uitpas.Edge.Core.Storage;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.Core.Snapshots
{
    /// <summary>
    /// The installed snapshot of one kind. Two slot files (<c>al.0</c>/<c>al.1</c>, or
    /// <c>ev.0</c>/<c>ev.1</c>) take turns: the one in use ("current") and the other, which
    /// holds the previous snapshot until a download reuses it as its scratch file. A pointer
    /// blob (<see cref="IBlobStore"/>, replaced atomically) names the current slot with its
    /// version and tag, and the previous one. Installing = the new file is complete, flushed
    /// and verified in the scratch slot, then the pointer is rewritten: a power cut leaves
    /// either the old pointer (old snapshot in use) or the new one (new snapshot in use).
    /// <code>
    /// pointer (80 bytes): u8 format 1 · u8 kind · entry current · entry previous · u32 CRC-32 of the 76 bytes before
    /// entry   (37 bytes): u8 slot (0, 1; 255 = none) · u32 version · 32-byte tag
    /// </code>
    /// At load the current file is checked cheaply (header, kind, card system, version, tag bytes
    /// equal the pointer's); a failing current falls back to the previous one when it is intact.
    /// </summary>
    public sealed class SnapshotSlot
    {
        private const int PointerLength = 80;
        private const int EntryLength = 37;
        private const byte NoSlot = 255;

        private readonly ISnapshotStorage _storage;
        private readonly IBlobStore _blobs;
        private readonly string _prefix;
        private readonly uint _cardSystemId;
        private int _current = NoSlot;
        private uint _version;
        private byte[] _tag = new byte[SnapshotFormat.TagLength];
        private int _previous = NoSlot;
        private uint _previousVersion;
        private byte[] _previousTag = new byte[SnapshotFormat.TagLength];

        public SnapshotSlot(int kind, uint cardSystemId, ISnapshotStorage storage, IBlobStore blobs)
        {
            Kind = kind;
            _cardSystemId = cardSystemId;
            _storage = storage;
            _blobs = blobs;
            _prefix = kind == SnapshotKind.Allowlist ? "al" : "ev";
        }

        /// <summary>A <see cref="SnapshotKind"/>.</summary>
        public int Kind { get; private set; }

        public ISnapshotStorage Storage
        {
            get { return _storage; }
        }

        /// <summary>The version in use; 0 when none.</summary>
        public uint Version
        {
            get { return _current == NoSlot ? 0 : _version; }
        }

        /// <summary>The file in use; null when none.</summary>
        public string CurrentName
        {
            get { return _current == NoSlot ? null : SlotName(_current); }
        }

        /// <summary>Where the next full file (download or merged delta) is written: the slot not in use.</summary>
        public string ScratchName
        {
            get { return SlotName(ScratchSlot); }
        }

        /// <summary>Where a downloaded delta is kept until it is applied.</summary>
        public string DeltaName
        {
            get { return _prefix + ".delta"; }
        }

        public string PointerName
        {
            get { return "snap-" + _prefix; }
        }

        private int ScratchSlot
        {
            get { return _current == 0 ? 1 : 0; }
        }

        /// <summary>Reads the pointer and checks the current file; returns what it found, for the log.</summary>
        public string Load()
        {
            _current = NoSlot;
            _previous = NoSlot;
            byte[] pointer = _blobs.Read(PointerName);
            if (pointer == null || pointer.Length == 0)
            {
                return "no " + _prefix + " snapshot installed";
            }
            if (pointer.Length != PointerLength || pointer[0] != 1 || pointer[1] != Kind
                || BigEndian.ReadUInt32(pointer, PointerLength - 4) != Crc32.Compute(pointer, 0, PointerLength - 4))
            {
                return "the " + _prefix + " pointer is damaged: no snapshot in use";
            }
            int current = pointer[2];
            uint version = BigEndian.ReadUInt32(pointer, 3);
            int previous = pointer[2 + EntryLength];
            uint previousVersion = BigEndian.ReadUInt32(pointer, 3 + EntryLength);
            string problem = Check(current, version, pointer, 7);
            if (problem == null)
            {
                _current = current;
                _version = version;
                System.Array.Copy(pointer, 7, _tag, 0, SnapshotFormat.TagLength);
                if (Check(previous, previousVersion, pointer, 7 + EntryLength) == null)
                {
                    _previous = previous;
                    _previousVersion = previousVersion;
                    System.Array.Copy(pointer, 7 + EntryLength, _previousTag, 0, SnapshotFormat.TagLength);
                }
                return _prefix + " version " + version + " in use (" + SlotName(current) + ")";
            }
            string fallback = Check(previous, previousVersion, pointer, 7 + EntryLength);
            if (fallback == null)
            {
                _current = previous;
                _version = previousVersion;
                System.Array.Copy(pointer, 7 + EntryLength, _tag, 0, SnapshotFormat.TagLength);
                WritePointer();
                return _prefix + " version " + version + " unusable (" + problem + "): back to previous version " + previousVersion;
            }
            return _prefix + " version " + version + " unusable (" + problem + "): no snapshot in use";
        }

        /// <summary>The current file, opened for reading; null when none.</summary>
        public ISnapshotReadFile OpenCurrent()
        {
            return _current == NoSlot ? null : _storage.OpenRead(SlotName(_current));
        }

        /// <summary>
        /// Before the scratch slot is overwritten: when it holds the previous snapshot, the
        /// pointer stops naming it, so a later fallback never lands on a half-written file.
        /// </summary>
        public void ReleaseScratch()
        {
            if (_previous != NoSlot && _previous == ScratchSlot)
            {
                _previous = NoSlot;
                WritePointer();
            }
        }

        /// <summary>Makes the verified, flushed scratch file the current one (atomic pointer write).</summary>
        public void InstallScratch(uint version, byte[] tag)
        {
            int scratch = ScratchSlot;
            if (_current != NoSlot)
            {
                _previous = _current;
                _previousVersion = _version;
                System.Array.Copy(_tag, 0, _previousTag, 0, SnapshotFormat.TagLength);
            }
            _current = scratch;
            _version = version;
            System.Array.Copy(tag, 0, _tag, 0, SnapshotFormat.TagLength);
            WritePointer();
        }

        private string SlotName(int slot)
        {
            return _prefix + "." + slot;
        }

        private string Check(int slot, uint version, byte[] pointer, int tagAt)
        {
            if (slot != 0 && slot != 1)
            {
                return "no slot";
            }
            ISnapshotReadFile file = _storage.OpenRead(SlotName(slot));
            if (file == null)
            {
                return SlotName(slot) + " is missing";
            }
            try
            {
                SnapshotHeader header;
                string reason;
                if (!SnapshotHeader.TryRead(file, out header, out reason))
                {
                    return reason;
                }
                if (header.Kind != Kind || header.IsDelta || header.CardSystemId != _cardSystemId || header.Version != version)
                {
                    return SlotName(slot) + " is not " + _prefix + " version " + version + " of card system " + _cardSystemId;
                }
                byte[] stored = SnapshotFileIo.TagOf(file);
                if (stored == null || !SnapshotTag.AreEqual(stored, 0, pointer, tagAt))
                {
                    return SlotName(slot) + " does not carry the installed tag";
                }
                return null;
            }
            finally
            {
                SnapshotFileIo.CloseQuietly(file);
            }
        }

        private void WritePointer()
        {
            byte[] pointer = new byte[PointerLength];
            pointer[0] = 1;
            pointer[1] = (byte)Kind;
            PutEntry(pointer, 2, _current, _version, _tag);
            PutEntry(pointer, 2 + EntryLength, _previous, _previousVersion, _previousTag);
            BigEndian.WriteUInt32(pointer, PointerLength - 4, Crc32.Compute(pointer, 0, PointerLength - 4));
            _blobs.Write(PointerName, pointer);
        }

        private static void PutEntry(byte[] pointer, int at, int slot, uint version, byte[] tag)
        {
            pointer[at] = (byte)slot;
            BigEndian.WriteUInt32(pointer, at + 1, slot == NoSlot ? 0 : version);
            System.Array.Copy(tag, 0, pointer, at + 5, SnapshotFormat.TagLength);
        }
    }
}
