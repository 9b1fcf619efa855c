namespace Uitpas.Edge.Protocol.Snapshots
{
    /// <summary>
    /// Streams one UID set (a section per <see cref="UidClass"/>, classes 1 to 4) into a payload.
    /// UIDs must come sorted by class, then by key (unsigned big-endian), without duplicates;
    /// nothing is sorted here. Misordered input throws <see cref="System.ArgumentException"/>.
    /// </summary>
    public sealed class UidSetWriter
    {
        private readonly SnapshotWriter _output;
        private readonly SectionDescriptor[] _sections = new SectionDescriptor[UidClass.Count];
        private readonly byte[] _key = new byte[UidClass.MaxKeyLength];
        private UidSectionWriter _current;
        private int _currentClass;
        private bool _finished;

        public UidSetWriter(SnapshotWriter output)
        {
            if (output == null)
            {
                throw new System.ArgumentException("a UID set writer needs a snapshot writer");
            }
            _output = output;
        }

        public long Count { get; private set; }

        /// <summary>Adds a 4-, 7- or 10-byte UID.</summary>
        public void Add(byte[] uid)
        {
            int uidClass = UidClass.Of(uid);
            if (uidClass == 0)
            {
                throw new System.ArgumentException("a UID has 4, 7 or 10 bytes");
            }
            UidClass.CopyKey(uid, uidClass, _key, 0);
            AddKey(uidClass, _key, 0);
        }

        /// <summary>Adds the key of a UID of class <paramref name="uidClass"/> (<see cref="UidClass.KeyLength"/> bytes).</summary>
        public void AddKey(int uidClass, byte[] key, int offset)
        {
            if (_finished)
            {
                throw new System.InvalidOperationException("the UID set is already finished");
            }
            if (uidClass < _currentClass || uidClass < 1 || uidClass > UidClass.Count)
            {
                throw new System.ArgumentException("UIDs must come in snapshot order (class, then key), without duplicates");
            }
            MoveTo(uidClass);
            _current.Add(key, offset);
            Count++;
        }

        /// <summary>Closes every section; returns the four descriptors (classes 1 to 4).</summary>
        public SectionDescriptor[] Finish()
        {
            if (!_finished)
            {
                MoveTo(UidClass.Count + 1);
                _finished = true;
            }
            return _sections;
        }

        private void MoveTo(int uidClass)
        {
            if (_currentClass == uidClass)
            {
                return;
            }
            if (_current != null)
            {
                _sections[_currentClass - 1] = _current.Finish();
                _current = null;
            }
            for (int c = _currentClass + 1; c < uidClass && c <= UidClass.Count; c++)
            {
                long here = _output.PayloadPosition;
                _sections[c - 1] = new SectionDescriptor(c, UidSectionFormat.KeysPerBlockOf(c), 0, 0, here, here, 0);
            }
            _currentClass = uidClass;
            if (uidClass <= UidClass.Count)
            {
                _current = new UidSectionWriter(_output, uidClass);
            }
        }
    }
}
