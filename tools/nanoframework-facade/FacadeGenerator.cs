using Uitpas.Edge.Tools.NfFacade.Emit;
using Uitpas.Edge.Tools.NfFacade.Surface;

namespace Uitpas.Edge.Tools.NfFacade;

/// <summary>Parses the surface file, then writes and compiles one facade per assembly, mscorlib first.</summary>
internal static class FacadeGenerator
{
    /// <summary>The list of generated assemblies, one name a line, in compile order; written last.</summary>
    public const string ManifestFileName = "facade-assemblies.txt";

    public static IReadOnlyList<FacadeAssembly> Generate(string surfacePath, IEnumerable<string> lines)
    {
        var surface = SurfaceParser.Parse(surfacePath, lines);
        var assemblies = SurfaceLinker.Link(surface);

        var compiled = new Dictionary<string, FacadeAssembly>(StringComparer.Ordinal);
        foreach (var assembly in assemblies)
        {
            var source = FacadeSourceWriter.Write(surface, assembly.Name);
            var references = Closure(assembly.Name, assemblies).Select(r => compiled[r]);
            compiled[assembly.Name] = FacadeCompiler.Compile(assembly.Name, source, $"src/{assembly.Name}.cs", references);
        }

        return assemblies.Select(a => compiled[a.Name]).ToList();
    }

    /// <summary>Writes the assemblies, their sources (under src/) and the manifest; removes stale facades.</summary>
    public static void WriteTo(string outputDirectory, IReadOnlyList<FacadeAssembly> assemblies)
    {
        Directory.CreateDirectory(Path.Combine(outputDirectory, "src"));
        foreach (var assembly in assemblies)
        {
            WriteAtomically(Path.Combine(outputDirectory, assembly.Name + ".dll"), assembly.Image.ToArray());
            WriteAtomically(Path.Combine(outputDirectory, "src", assembly.Name + ".cs"), System.Text.Encoding.UTF8.GetBytes(assembly.Source));
        }

        var names = assemblies.Select(a => a.Name + ".dll").ToHashSet(StringComparer.Ordinal);
        foreach (var stale in Directory.GetFiles(outputDirectory, "*.dll").Where(f => !names.Contains(Path.GetFileName(f))))
        {
            File.Delete(stale);
        }

        WriteAtomically(
            Path.Combine(outputDirectory, ManifestFileName),
            System.Text.Encoding.UTF8.GetBytes(string.Concat(assemblies.Select(a => a.Name + Environment.NewLine))));
    }

    /// <summary>An assembly's references and theirs: a compilation needs every assembly its references' signatures mention.</summary>
    private static IEnumerable<string> Closure(string name, IReadOnlyList<SurfaceAssembly> assemblies)
    {
        var byName = assemblies.ToDictionary(a => a.Name, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(byName[name].References);
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            if (seen.Add(next))
            {
                foreach (var reference in byName[next].References)
                {
                    pending.Push(reference);
                }
            }
        }

        return seen;
    }

    /// <summary>
    /// Writes a temporary file of its own, then renames it over <paramref name="path"/>: the proofs of one
    /// build may generate into the same directory at once, and a reader only ever sees a whole file.
    /// </summary>
    private static void WriteAtomically(string path, byte[] content)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temporary, content);
        File.Move(temporary, path, overwrite: true);
    }
}
