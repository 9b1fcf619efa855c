using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Uitpas.Edge.Tools.NfSubsetAnalyzer;

/// <summary>
/// Rejects the non-generic constructs that compile but break on nanoFramework 1.x, or that the
/// image builder refuses: default interface members, unsafe code, stackalloc, iterators,
/// dynamic, async/await and records.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnsupportedFeaturesAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
    [
        Descriptors.DefaultInterfaceMember,
        Descriptors.Unsafe,
        Descriptors.StackAlloc,
        Descriptors.Iterator,
        Descriptors.Dynamic,
        Descriptors.Async,
        Descriptors.Record,
    ];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.EnableConcurrentExecution();

        context.RegisterSymbolAction(AnalyzeInterfaceMember, SymbolKind.Method, SymbolKind.Property, SymbolKind.Event);
        context.RegisterSyntaxNodeAction(
            AnalyzeUnsafe,
            SyntaxKind.UnsafeStatement,
            SyntaxKind.FixedStatement,
            SyntaxKind.PointerType,
            SyntaxKind.FunctionPointerType);
        context.RegisterSyntaxTreeAction(AnalyzeUnsafeModifiers);
        context.RegisterSyntaxNodeAction(AnalyzeStackAlloc, SyntaxKind.StackAllocArrayCreationExpression, SyntaxKind.ImplicitStackAllocArrayCreationExpression);
        context.RegisterSyntaxNodeAction(AnalyzeYield, SyntaxKind.YieldReturnStatement, SyntaxKind.YieldBreakStatement);
        context.RegisterSyntaxNodeAction(AnalyzeDynamic, SyntaxKind.IdentifierName);
        context.RegisterSyntaxNodeAction(AnalyzeAwait, SyntaxKind.AwaitExpression);
        context.RegisterSyntaxNodeAction(AnalyzeRecord, SyntaxKind.RecordDeclaration, SyntaxKind.RecordStructDeclaration);
    }

    private static void AnalyzeInterfaceMember(SymbolAnalysisContext context)
    {
        var member = context.Symbol;
        if (member.ContainingType?.TypeKind != TypeKind.Interface || member.IsImplicitlyDeclared
            || member is IMethodSymbol { MethodKind: not MethodKind.Ordinary })
        {
            return;
        }

        string? problem = null;
        if (member.IsStatic && (member.IsAbstract || member.IsVirtual))
        {
            problem = "is static abstract or static virtual";
        }
        else if (!member.IsStatic && !member.IsAbstract)
        {
            problem = "has a body (a default interface implementation)";
        }

        if (problem is null)
        {
            return;
        }

        foreach (var location in member.Locations.Where(l => l.IsInSource))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.DefaultInterfaceMember, location, member.ToDisplayString(), problem, Descriptors.Readme));
        }
    }

    private static void AnalyzeUnsafe(SyntaxNodeAnalysisContext context)
    {
        var what = context.Node.Kind() switch
        {
            SyntaxKind.UnsafeStatement => "An 'unsafe' block",
            SyntaxKind.FixedStatement => "A 'fixed' statement",
            SyntaxKind.FunctionPointerType => "A function pointer type",
            _ => $"The pointer type '{context.Node}'",
        };
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.Unsafe, context.Node.GetLocation(), what, Descriptors.Readme));
    }

    private static void AnalyzeUnsafeModifiers(SyntaxTreeAnalysisContext context)
    {
        var root = context.Tree.GetRoot(context.CancellationToken);
        foreach (var token in root.DescendantTokens().Where(t => t.IsKind(SyntaxKind.UnsafeKeyword) && t.Parent is MemberDeclarationSyntax or LocalFunctionStatementSyntax))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.Unsafe, token.GetLocation(), "The 'unsafe' modifier", Descriptors.Readme));
        }
    }

    private static void AnalyzeStackAlloc(SyntaxNodeAnalysisContext context) =>
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.StackAlloc, context.Node.GetLocation(), Descriptors.Readme));

    private static void AnalyzeYield(SyntaxNodeAnalysisContext context)
    {
        var keyword = context.Node.IsKind(SyntaxKind.YieldReturnStatement) ? "yield return" : "yield break";
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.Iterator, context.Node.GetLocation(), keyword, Descriptors.Readme));
    }

    private static void AnalyzeDynamic(SyntaxNodeAnalysisContext context)
    {
        var node = (IdentifierNameSyntax)context.Node;
        if (node.Identifier.ValueText == "dynamic"
            && context.SemanticModel.GetTypeInfo(node, context.CancellationToken).Type is { TypeKind: TypeKind.Dynamic })
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.Dynamic, node.GetLocation(), Descriptors.Readme));
        }
    }

    private static void AnalyzeAwait(SyntaxNodeAnalysisContext context) =>
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.Async, context.Node.GetLocation(), "await", Descriptors.Readme));

    private static void AnalyzeRecord(SyntaxNodeAnalysisContext context)
    {
        var record = (RecordDeclarationSyntax)context.Node;
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.Record, record.Identifier.GetLocation(), record.Identifier.ValueText, Descriptors.Readme));
    }
}
