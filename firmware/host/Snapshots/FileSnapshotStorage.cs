using Uitpas.Edge.Core.Snapshots;

namespace Uitpas.Edge.VirtualTerminal.Snapshots;

/// <summary>
/// Snapshot files in one folder (the virtual terminal's "flash"): <c>{name}.snap</c>. Appends
/// are forced to disk (fsync) at <see cref="ISnapshotAppendFile.Flush"/>. Which file is in use
/// is kept by the core's pointer blob, not by renames here.
/// </summary>
public sealed class FileSnapshotStorage(string directory) : ISnapshotStorage
{
    public string Directory { get; } = directory;

    public long LengthOf(string name)
    {
        var info = new FileInfo(PathOf(name));
        return info.Exists ? info.Length : -1;
    }

    public ISnapshotReadFile? OpenRead(string name)
    {
        try
        {
            return new ReadFile(new FileStream(PathOf(name), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public ISnapshotAppendFile OpenAppend(string name, bool truncate)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var stream = new FileStream(PathOf(name), truncate ? FileMode.Create : FileMode.OpenOrCreate, FileAccess.Write,
            FileShare.Read | FileShare.Delete);
        stream.Seek(0, SeekOrigin.End);
        return new AppendFile(stream);
    }

    public void Delete(string name) => File.Delete(PathOf(name));

    private string PathOf(string name) => Path.Combine(Directory, name + ".snap");

    private sealed class ReadFile(FileStream stream) : ISnapshotReadFile
    {
        public long Length => stream.Length;

        public int Read(long position, byte[] buffer, int offset, int count)
        {
            if (position < 0 || position >= stream.Length)
            {
                return 0;
            }
            stream.Seek(position, SeekOrigin.Begin);
            return stream.Read(buffer, offset, count);
        }

        public void Close() => stream.Dispose();
    }

    private sealed class AppendFile(FileStream stream) : ISnapshotAppendFile
    {
        public long Length => stream.Length;

        public void Write(byte[] buffer, int offset, int count) => stream.Write(buffer, offset, count);

        public void Flush() => stream.Flush(flushToDisk: true);

        public void Close()
        {
            stream.Flush(flushToDisk: true);
            stream.Dispose();
        }
    }
}
