using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Uitpas.Edge.Tools.NfSubsetAnalyzer;

/// <summary>
/// Rejects every generic type or method declared or used: the nanoFramework 1.x runtime fails
/// to load an assembly containing generics, even Action&lt;T&gt; and Func&lt;…&gt;. Nullable value types,
/// tuples and anonymous types are generics too and get their own, clearer, diagnostics.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GenericsAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
    [
        Descriptors.GenericTypeDeclared,
        Descriptors.GenericMethodDeclared,
        Descriptors.GenericTypeUsed,
        Descriptors.GenericMethodUsed,
        Descriptors.NullableValueType,
        Descriptors.Tuple,
        Descriptors.AnonymousType,
    ];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.EnableConcurrentExecution();

        context.RegisterSymbolAction(AnalyzeNamedType, SymbolKind.NamedType);
        context.RegisterSymbolAction(AnalyzeMethod, SymbolKind.Method);
        context.RegisterSyntaxNodeAction(AnalyzeLocalFunction, SyntaxKind.LocalFunctionStatement);
        context.RegisterSyntaxNodeAction(AnalyzeTypeSyntax, SyntaxKind.GenericName, SyntaxKind.NullableType, SyntaxKind.TupleType);
        context.RegisterSyntaxNodeAction(AnalyzeVar, SyntaxKind.IdentifierName);
        context.RegisterOperationAction(AnalyzeMethodUse, OperationKind.Invocation, OperationKind.MethodReference);
        context.RegisterOperationAction(AnalyzeDelegateCreation, OperationKind.DelegateCreation);
        context.RegisterOperationAction(AnalyzeConditionalAccess, OperationKind.ConditionalAccess);
        context.RegisterOperationAction(AnalyzeTuple, OperationKind.Tuple, OperationKind.DeconstructionAssignment);
        context.RegisterOperationAction(AnalyzeAnonymousObject, OperationKind.AnonymousObjectCreation);
    }

    private static void AnalyzeNamedType(SymbolAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (type.TypeParameters.Length == 0 || type.IsImplicitlyDeclared)
        {
            return;
        }

        foreach (var location in type.Locations.Where(l => l.IsInSource))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.GenericTypeDeclared, location, type.ToDisplayString(), Descriptors.Readme));
        }
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (!method.IsGenericMethod || method.IsImplicitlyDeclared)
        {
            return;
        }

        foreach (var location in method.Locations.Where(l => l.IsInSource))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.GenericMethodDeclared, location, "method", method.ToDisplayString(), Descriptors.Readme));
        }
    }

    private static void AnalyzeLocalFunction(SyntaxNodeAnalysisContext context)
    {
        var function = (LocalFunctionStatementSyntax)context.Node;
        if (function.TypeParameterList is { Parameters.Count: > 0 })
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.GenericMethodDeclared,
                function.Identifier.GetLocation(),
                "local function",
                function.Identifier.ValueText + function.TypeParameterList,
                Descriptors.Readme));
        }
    }

    /// <summary>A generic, nullable or tuple type written out in the code; nested ones are reported once, at the outermost.</summary>
    private static void AnalyzeTypeSyntax(SyntaxNodeAnalysisContext context)
    {
        var node = context.Node;
        if (node.Ancestors().TakeWhile(a => a is TypeSyntax or TypeArgumentListSyntax or TupleElementSyntax)
            .Any(a => a.IsKind(SyntaxKind.GenericName) || a.IsKind(SyntaxKind.NullableType) || a.IsKind(SyntaxKind.TupleType)))
        {
            return;
        }

        var symbol = context.SemanticModel.GetSymbolInfo(node, context.CancellationToken).Symbol;
        if (symbol is IMethodSymbol)
        {
            return; // an explicit generic method call: reported by AnalyzeMethodUse
        }

        var type = symbol as ITypeSymbol ?? context.SemanticModel.GetTypeInfo(node, context.CancellationToken).Type;
        switch (node.Kind())
        {
            case SyntaxKind.NullableType when GenericTypes.IsNullableValueType(type):
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.NullableValueType, node.GetLocation(), node.ToString(), Descriptors.Readme));
                break;
            case SyntaxKind.TupleType:
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.Tuple, node.GetLocation(), $"The tuple type '{node}'", Descriptors.Readme));
                break;
            case SyntaxKind.GenericName when type is INamedTypeSymbol:
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.GenericTypeUsed, node.GetLocation(), node.ToString(), Descriptors.Readme));
                break;
        }
    }

    /// <summary>A 'var' that stands for a generic type (e.g. a lambda's natural type Func&lt;int, int&gt;).</summary>
    private static void AnalyzeVar(SyntaxNodeAnalysisContext context)
    {
        var node = (IdentifierNameSyntax)context.Node;
        if (!node.IsVar)
        {
            return;
        }

        var type = context.SemanticModel.GetTypeInfo(node, context.CancellationToken).Type;
        var generic = GenericTypes.FindGeneric(type);
        if (generic is null || generic.IsAnonymousType)
        {
            return;
        }

        var diagnostic = GenericTypes.IsNullableValueType(generic)
            ? Diagnostic.Create(Descriptors.NullableValueType, node.GetLocation(), type!.ToDisplayString(), Descriptors.Readme)
            : generic.IsTupleType
                ? Diagnostic.Create(Descriptors.Tuple, node.GetLocation(), $"'var' here is the tuple type '{type!.ToDisplayString()}' and", Descriptors.Readme)
                : Diagnostic.Create(Descriptors.GenericTypeUsed, node.GetLocation(), type!.ToDisplayString(), Descriptors.Readme);
        context.ReportDiagnostic(diagnostic);
    }

    private static void AnalyzeMethodUse(OperationAnalysisContext context)
    {
        var method = context.Operation switch
        {
            IInvocationOperation invocation => invocation.TargetMethod,
            IMethodReferenceOperation reference => reference.Method,
            _ => null,
        };
        if (method is { IsGenericMethod: true })
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.GenericMethodUsed, context.Operation.Syntax.GetLocation(), method.ToDisplayString(), Descriptors.Readme));
        }
    }

    /// <summary>A lambda or method group converted to a generic delegate type such as Action&lt;int&gt;.</summary>
    private static void AnalyzeDelegateCreation(OperationAnalysisContext context)
    {
        var creation = (IDelegateCreationOperation)context.Operation;
        if (GenericTypes.FindGeneric(creation.Type) is { } generic && !generic.IsAnonymousType)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.GenericTypeUsed, creation.Syntax.GetLocation(), creation.Type!.ToDisplayString(), Descriptors.Readme));
        }
    }

    /// <summary>'x?.Length' on a value-typed member gives int?, a hidden Nullable&lt;int&gt;.</summary>
    private static void AnalyzeConditionalAccess(OperationAnalysisContext context)
    {
        var access = (IConditionalAccessOperation)context.Operation;
        if (GenericTypes.IsNullableValueType(access.Type))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.NullableValueType, access.Syntax.GetLocation(), access.Type!.ToDisplayString(), Descriptors.Readme));
        }
    }

    private static void AnalyzeTuple(OperationAnalysisContext context)
    {
        if (context.Operation.Parent is ITupleOperation or IDeconstructionAssignmentOperation)
        {
            return; // reported at the outermost tuple
        }

        var what = context.Operation is IDeconstructionAssignmentOperation ? "This deconstruction" : "This tuple";
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.Tuple, context.Operation.Syntax.GetLocation(), what, Descriptors.Readme));
    }

    private static void AnalyzeAnonymousObject(OperationAnalysisContext context) =>
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.AnonymousType, context.Operation.Syntax.GetLocation(), Descriptors.Readme));
}
