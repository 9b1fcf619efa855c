using Uitpas.Edge.Core.Storage;

namespace Uitpas.Edge.VirtualTerminal.Adapters;

/// <summary>The journal's byte log as a file; <see cref="Flush"/> forces the bytes to disk.</summary>
public sealed class FileAppendStore : IAppendStore, IDisposable
{
    private readonly FileStream _file;

    public FileAppendStore(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 4096, FileOptions.None);
    }

    public long Length => _file.Length;

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

    public void Dispose() => _file.Dispose();
}
