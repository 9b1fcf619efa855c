using Uitpas.Edge.Tools.NfFacade.Surface;

namespace Uitpas.Edge.Tools.NfFacade.Emit;

/// <summary>
/// Signature details the surface file cannot carry because they are metadata flags and
/// attributes rather than parts of the signature: <c>out</c> (a by-reference parameter with
/// [Out]) and <c>params</c> (a [ParamArray] array). The surface writes every by-reference
/// parameter as <c>ref</c> and no <c>params</c> at all. See README.md, "Where C# cannot follow the surface".
/// </summary>
internal static class KnownSignatureDetails
{
    /// <summary>Methods whose by-reference parameters are <c>out</c> in the nanoFramework sources.</summary>
    private static readonly HashSet<string> OutParameterMethods = new(StringComparer.Ordinal)
    {
        "Deconstruct",
        "Split",         // System.Uri.Split(…, out string sAuthority, out string sPath, …)
        "GetMemoryInfo", // nanoFramework.Hardware.Esp32.NativeMemory.GetMemoryInfo(…, out uint …)
        "Convert",       // System.Text.Decoder.Convert(…, out int bytesUsed, out int charsUsed, out bool completed)
    };

    /// <summary>Methods whose last array parameter is <c>params</c> in the nanoFramework sources, by declaring type.</summary>
    private static readonly HashSet<(string Type, string Method)> ParamsArrayMethods =
    [
        ("System.String", "Format"),
        ("System.String", "Concat"),
        ("System.String", "Split"),
        ("System.String", "Trim"),
        ("System.String", "TrimStart"),
        ("System.String", "TrimEnd"),
        ("System.Diagnostics.CodeAnalysis.MemberNotNullAttribute", ".ctor"),
        ("System.Diagnostics.CodeAnalysis.MemberNotNullWhenAttribute", ".ctor"),
        ("nanoFramework.TestFramework.DataRowAttribute", ".ctor"),
    ];

    /// <summary>
    /// Attributes declared [AttributeUsage(…, AllowMultiple = true)] in the nanoFramework sources, with the
    /// targets they are declared for (C# name of the AttributeTargets member); the surface has no attributes.
    /// </summary>
    private static readonly Dictionary<string, string> MultipleUseAttributes = new(StringComparer.Ordinal)
    {
        ["nanoFramework.TestFramework.DataRowAttribute"] = "Method", // several [DataRow] rows on one test method
    };

    /// <summary>The AttributeTargets member of an attribute that may be applied several times, or null.</summary>
    public static string? MultipleUseTargets(SurfaceType type) => MultipleUseAttributes.GetValueOrDefault(type.FullName);

    public static ParameterPassing PassingOf(SurfaceType type, SurfaceMember member, int index)
    {
        var parameter = member.Parameters[index];
        var methodName = member.Is(SurfaceModifiers.Explicit) ? member.ExplicitMemberName : member.Name;
        if (parameter.Passing == ParameterPassing.Ref
            && (methodName.StartsWith("Try", StringComparison.Ordinal) || OutParameterMethods.Contains(methodName)))
        {
            return ParameterPassing.Out;
        }

        if (parameter.Passing == ParameterPassing.Value
            && index == member.Parameters.Count - 1
            && parameter.Type.ArrayRanks is [1]
            && ParamsArrayMethods.Contains((type.FullName, member.Name)))
        {
            return ParameterPassing.Params;
        }

        return parameter.Passing;
    }
}
