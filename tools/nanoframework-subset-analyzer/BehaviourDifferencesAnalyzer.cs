using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Uitpas.Edge.Tools.NfSubsetAnalyzer;

/// <summary>
/// Warns where code compiles and runs on nanoFramework 1.x but behaves differently from .NET:
/// Enum.ToString() gives the number, and 'checked' arithmetic does not throw.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BehaviourDifferencesAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        [Descriptors.EnumToString, Descriptors.CheckedArithmetic];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.EnableConcurrentExecution();

        context.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
        context.RegisterOperationAction(AnalyzeInterpolation, OperationKind.Interpolation);
        context.RegisterOperationAction(AnalyzeConcatenation, OperationKind.Binary);
        context.RegisterSyntaxNodeAction(AnalyzeChecked, SyntaxKind.CheckedExpression, SyntaxKind.CheckedStatement);
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod.Name == "ToString" && invocation.Instance is { } instance && IsEnum(instance))
        {
            Report(context, invocation.Syntax, instance);
        }
    }

    private static void AnalyzeInterpolation(OperationAnalysisContext context)
    {
        var hole = (IInterpolationOperation)context.Operation;
        if (IsEnum(hole.Expression))
        {
            Report(context, hole.Syntax, hole.Expression);
        }
    }

    private static void AnalyzeConcatenation(OperationAnalysisContext context)
    {
        var binary = (IBinaryOperation)context.Operation;
        if (binary.OperatorKind != BinaryOperatorKind.Add || binary.Type?.SpecialType != SpecialType.System_String)
        {
            return;
        }

        foreach (var operand in new[] { binary.LeftOperand, binary.RightOperand })
        {
            if (IsEnum(operand))
            {
                Report(context, operand.Syntax, operand);
            }
        }
    }

    private static void AnalyzeChecked(SyntaxNodeAnalysisContext context) =>
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.CheckedArithmetic, context.Node.GetFirstToken().GetLocation(), Descriptors.Readme));

    private static bool IsEnum(IOperation operation) => Unwrap(operation).Type?.TypeKind == TypeKind.Enum;

    private static IOperation Unwrap(IOperation operation) =>
        operation is IConversionOperation { IsImplicit: true } conversion ? Unwrap(conversion.Operand) : operation;

    private static void Report(OperationAnalysisContext context, SyntaxNode syntax, IOperation value) =>
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.EnumToString, syntax.GetLocation(), Unwrap(value).Type!.ToDisplayString(), Descriptors.Readme));
}
