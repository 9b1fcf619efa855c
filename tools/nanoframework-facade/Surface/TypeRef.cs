namespace Uitpas.Edge.Tools.NfFacade.Surface;

/// <summary>
/// A type as written in the surface file: <c>System.Int32</c>, <c>System.Byte[]</c>,
/// <c>Outer+Inner</c>, a generic parameter such as <c>T</c>, or <c>Name&lt;Arg, …&gt;</c>.
/// </summary>
internal sealed record TypeRef(string Name, IReadOnlyList<TypeRef> TypeArguments, IReadOnlyList<int> ArrayRanks)
{
    /// <summary>The key of the named type it refers to: the name, plus <c>`N</c> for N type arguments.</summary>
    public string Key => TypeArguments.Count == 0 ? Name : $"{Name}`{TypeArguments.Count}";

    public bool IsArray => ArrayRanks.Count > 0;

    /// <summary>The same type without its array ranks.</summary>
    public TypeRef ElementType => IsArray ? this with { ArrayRanks = [] } : this;

    public override string ToString()
    {
        var text = TypeArguments.Count == 0 ? Name : $"{Name}<{string.Join(",", TypeArguments)}>";
        foreach (var rank in ArrayRanks)
        {
            text += "[" + new string(',', rank - 1) + "]";
        }

        return text;
    }
}
