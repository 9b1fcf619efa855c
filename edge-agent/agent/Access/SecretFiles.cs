using System.Text;

namespace Uitpas.Edge.Agent.Access;

/// <summary>Files holding secrets (password files, keys, provisioning secrets): written whole or not at all, readable by the owner only.</summary>
public static class SecretFiles
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Writes <paramref name="text"/> to a temporary file beside <paramref name="path"/> (mode 0600), then renames it over <paramref name="path"/>.</summary>
    public static void WriteAtomically(string path, string text) => WriteAtomically(path, Encoding.UTF8.GetBytes(text));

    /// <summary>Writes <paramref name="bytes"/> to a temporary file beside <paramref name="path"/> (mode 0600), then renames it over <paramref name="path"/>.</summary>
    public static void WriteAtomically(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            using (var stream = Create(temporary, FileMode.CreateNew))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Creates a new file (failing if it exists) readable by the owner only, and writes <paramref name="text"/>.</summary>
    public static void WriteNew(string path, string text)
    {
        using var stream = Create(path, FileMode.CreateNew);
        stream.Write(Encoding.UTF8.GetBytes(text));
        stream.Flush(flushToDisk: true);
    }

    private static FileStream Create(string path, FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }
        return new FileStream(path, options);
    }
}
