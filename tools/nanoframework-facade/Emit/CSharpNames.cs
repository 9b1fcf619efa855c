using Microsoft.CodeAnalysis.CSharp;
using Uitpas.Edge.Tools.NfFacade.Surface;

namespace Uitpas.Edge.Tools.NfFacade.Emit;

/// <summary>Renders surface names and types as C#.</summary>
internal sealed class CSharpNames(Surface.Surface surface)
{
    public static string Identifier(string name) =>
        SyntaxFacts.IsReservedKeyword(SyntaxFacts.GetKeywordKind(name)) ? "@" + name : name;

    /// <summary>The fully qualified C# name of a type, e.g. <c>global::System.IO.IOException.IOExceptionErrorCode</c>.</summary>
    public string Type(TypeRef typeRef, SurfaceType context)
    {
        string text;
        if (typeRef.TypeArguments.Count == 0 && context.GenericParametersInScope.Contains(typeRef.Name))
        {
            text = Identifier(typeRef.Name);
        }
        else if (typeRef.Name == "System.Void" && typeRef.TypeArguments.Count == 0 && !typeRef.IsArray)
        {
            return "void";
        }
        else
        {
            var target = surface.Types[typeRef.Key];
            text = QualifiedName(target);
            if (typeRef.TypeArguments.Count > 0)
            {
                text += "<" + string.Join(", ", typeRef.TypeArguments.Select(a => Type(a, context))) + ">";
            }
        }

        foreach (var rank in typeRef.ArrayRanks)
        {
            text += "[" + new string(',', rank - 1) + "]";
        }

        return text;
    }

    public static string QualifiedName(SurfaceType type)
    {
        var segments = type.FullName.Replace('+', '.').Split('.').Select(Identifier);
        return "global::" + string.Join(".", segments);
    }

    /// <summary>The declared name with its generic parameter list, e.g. <c>Action&lt;T1, T2&gt;</c>.</summary>
    public static string Declaration(SurfaceType type) =>
        type.GenericParameters.Count == 0
            ? Identifier(type.Name)
            : $"{Identifier(type.Name)}<{string.Join(", ", type.GenericParameters.Select(Identifier))}>";
}
