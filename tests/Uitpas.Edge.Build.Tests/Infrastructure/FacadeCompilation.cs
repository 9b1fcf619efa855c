using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Uitpas.Edge.Tools.NfFacade.Emit;

namespace Uitpas.Edge.Build.Tests.Infrastructure;

/// <summary>Compiles consumer code in memory against generated facades, with no standard library.</summary>
internal static class FacadeCompilation
{
    public static IReadOnlyList<Diagnostic> Errors(IEnumerable<FacadeAssembly> facades, string source)
    {
        var compilation = CSharpCompilation.Create(
            "Consumer",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp10))],
            facades.Select(f => (MetadataReference)MetadataReference.CreateFromImage(f.Image)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        return compilation.Emit(image).Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
    }
}
