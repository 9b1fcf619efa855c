using Uitpas.Edge.Core.Storage;

namespace Uitpas.Edge.VirtualTerminal.Adapters;

/// <summary>
/// The journal's pair of byte logs as two files: the given path and, beside it, the same name
/// with ".b" before the extension (journal.bin and journal.b.bin). <see cref="Flush"/> and
/// <see cref="Truncate"/> force the bytes to disk (fsync) before returning.
/// </summary>
public sealed class FileAppendStore : IAppendStore, IDisposable
{
    private readonly FileStream _file;
    private readonly FileAppendStore _sibling;
    private readonly bool _ownsSibling;

    public FileAppendStore(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _file = Open(path);
        _sibling = new FileAppendStore(SiblingPath(path), this);
        _ownsSibling = true;
    }

    private FileAppendStore(string path, FileAppendStore sibling)
    {
        _file = Open(path);
        _sibling = sibling;
    }

    public long Length => _file.Length;

    public IAppendStore Sibling => _sibling;

    public void Append(byte[] buffer, int offset, int count)
    {
        _file.Seek(0, SeekOrigin.End);
        _file.Write(buffer, offset, count);
    }

    public void Flush() => _file.Flush(flushToDisk: true);

    public int Read(long position, byte[] buffer, int offset, int count)
    {
        _file.Seek(position, SeekOrigin.Begin);
        int total = 0;
        while (total < count)
        {
            int read = _file.Read(buffer, offset + total, count - total);
            if (read == 0)
            {
                break;
            }
            total += read;
        }
        return total;
    }

    public void Truncate(long length)
    {
        _file.SetLength(length);
        _file.Flush(flushToDisk: true);
    }

    /// <summary>"data/journal.bin" → "data/journal.b.bin"; a name without extension gets ".b" appended.</summary>
    public static string SiblingPath(string path)
    {
        string extension = Path.GetExtension(path);
        return extension.Length == 0 ? path + ".b" : path[..^extension.Length] + ".b" + extension;
    }

    public void Dispose()
    {
        _file.Dispose();
        if (_ownsSibling)
        {
            _sibling.Dispose();
        }
    }

    private static FileStream Open(string path) =>
        new(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 4096, FileOptions.None);
}
