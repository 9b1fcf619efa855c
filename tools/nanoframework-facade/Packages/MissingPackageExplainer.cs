using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Uitpas.Edge.Tools.NfFacade.Packages;

/// <summary>
/// After a proof failed to compile: compiles the same sources again, in memory, against the facades of
/// every package of the stable line. When that compiles, the assemblies it used that the project's
/// packages.config does not provide are the missing packages (reported as NFP003 by <see cref="PackageUsageCheck"/>).
/// When it does not compile either, the failure is not about packages and nothing is reported.
/// </summary>
internal static class MissingPackageExplainer
{
    /// <param name="sources">The proof's source files.</param>
    /// <param name="references">The proof's own references (the listed packages' facades, the referenced proofs).</param>
    /// <param name="facadeDirectory">Every facade of the surface.</param>
    /// <param name="languageVersion">As the proof compiles (build/nanoframework.props).</param>
    /// <returns>The assemblies the sources use, or null when they do not compile against every facade.</returns>
    public static IReadOnlyList<string>? UsedAssemblies(
        IReadOnlyList<string> sources,
        IReadOnlyList<string> references,
        string facadeDirectory,
        string languageVersion)
    {
        if (!LanguageVersionFacts.TryParse(languageVersion, out var version))
        {
            version = LanguageVersion.CSharp12;
        }

        var options = new CSharpParseOptions(version);
        var trees = sources.Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), options, path));
        var named = references.ToDictionary(r => Path.GetFileNameWithoutExtension(r), StringComparer.Ordinal);
        foreach (var facade in Directory.GetFiles(facadeDirectory, "*.dll"))
        {
            named.TryAdd(Path.GetFileNameWithoutExtension(facade), facade);
        }

        var compilation = CSharpCompilation.Create(
            "Explain",
            trees,
            named.Values.Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
                .WithNullableContextOptions(NullableContextOptions.Disable)
                .WithWarningLevel(0));
        if (compilation.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return null;
        }

        return compilation.GetUsedAssemblyReferences()
            .Select(r => Path.GetFileNameWithoutExtension(r.Display ?? string.Empty))
            .Where(name => name.Length > 0)
            .ToList();
    }
}
