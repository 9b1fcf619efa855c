using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Uitpas.Edge.Tools.NfSubsetAnalyzer;

/// <summary>Rejects the 'async' modifier (methods, local functions, lambdas), also 'async void'.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AsyncAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.Async];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxTreeAction(AnalyzeTree);
    }

    private static void AnalyzeTree(SyntaxTreeAnalysisContext context)
    {
        var root = context.Tree.GetRoot(context.CancellationToken);
        foreach (var token in root.DescendantTokens().Where(t => t.IsKind(SyntaxKind.AsyncKeyword) && IsModifier(t)))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.Async, token.GetLocation(), "async", Descriptors.Readme));
        }
    }

    /// <summary>'async' is a contextual keyword; the parser marks it AsyncKeyword only where it is the modifier.</summary>
    private static bool IsModifier(SyntaxToken token) => token.Parent is not null && !token.Parent.IsKind(SyntaxKind.IdentifierName);
}
