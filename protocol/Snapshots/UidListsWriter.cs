namespace Uitpas.Edge.Protocol.Snapshots
{
    /// <summary>Writes UID lists one after the other into a payload, then their directory.</summary>
    internal sealed class UidListsWriter
    {
        private readonly SnapshotWriter _output;
        private readonly SectionDescriptor[][] _done;
        private UidSetWriter _current;
        private int _index = -1;

        public UidListsWriter(SnapshotWriter output, int lists)
        {
            _output = output;
            _done = new SectionDescriptor[lists][];
        }

        /// <summary>The writer of list <paramref name="list"/>; lists must be taken in order.</summary>
        public UidSetWriter List(int list)
        {
            if (list < _index || list >= _done.Length)
            {
                throw new System.ArgumentException("allowlist UIDs must come list by list, in the format's order");
            }
            MoveTo(list);
            return _current;
        }

        public void WriteDirectory()
        {
            MoveTo(_done.Length);
            byte[] entry = new byte[SectionDescriptor.Length];
            for (int list = 0; list < _done.Length; list++)
            {
                for (int c = 0; c < UidClass.Count; c++)
                {
                    _done[list][c].Write(entry, 0);
                    _output.Write(entry, 0, entry.Length);
                }
            }
        }

        private void MoveTo(int list)
        {
            while (_index < list)
            {
                if (_current != null)
                {
                    _done[_index] = _current.Finish();
                }
                _index++;
                _current = _index < _done.Length ? new UidSetWriter(_output) : null;
            }
        }
    }
}
