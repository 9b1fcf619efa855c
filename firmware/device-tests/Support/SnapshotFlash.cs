using System.Collections;
using nanoFramework.TestFramework;
using Uitpas.Edge.Core.Snapshots;
using Uitpas.Edge.Core.Storage;

namespace Uitpas.Edge.DeviceTests.Support
{
    /// <summary>
    /// The terminal's flash for snapshots: files and blobs in memory, every change logged, so a
    /// power cut after any change (or in the middle of an append) can be replayed with <see cref="CutAt"/>.
    /// </summary>
    public sealed class SnapshotFlash : ISnapshotStorage, IBlobStore
    {
        private const char Truncate = 'T';
        private const char AppendBytes = 'A';
        private const char DeleteFile = 'D';
        private const char WriteBlob = 'B';

        private readonly Hashtable _files = new Hashtable();
        private readonly Hashtable _blobs = new Hashtable();
        private readonly ArrayList _changes = new ArrayList();

        public int Changes
        {
            get { return _changes.Count; }
        }

        public int OpenReaders { get; private set; }

        /// <summary>The flash as a power cut after <paramref name="changes"/> changes leaves it; <paramref name="tornBytes"/> of the next append, when it is one.</summary>
        public SnapshotFlash CutAt(int changes, int tornBytes)
        {
            SnapshotFlash flash = new SnapshotFlash();
            for (int i = 0; i < changes; i++)
            {
                flash.Apply((Change)_changes[i]);
            }
            if (tornBytes > 0 && changes < _changes.Count && IsAppend(changes))
            {
                Change next = (Change)_changes[changes];
                int n = tornBytes < next.Bytes.Length ? tornBytes : next.Bytes.Length;
                flash.Apply(new Change(AppendBytes, next.Name, Support.Bytes.Slice(next.Bytes, 0, n)));
            }
            return flash;
        }

        public SnapshotFlash CutAt(int changes)
        {
            return CutAt(changes, 0);
        }

        public bool IsAppend(int change)
        {
            return ((Change)_changes[change]).Kind == AppendBytes;
        }

        public byte[] Bytes(string name)
        {
            return ((ByteBuffer)_files[name]).ToArray();
        }

        /// <summary>Flips one byte of a stored file (flash decay).</summary>
        public void Corrupt(string name, int position)
        {
            ByteBuffer file = (ByteBuffer)_files[name];
            file[position] = (byte)(file[position] ^ 0x40);
        }

        public long LengthOf(string name)
        {
            ByteBuffer file = (ByteBuffer)_files[name];
            return file == null ? -1 : file.Length;
        }

        public ISnapshotReadFile OpenRead(string name)
        {
            if (!_files.Contains(name))
            {
                return null;
            }
            OpenReaders++;
            return new Reader(this, name);
        }

        public ISnapshotAppendFile OpenAppend(string name, bool truncate)
        {
            if (truncate || !_files.Contains(name))
            {
                Log(new Change(Truncate, name, new byte[0]));
            }
            return new Appender(this, name);
        }

        public void Delete(string name)
        {
            if (_files.Contains(name))
            {
                Log(new Change(DeleteFile, name, new byte[0]));
            }
        }

        public byte[] Read(string name)
        {
            byte[] blob = (byte[])_blobs[name];
            return blob == null ? null : Support.Bytes.Copy(blob);
        }

        public void Write(string name, byte[] data)
        {
            Log(new Change(WriteBlob, name, Support.Bytes.Copy(data)));
        }

        private void Log(Change change)
        {
            _changes.Add(change);
            Apply(change);
        }

        private void Apply(Change c)
        {
            switch (c.Kind)
            {
                case Truncate:
                    _files[c.Name] = new ByteBuffer();
                    break;
                case AppendBytes:
                    ((ByteBuffer)_files[c.Name]).Write(c.Bytes);
                    break;
                case DeleteFile:
                    _files.Remove(c.Name);
                    break;
                case WriteBlob:
                    _blobs[c.Name] = c.Bytes;
                    break;
            }
        }

        private sealed class Change
        {
            public Change(char kind, string name, byte[] bytes)
            {
                Kind = kind;
                Name = name;
                Bytes = bytes;
            }

            public char Kind { get; }

            public string Name { get; }

            public byte[] Bytes { get; }
        }

        private sealed class Reader : ISnapshotReadFile
        {
            private readonly SnapshotFlash _flash;
            private readonly string _name;
            private bool _closed;

            public Reader(SnapshotFlash flash, string name)
            {
                _flash = flash;
                _name = name;
            }

            public long Length
            {
                get
                {
                    ByteBuffer file = (ByteBuffer)_flash._files[_name];
                    return file == null ? 0 : file.Length;
                }
            }

            public int Read(long position, byte[] buffer, int offset, int count)
            {
                Assert.IsFalse(_closed, "read after close");
                ByteBuffer file = (ByteBuffer)_flash._files[_name];
                return file == null ? 0 : file.Read(position, buffer, offset, count);
            }

            public void Close()
            {
                if (!_closed)
                {
                    _closed = true;
                    _flash.OpenReaders--;
                }
            }
        }

        private sealed class Appender : ISnapshotAppendFile
        {
            private readonly SnapshotFlash _flash;
            private readonly string _name;

            public Appender(SnapshotFlash flash, string name)
            {
                _flash = flash;
                _name = name;
            }

            public long Length
            {
                get
                {
                    ByteBuffer file = (ByteBuffer)_flash._files[_name];
                    return file == null ? 0 : file.Length;
                }
            }

            public void Write(byte[] buffer, int offset, int count)
            {
                _flash.Log(new Change(AppendBytes, _name, Support.Bytes.Slice(buffer, offset, count)));
            }

            public void Flush()
            {
            }

            public void Close()
            {
            }
        }
    }
}
