namespace Uitpas.Edge.Tools.NfFacade.Surface;

internal enum SurfaceTypeKind
{
    Class,
    Struct,
    Interface,
    Enum,
    Delegate,
}

internal enum SurfaceMemberKind
{
    Constructor,
    Method,
    Property,
    Indexer,
    Event,
    Field,
    Constant,
}

internal enum ParameterPassing
{
    Value,
    Ref,
    Out,
    In,
    Params,
}

/// <summary>Modifiers a surface line can carry before its kind keyword.</summary>
[Flags]
internal enum SurfaceModifiers
{
    None = 0,
    Static = 1,
    Abstract = 2,
    Virtual = 4,
    Override = 8,
    Sealed = 16,
    Explicit = 32,
    ReadOnly = 64,
    Const = 128,
}

internal sealed record SurfaceParameter(TypeRef Type, string Name, ParameterPassing Passing);

/// <summary>One member line of the surface file.</summary>
internal sealed record SurfaceMember(
    int Line,
    SurfaceMemberKind Kind,
    SurfaceModifiers Modifiers,
    string Name,
    TypeRef? Type,
    IReadOnlyList<SurfaceParameter> Parameters,
    bool HasGetter,
    bool HasSetter,
    string? ConstantValue)
{
    public bool Is(SurfaceModifiers modifier) => (Modifiers & modifier) == modifier;

    /// <summary>For an explicit interface implementation, the interface part of the name.</summary>
    public string ExplicitInterfaceName => Name[..Name.LastIndexOf('.')];

    /// <summary>For an explicit interface implementation, the member part of the name.</summary>
    public string ExplicitMemberName => Name[(Name.LastIndexOf('.') + 1)..];
}

/// <summary>A type of the surface, with its members and nested types.</summary>
internal sealed class SurfaceType(string assembly, string fullName, IReadOnlyList<string> genericParameters, int firstLine)
{
    /// <summary>The assembly the type belongs to.</summary>
    public string Assembly { get; } = assembly;

    /// <summary>The full name without generic parameters, nested types joined with '+'.</summary>
    public string FullName { get; } = fullName;

    public IReadOnlyList<string> GenericParameters { get; } = genericParameters;

    /// <summary>The lookup key: the full name, plus <c>`N</c> for N generic parameters.</summary>
    public string Key => GenericParameters.Count == 0 ? FullName : $"{FullName}`{GenericParameters.Count}";

    /// <summary>The first line mentioning the type.</summary>
    public int FirstLine { get; } = firstLine;

    /// <summary>The line that gives the kind; 0 until it has been read.</summary>
    public int KindLine { get; set; }

    public SurfaceTypeKind Kind { get; set; }

    public SurfaceModifiers Modifiers { get; set; }

    public TypeRef? BaseType { get; set; }

    public List<TypeRef> Interfaces { get; } = [];

    public List<SurfaceMember> Members { get; } = [];

    public List<SurfaceType> NestedTypes { get; } = [];

    public SurfaceType? DeclaringType { get; set; }

    public bool IsNested => FullName.Contains('+', StringComparison.Ordinal);

    /// <summary>The namespace (empty for the global namespace); nested types share their outer type's.</summary>
    public string Namespace
    {
        get
        {
            var outer = FullName.Split('+')[0];
            var dot = outer.LastIndexOf('.');
            return dot < 0 ? string.Empty : outer[..dot];
        }
    }

    /// <summary>The simple name, without namespace, outer types or generic parameters.</summary>
    public string Name
    {
        get
        {
            var last = FullName.Split('+')[^1];
            var dot = last.LastIndexOf('.');
            return dot < 0 ? last : last[(dot + 1)..];
        }
    }

    /// <summary>The key of the outer type of a nested type.</summary>
    public string OuterKey => FullName[..FullName.LastIndexOf('+')];

    public bool Is(SurfaceModifiers modifier) => (Modifiers & modifier) == modifier;

    /// <summary>The generic parameters in scope: the type's own and those of its outer types.</summary>
    public IEnumerable<string> GenericParametersInScope =>
        DeclaringType is null ? GenericParameters : GenericParameters.Concat(DeclaringType.GenericParametersInScope);
}

/// <summary>The whole surface file, grouped by assembly.</summary>
internal sealed class Surface(string path, IReadOnlyDictionary<string, SurfaceType> types)
{
    public string Path { get; } = path;

    /// <summary>All types (top-level and nested) by key.</summary>
    public IReadOnlyDictionary<string, SurfaceType> Types { get; } = types;

    public IEnumerable<string> AssemblyNames => Types.Values.Select(t => t.Assembly).Distinct(StringComparer.Ordinal);

    public IEnumerable<SurfaceType> TopLevelTypesOf(string assembly) =>
        Types.Values.Where(t => t.Assembly == assembly && !t.IsNested).OrderBy(t => t.FullName, StringComparer.Ordinal);
}
