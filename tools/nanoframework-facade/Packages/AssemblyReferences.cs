using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Uitpas.Edge.Tools.NfFacade.Packages;

/// <summary>The AssemblyRef table of a compiled assembly: the C# compiler only emits the references it uses.</summary>
internal static class AssemblyReferences
{
    public static IReadOnlyList<string> Read(string assemblyPath)
    {
        try
        {
            using var stream = File.OpenRead(assemblyPath);
            using var pe = new PEReader(stream);
            var metadata = pe.GetMetadataReader();
            return metadata.AssemblyReferences
                .Select(handle => metadata.GetString(metadata.GetAssemblyReference(handle).Name))
                .ToList();
        }
        catch (BadImageFormatException e)
        {
            throw new PackageDataException(assemblyPath, $"not an assembly: {e.Message}");
        }
        catch (InvalidOperationException e)
        {
            throw new PackageDataException(assemblyPath, $"no metadata: {e.Message}");
        }
        catch (IOException e)
        {
            throw new PackageDataException(assemblyPath, e.Message);
        }
    }
}
