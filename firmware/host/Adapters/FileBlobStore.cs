using Uitpas.Edge.Core.Storage;

namespace Uitpas.Edge.VirtualTerminal.Adapters;

/// <summary>Named records as files in one folder, replaced by write-to-temp, fsync, rename.</summary>
public sealed class FileBlobStore(string directory) : IBlobStore
{
    public byte[]? Read(string name)
    {
        string path = PathOf(name);
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    public void Write(string name, byte[] data)
    {
        Directory.CreateDirectory(directory);
        string path = PathOf(name);
        string temp = path + ".tmp";
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write))
        {
            file.Write(data);
            file.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }

    private string PathOf(string name) => Path.Combine(directory, name + ".bin");
}
