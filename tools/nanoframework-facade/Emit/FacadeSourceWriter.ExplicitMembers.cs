using Uitpas.Edge.Tools.NfFacade.Surface;

namespace Uitpas.Edge.Tools.NfFacade.Emit;

internal sealed partial class FacadeSourceWriter
{
    /// <summary>
    /// Writes explicit interface implementations. The surface lists them as methods named
    /// <c>Interface.Member</c>; accessors (<c>get_Count</c>, <c>set_Item</c>, <c>add_X</c>) become the
    /// property, indexer or event C# needs to implement them.
    /// </summary>
    private sealed class ExplicitMemberWriter(FacadeSourceWriter writer, SurfaceType type)
    {
        public void Write(IReadOnlyList<SurfaceMember> members)
        {
            var accessors = new Dictionary<(string Interface, string Name), List<SurfaceMember>>();
            foreach (var member in members)
            {
                var name = member.ExplicitMemberName;
                if (member.Kind == SurfaceMemberKind.Method && (name.StartsWith("get_", StringComparison.Ordinal) || name.StartsWith("set_", StringComparison.Ordinal) || name.StartsWith("add_", StringComparison.Ordinal) || name.StartsWith("remove_", StringComparison.Ordinal)))
                {
                    var key = (member.ExplicitInterfaceName, name[(name.IndexOf('_', StringComparison.Ordinal) + 1)..]);
                    if (!accessors.TryGetValue(key, out var list))
                    {
                        accessors[key] = list = [];
                    }

                    list.Add(member);
                    continue;
                }

                writer.LineDirective(member.Line);
                writer.Line(Method(member));
            }

            foreach (var ((interfaceName, name), group) in accessors)
            {
                writer.LineDirective(group[0].Line);
                writer.Line(AccessorGroup(interfaceName, name, group));
            }
        }

        private string InterfaceName(string interfaceName, int line) =>
            writer.names.Type(TypeRefParser.Parse(interfaceName, line), type);

        private string Method(SurfaceMember member)
        {
            var returnType = writer.names.Type(member.Type!, type);
            return $"{returnType} {InterfaceName(member.ExplicitInterfaceName, member.Line)}.{CSharpNames.Identifier(member.ExplicitMemberName)}({writer.Parameters(type, member)}){Body}";
        }

        private string AccessorGroup(string interfaceName, string name, List<SurfaceMember> group)
        {
            var qualified = InterfaceName(interfaceName, group[0].Line);
            var adder = group.FirstOrDefault(m => m.ExplicitMemberName.StartsWith("add_", StringComparison.Ordinal));
            if (adder is not null)
            {
                var eventType = writer.names.Type(adder.Parameters[0].Type, type);
                return $"event {eventType} {qualified}.{CSharpNames.Identifier(name)} {{ add => throw null; remove => throw null; }}";
            }

            var getter = group.FirstOrDefault(m => m.ExplicitMemberName.StartsWith("get_", StringComparison.Ordinal));
            var setter = group.FirstOrDefault(m => m.ExplicitMemberName.StartsWith("set_", StringComparison.Ordinal));
            var propertyType = getter is not null ? getter.Type! : setter!.Parameters[^1].Type;
            var indexParameters = getter is not null
                ? getter.Parameters
                : setter!.Parameters.Take(setter.Parameters.Count - 1).ToList();

            var accessors = (getter is not null ? "get => throw null; " : string.Empty) + (setter is not null ? "set => throw null; " : string.Empty);
            var rendered = writer.names.Type(propertyType, type);
            if (indexParameters.Count == 0)
            {
                return $"{rendered} {qualified}.{CSharpNames.Identifier(name)} {{ {accessors}}}";
            }

            var parameters = string.Join(", ", indexParameters.Select(p => $"{writer.names.Type(p.Type, type)} {CSharpNames.Identifier(p.Name)}"));
            return $"{rendered} {qualified}.this[{parameters}] {{ {accessors}}}";
        }
    }
}
