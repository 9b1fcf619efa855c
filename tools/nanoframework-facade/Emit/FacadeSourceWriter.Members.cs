using Uitpas.Edge.Tools.NfFacade.Surface;

namespace Uitpas.Edge.Tools.NfFacade.Emit;

internal sealed partial class FacadeSourceWriter
{
    /// <summary>Writes the members of one class, struct or interface.</summary>
    private sealed class MemberWriter(FacadeSourceWriter writer, SurfaceType type)
    {
        private bool IsInterface => type.Kind == SurfaceTypeKind.Interface;

        /// <summary>Instance properties of classes that can be derived from are virtual: see README.md.</summary>
        private bool PropertiesAreVirtual =>
            type.Kind == SurfaceTypeKind.Class && !type.Is(SurfaceModifiers.Sealed) && !type.Is(SurfaceModifiers.Static);

        public void WriteAll()
        {
            var explicitMembers = type.Members.Where(m => m.Is(SurfaceModifiers.Explicit)).ToList();
            foreach (var member in type.Members.Where(m => !m.Is(SurfaceModifiers.Explicit)))
            {
                writer.LineDirective(member.Line);
                writer.Line(Declaration(member));
            }

            new ExplicitMemberWriter(writer, type).Write(explicitMembers);
            writer.DefaultLines();
        }

        private string Declaration(SurfaceMember member) => member.Kind switch
        {
            SurfaceMemberKind.Constructor => Constructor(member),
            SurfaceMemberKind.Method => Method(member),
            SurfaceMemberKind.Property => Property(member, CSharpNames.Identifier(member.Name)),
            SurfaceMemberKind.Indexer => Property(member, $"this[{writer.Parameters(type, member)}]"),
            SurfaceMemberKind.Event => Event(member),
            SurfaceMemberKind.Field => Field(member),
            _ => Constant(member),
        };

        private string Constructor(SurfaceMember member)
        {
            if (member.Name == ".cctor" || type.Kind != SurfaceTypeKind.Class && type.Kind != SurfaceTypeKind.Struct)
            {
                return "// " + member.Name + " (not declared: static constructor or constructor of a " + type.Kind + ")";
            }

            var chain = type.Kind == SurfaceTypeKind.Class && writer.ChainsToBaseMarker(type)
                ? $" : base(default({ConstructorMarker}))"
                : string.Empty;
            return $"public {CSharpNames.Identifier(type.Name)}({writer.Parameters(type, member)}){chain}{Body}";
        }

        private string Method(SurfaceMember member)
        {
            if (member.Name == "Finalize" && member.Parameters.Count == 0 && member.Is(SurfaceModifiers.Override))
            {
                return $"~{CSharpNames.Identifier(type.Name)}() {{ }}";
            }

            var returnType = writer.names.Type(member.Type!, type);
            var parameters = writer.Parameters(type, member);
            if (member.Is(SurfaceModifiers.Static) && OperatorNames.IsConversion(member.Name) && member.Parameters.Count == 1)
            {
                var conversion = member.Name == "op_Implicit" ? "implicit" : "explicit";
                return $"public static {conversion} operator {returnType}({parameters}){Body}";
            }

            var token = member.Is(SurfaceModifiers.Static) ? OperatorNames.Token(member.Name, member.Parameters.Count) : null;
            if (token is not null && HasPartner(member))
            {
                return $"public static {returnType} operator {token}({parameters}){Body}";
            }

            var modifiers = MethodModifiers(member);
            var body = member.Is(SurfaceModifiers.Abstract) || IsInterface && !member.Is(SurfaceModifiers.Static) ? ";" : Body;
            return $"{modifiers}{returnType} {CSharpNames.Identifier(member.Name)}({parameters}){body}";
        }

        /// <summary>C# wants ==/!=, &lt;/&gt;, &lt;=/&gt;= in pairs; a lone one stays a plain static method.</summary>
        private bool HasPartner(SurfaceMember member)
        {
            var partner = OperatorNames.PartnerOf(member.Name);
            return partner is null || type.Members.Any(m => m.Name == partner && m.Is(SurfaceModifiers.Static) && m.Parameters.Count == member.Parameters.Count);
        }

        private string MethodModifiers(SurfaceMember member)
        {
            var access = IsInterface ? string.Empty : "public ";
            if (member.Is(SurfaceModifiers.Static))
            {
                return access + "static ";
            }

            var canBeVirtual = type.Kind == SurfaceTypeKind.Class && !type.Is(SurfaceModifiers.Sealed);
            if (member.Is(SurfaceModifiers.Override))
            {
                var isSealed = member.Is(SurfaceModifiers.Sealed) && type.Kind == SurfaceTypeKind.Class;
                return access + (isSealed ? "sealed override " : "override ");
            }

            if (member.Is(SurfaceModifiers.Abstract) && !IsInterface)
            {
                return access + "abstract ";
            }

            return access + (member.Is(SurfaceModifiers.Virtual) && canBeVirtual ? "virtual " : string.Empty);
        }

        private string Property(SurfaceMember member, string name)
        {
            var propertyType = writer.names.Type(member.Type!, type);
            if (IsInterface && !member.Is(SurfaceModifiers.Static))
            {
                return $"{propertyType} {name} {{ {(member.HasGetter ? "get; " : string.Empty)}{(member.HasSetter ? "set; " : string.Empty)}}}";
            }

            var modifiers = member.Is(SurfaceModifiers.Static) ? "static " : PropertiesAreVirtual ? "virtual " : string.Empty;
            return $"public {modifiers}{propertyType} {name} {{ {Accessors(member)}}}";
        }

        private static string Accessors(SurfaceMember member) =>
            (member.HasGetter ? "get => throw null; " : string.Empty) + (member.HasSetter ? "set => throw null; " : string.Empty);

        private string Event(SurfaceMember member)
        {
            var eventType = writer.names.Type(member.Type!, type);
            var name = CSharpNames.Identifier(member.Name);
            if (IsInterface && !member.Is(SurfaceModifiers.Static))
            {
                return $"event {eventType} {name};";
            }

            var modifiers = member.Is(SurfaceModifiers.Static) ? "static " : string.Empty;
            return $"public {modifiers}event {eventType} {name} {{ add => throw null; remove => throw null; }}";
        }

        private string Field(SurfaceMember member)
        {
            var modifiers = (member.Is(SurfaceModifiers.Static) ? "static " : string.Empty) + (member.Is(SurfaceModifiers.ReadOnly) ? "readonly " : string.Empty);
            return $"public {modifiers}{writer.names.Type(member.Type!, type)} {CSharpNames.Identifier(member.Name)};";
        }

        private string Constant(SurfaceMember member)
        {
            var constantType = writer.names.Type(member.Type!, type);
            var target = writer.surface.Types[member.Type!.Key];
            Func<string>? enumName = target.Kind == SurfaceTypeKind.Enum ? () => constantType : null;
            var value = ConstantLiteral.For(enumName is null ? member.Type.Key : string.Empty, member.ConstantValue!, member.Line, enumName);
            return $"public const {constantType} {CSharpNames.Identifier(member.Name)} = {value};";
        }
    }
}
