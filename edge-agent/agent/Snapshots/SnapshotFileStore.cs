using Microsoft.Extensions.Options;
using Microsoft.Win32.SafeHandles;
using Uitpas.Edge.Agent.Hosting;
using Uitpas.Edge.Protocol.Distribution;
using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.Agent.Snapshots;

/// <summary>A snapshot file as written: its name, length and tag (its last 32 bytes).</summary>
public sealed record WrittenSnapshot(string File, long Length, byte[] Tag);

/// <summary>
/// The snapshot files on disk, under Agent:DataDirectory/Agent:Snapshots:Directory. A file is
/// written to a temporary name, flushed to the disk and renamed over its final name, so a
/// reader (or a power cut) sees the whole file or none. Names are download ids
/// (<see cref="SnapshotFileNames.IsValid"/>): never a path.
/// </summary>
public sealed class SnapshotFileStore
{
    private const string TempSuffix = ".partial";

    /// <summary>Creates the store; the folder is created when missing.</summary>
    public SnapshotFileStore(IOptions<AgentOptions> agent, IOptions<SnapshotOptions> options)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(options);
        Folder = Path.GetFullPath(Path.Combine(agent.Value.DataDirectory, options.Value.Directory));
    }

    /// <summary>Full path of the folder.</summary>
    public string Folder { get; }

    /// <summary>Writes a new file through <paramref name="write"/> (which returns the tag) and moves it in place.</summary>
    public WrittenSnapshot Write(string file, Func<IFlashWriter, byte[]> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var path = PathOf(file);
        Directory.CreateDirectory(Folder);
        var temp = path + "." + Guid.NewGuid().ToString("N")[..8] + TempSuffix;
        try
        {
            byte[] tag;
            long length;
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024))
            {
                tag = write(new StreamFlashWriter(stream));
                stream.Flush(flushToDisk: true);
                length = stream.Length;
            }
            File.Move(temp, path, overwrite: true);
            return new WrittenSnapshot(file, length, tag);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Opens a file for random reads; null when it does not exist.</summary>
    public SnapshotFileReader? OpenRead(string file)
    {
        var path = PathOf(file);
        try
        {
            return new SnapshotFileReader(File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete));
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Deletes a file (nothing when it is gone already).</summary>
    public void Delete(string file) => File.Delete(PathOf(file));

    /// <summary>Removes temporary files a crash left behind.</summary>
    public void RemoveLeftovers()
    {
        if (!Directory.Exists(Folder))
        {
            return;
        }
        foreach (var leftover in Directory.EnumerateFiles(Folder, "*" + TempSuffix))
        {
            File.Delete(leftover);
        }
    }

    /// <summary>The path of a file name; throws for a name that is not a download id.</summary>
    public string PathOf(string file)
    {
        if (!SnapshotFileNames.IsValid(file))
        {
            throw new ArgumentException("Not a snapshot file name.", nameof(file));
        }
        return Path.Combine(Folder, file);
    }

    private sealed class StreamFlashWriter(Stream stream) : IFlashWriter
    {
        public void Write(byte[] buffer, int offset, int count) => stream.Write(buffer, offset, count);
    }
}

/// <summary>Random reads of a snapshot file (the protocol's <see cref="IFlashReader"/>); several threads may read at once.</summary>
public sealed class SnapshotFileReader(SafeFileHandle handle) : IFlashReader, IDisposable
{
    /// <inheritdoc />
    public long Length { get; } = RandomAccess.GetLength(handle);

    /// <inheritdoc />
    public int Read(long position, byte[] buffer, int offset, int count) =>
        position < 0 || position >= Length ? 0 : RandomAccess.Read(handle, buffer.AsSpan(offset, count), position);

    /// <summary>Reads up to <paramref name="buffer"/>.Length bytes at <paramref name="position"/>, as many as the file has.</summary>
    public int ReadAt(long position, Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length && position + total < Length)
        {
            var n = RandomAccess.Read(handle, buffer[total..], position + total);
            if (n == 0)
            {
                break;
            }
            total += n;
        }
        return total;
    }

    /// <inheritdoc />
    public void Dispose() => handle.Dispose();
}
