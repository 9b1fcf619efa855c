using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Uitpas.Edge.Tools.NfFacade.Surface;

namespace Uitpas.Edge.Tools.NfFacade.Emit;

/// <summary>One compiled facade assembly.</summary>
internal sealed record FacadeAssembly(string Name, string Source, ImmutableArray<byte> Image);

/// <summary>Compiles facade sources with Roslyn, in process, each against the facades it references.</summary>
internal static class FacadeCompiler
{
    private const int MaxReportedErrors = 25;

    /// <summary>
    /// C# 10: from C# 11 on, Roslyn synthesizes a RefSafetyRules attribute into every module, which it
    /// cannot do while compiling a core library from source. The facade sources need nothing newer.
    /// </summary>
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp10, DocumentationMode.None);

    private static readonly CSharpCompilationOptions CompilationOptions =
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
            .WithNullableContextOptions(NullableContextOptions.Disable)
            .WithAllowUnsafe(false)
            .WithDeterministic(true)
            .WithOptimizationLevel(OptimizationLevel.Release)
            .WithWarningLevel(0);

    public static FacadeAssembly Compile(string name, string source, string sourcePath, IEnumerable<FacadeAssembly> references)
    {
        var tree = CSharpSyntaxTree.ParseText(source, ParseOptions, sourcePath, Encoding.UTF8);
        var metadata = references.Select(r => (MetadataReference)MetadataReference.CreateFromImage(r.Image, filePath: r.Name + ".dll"));
        var compilation = CSharpCompilation.Create(name, [tree], metadata, CompilationOptions);

        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        if (!result.Success)
        {
            var errors = result.Diagnostics
                .Where(d => d.Severity == DiagnosticSeverity.Error)
                .Take(MaxReportedErrors)
                .Select(Describe);
            throw new FacadeCompilationException(name, errors.ToList());
        }

        return new FacadeAssembly(name, source, [.. image.ToArray()]);
    }

    private static string Describe(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetMappedLineSpan();
        var where = span.IsValid ? $"{span.Path}({span.StartLinePosition.Line + 1})" : "facade";
        return $"{where}: error {diagnostic.Id}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }
}

/// <summary>The generated facade of an assembly does not compile; each error points at its surface line.</summary>
internal sealed class FacadeCompilationException(string assembly, IReadOnlyList<string> errors)
    : Exception($"the facade of '{assembly}' does not compile")
{
    public string Assembly { get; } = assembly;

    public IReadOnlyList<string> Errors { get; } = errors;
}
