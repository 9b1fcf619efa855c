namespace Uitpas.Edge.Tools.NfFacade.Surface;

/// <summary>An assembly of the surface, with the facade assemblies it references.</summary>
internal sealed record SurfaceAssembly(string Name, IReadOnlyList<string> References);

/// <summary>
/// Checks that the parsed surface is complete and consistent: every type has a kind line,
/// every nested type its outer type, every referenced type exists; and orders the assemblies
/// so that each comes after the ones it references (mscorlib first).
/// </summary>
internal static class SurfaceLinker
{
    public const string CoreLibrary = "mscorlib";

    public static IReadOnlyList<SurfaceAssembly> Link(Surface surface)
    {
        if (!surface.AssemblyNames.Contains(CoreLibrary) || !surface.Types.ContainsKey("System.Object"))
        {
            throw new SurfaceFormatException(SurfaceErrors.Inconsistent, 0, $"the surface has no '{CoreLibrary}' assembly with System.Object; every facade is compiled against it");
        }

        foreach (var type in surface.Types.Values.OrderBy(t => t.FirstLine))
        {
            if (type.KindLine == 0)
            {
                throw new SurfaceFormatException(
                    SurfaceErrors.Inconsistent,
                    type.FirstLine,
                    $"type '{type.FullName}' has member lines but no line giving its kind (class, struct, interface, enum or delegate)");
            }

            if (type.IsNested)
            {
                AttachToOuterType(surface, type);
            }
        }

        var references = surface.AssemblyNames.ToDictionary(a => a, _ => new SortedSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var type in surface.Types.Values.OrderBy(t => t.FirstLine))
        {
            foreach (var (typeRef, line) in ReferencedTypes(type))
            {
                foreach (var target in Resolve(surface, typeRef, type, line))
                {
                    if (target.Assembly != type.Assembly)
                    {
                        references[type.Assembly].Add(target.Assembly);
                    }
                }
            }

            CheckShape(surface, type);
        }

        return Order(references);
    }

    private static void AttachToOuterType(Surface surface, SurfaceType type)
    {
        if (!surface.Types.TryGetValue(type.OuterKey, out var outer))
        {
            throw new SurfaceFormatException(
                SurfaceErrors.Inconsistent,
                type.KindLine,
                $"nested type '{type.FullName}' has no outer type '{type.OuterKey}' in the surface");
        }

        if (outer.Assembly != type.Assembly || outer.Kind is SurfaceTypeKind.Enum or SurfaceTypeKind.Delegate)
        {
            throw new SurfaceFormatException(
                SurfaceErrors.Inconsistent,
                type.KindLine,
                $"nested type '{type.FullName}' cannot be declared inside '{outer.FullName}' ({outer.Kind}, assembly {outer.Assembly})");
        }

        type.DeclaringType = outer;
        outer.NestedTypes.Add(type);
    }

    private static IEnumerable<(TypeRef Type, int Line)> ReferencedTypes(SurfaceType type)
    {
        if (type.BaseType is not null)
        {
            yield return (type.BaseType, type.KindLine);
        }

        foreach (var item in type.Interfaces)
        {
            yield return (item, type.KindLine);
        }

        foreach (var member in type.Members)
        {
            if (member.Type is not null)
            {
                yield return (member.Type, member.Line);
            }

            foreach (var parameter in member.Parameters)
            {
                yield return (parameter.Type, member.Line);
            }

            if (member.Is(SurfaceModifiers.Explicit))
            {
                yield return (TypeRefParser.Parse(member.ExplicitInterfaceName, member.Line), member.Line);
            }
        }
    }

    /// <summary>Resolves a type reference; returns the named types it uses (none for a generic parameter).</summary>
    public static IEnumerable<SurfaceType> Resolve(Surface surface, TypeRef typeRef, SurfaceType context, int line)
    {
        var results = new List<SurfaceType>();
        if (typeRef.TypeArguments.Count == 0 && context.GenericParametersInScope.Contains(typeRef.Name))
        {
            return results;
        }

        if (!surface.Types.TryGetValue(typeRef.Key, out var target))
        {
            throw new SurfaceFormatException(
                SurfaceErrors.UnknownType,
                line,
                $"unknown type '{typeRef.ElementType}': it has no line of its own in the surface and is not a generic parameter of '{context.FullName}'");
        }

        results.Add(target);
        foreach (var argument in typeRef.TypeArguments)
        {
            results.AddRange(Resolve(surface, argument, context, line));
        }

        return results;
    }

    private static void CheckShape(Surface surface, SurfaceType type)
    {
        switch (type.Kind)
        {
            case SurfaceTypeKind.Delegate when !type.Members.Any(m => m.Kind == SurfaceMemberKind.Method && m.Name == "Invoke"):
                throw new SurfaceFormatException(SurfaceErrors.Inconsistent, type.KindLine, $"delegate '{type.FullName}' has no 'Invoke' line giving its signature");
            case SurfaceTypeKind.Enum:
                var stray = type.Members.FirstOrDefault(m => m.Kind != SurfaceMemberKind.Constant);
                if (stray is not null)
                {
                    throw new SurfaceFormatException(SurfaceErrors.Inconsistent, stray.Line, $"enum '{type.FullName}' can only have const fields");
                }

                break;
            case SurfaceTypeKind.Class when type.BaseType is not null:
                var baseType = surface.Types[type.BaseType.Key];
                if (baseType.Kind != SurfaceTypeKind.Class)
                {
                    throw new SurfaceFormatException(SurfaceErrors.Inconsistent, type.KindLine, $"class '{type.FullName}' derives from '{baseType.FullName}', which is a {baseType.Kind.ToString().ToLowerInvariant()}");
                }

                break;
        }

        foreach (var item in type.Interfaces)
        {
            if (surface.Types[item.Key].Kind != SurfaceTypeKind.Interface)
            {
                throw new SurfaceFormatException(SurfaceErrors.Inconsistent, type.KindLine, $"'{item}' in the base list of '{type.FullName}' is not an interface");
            }
        }

        foreach (var member in type.Members.Where(m => m.Is(SurfaceModifiers.Explicit) && !m.Name.Contains('.', StringComparison.Ordinal)))
        {
            throw new SurfaceFormatException(SurfaceErrors.MalformedLine, member.Line, $"explicit member '{member.Name}' must be named 'Interface.Member'");
        }
    }

    private static List<SurfaceAssembly> Order(Dictionary<string, SortedSet<string>> references)
    {
        var ordered = new List<SurfaceAssembly>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var remaining = references.Keys
            .OrderBy(a => a == CoreLibrary ? 0 : 1)
            .ThenBy(a => a, StringComparer.Ordinal)
            .ToList();

        while (remaining.Count > 0)
        {
            var next = remaining.FirstOrDefault(a => references[a].All(placed.Contains));
            if (next is null)
            {
                throw new SurfaceFormatException(
                    SurfaceErrors.Inconsistent,
                    0,
                    $"the assemblies {string.Join(", ", remaining)} reference each other in a cycle; a facade cannot be compiled for them");
            }

            ordered.Add(new SurfaceAssembly(next, references[next].ToList()));
            placed.Add(next);
            remaining.Remove(next);
        }

        return ordered;
    }
}
