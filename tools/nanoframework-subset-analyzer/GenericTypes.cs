using Microsoft.CodeAnalysis;

namespace Uitpas.Edge.Tools.NfSubsetAnalyzer;

/// <summary>Finds the generic type hidden in a type, if any: List&lt;int&gt;, int?, (int, int), Action&lt;int&gt;[], …</summary>
internal static class GenericTypes
{
    public static INamedTypeSymbol? FindGeneric(ITypeSymbol? type)
    {
        switch (type)
        {
            case null:
                return null;
            case IArrayTypeSymbol array:
                return FindGeneric(array.ElementType);
            case IPointerTypeSymbol pointer:
                return FindGeneric(pointer.PointedAtType);
            case INamedTypeSymbol named when named.IsGenericType || named.IsTupleType || named.IsAnonymousType:
                return named;
            case INamedTypeSymbol named when named.ContainingType is not null:
                return FindGeneric(named.ContainingType);
            default:
                return null;
        }
    }

    public static bool IsNullableValueType(ITypeSymbol? type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T };
}
