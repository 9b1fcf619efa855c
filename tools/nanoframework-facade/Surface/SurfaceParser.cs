using System.Text.RegularExpressions;

namespace Uitpas.Edge.Tools.NfFacade.Surface;

/// <summary>
/// Reads api-surface.txt: one line per type or member, <c>Assembly | Namespace.Type | signature</c>.
/// Every malformed line is reported with its line number.
/// </summary>
internal static partial class SurfaceParser
{
    private static readonly Dictionary<string, SurfaceModifiers> ModifierWords = new(StringComparer.Ordinal)
    {
        ["static"] = SurfaceModifiers.Static,
        ["abstract"] = SurfaceModifiers.Abstract,
        ["virtual"] = SurfaceModifiers.Virtual,
        ["override"] = SurfaceModifiers.Override,
        ["sealed"] = SurfaceModifiers.Sealed,
        ["explicit"] = SurfaceModifiers.Explicit,
        ["readonly"] = SurfaceModifiers.ReadOnly,
        ["const"] = SurfaceModifiers.Const,
    };

    private static readonly Dictionary<string, SurfaceTypeKind> KindWords = new(StringComparer.Ordinal)
    {
        ["class"] = SurfaceTypeKind.Class,
        ["struct"] = SurfaceTypeKind.Struct,
        ["interface"] = SurfaceTypeKind.Interface,
        ["enum"] = SurfaceTypeKind.Enum,
        ["delegate"] = SurfaceTypeKind.Delegate,
    };

    public static Surface Parse(string path, IEnumerable<string> lines)
    {
        var types = new Dictionary<string, SurfaceType>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var rawLine in lines)
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            ParseLine(line, lineNumber, types);
        }

        return new Surface(path, types);
    }

    private static void ParseLine(string line, int lineNumber, Dictionary<string, SurfaceType> types)
    {
        var columns = line.Split(" | ");
        if (columns.Length != 3 || columns.Any(c => c.Trim().Length == 0))
        {
            throw new SurfaceFormatException(
                SurfaceErrors.MalformedLine,
                lineNumber,
                $"expected 'Assembly | Namespace.Type | signature' but found '{line}'");
        }

        var assembly = columns[0].Trim();
        if (!AssemblyNamePattern().IsMatch(assembly))
        {
            throw new SurfaceFormatException(SurfaceErrors.MalformedLine, lineNumber, $"'{assembly}' is not an assembly name");
        }

        var type = GetOrAddType(types, assembly, columns[1].Trim(), lineNumber);
        var (modifiers, rest) = ReadModifiers(columns[2].Trim());
        var firstWord = rest.Split(' ', 2)[0];

        if (KindWords.TryGetValue(firstWord, out var kind))
        {
            ReadTypeLine(type, kind, modifiers, rest[firstWord.Length..].Trim(), lineNumber);
        }
        else
        {
            type.Members.Add(SignatureParser.ReadMember(modifiers, rest, lineNumber));
        }
    }

    private static SurfaceType GetOrAddType(Dictionary<string, SurfaceType> types, string assembly, string typeColumn, int lineNumber)
    {
        var match = TypeNamePattern().Match(typeColumn);
        if (!match.Success)
        {
            throw new SurfaceFormatException(SurfaceErrors.MalformedLine, lineNumber, $"'{typeColumn}' is not a type name");
        }

        var fullName = match.Groups["name"].Value;
        var genericParameters = match.Groups["params"].Success
            ? match.Groups["params"].Value.Split(',').Select(p => p.Trim()).ToArray()
            : [];
        if (genericParameters.Any(p => !IdentifierPattern().IsMatch(p)))
        {
            throw new SurfaceFormatException(SurfaceErrors.MalformedLine, lineNumber, $"'{typeColumn}' has a malformed generic parameter list");
        }

        var key = genericParameters.Length == 0 ? fullName : $"{fullName}`{genericParameters.Length}";
        if (types.TryGetValue(key, out var existing))
        {
            if (existing.Assembly != assembly)
            {
                throw new SurfaceFormatException(
                    SurfaceErrors.Inconsistent,
                    lineNumber,
                    $"type '{typeColumn}' is listed in assembly '{assembly}' but line {existing.FirstLine} puts it in '{existing.Assembly}'");
            }

            return existing;
        }

        var type = new SurfaceType(assembly, fullName, genericParameters, lineNumber);
        types.Add(key, type);
        return type;
    }

    private static (SurfaceModifiers Modifiers, string Remainder) ReadModifiers(string signature)
    {
        var modifiers = SurfaceModifiers.None;
        var rest = signature;
        while (true)
        {
            var space = rest.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0 || !ModifierWords.TryGetValue(rest[..space], out var modifier))
            {
                return (modifiers, rest);
            }

            modifiers |= modifier;
            rest = rest[(space + 1)..].TrimStart();
        }
    }

    private static void ReadTypeLine(SurfaceType type, SurfaceTypeKind kind, SurfaceModifiers modifiers, string rest, int lineNumber)
    {
        if (type.KindLine != 0)
        {
            throw new SurfaceFormatException(
                SurfaceErrors.Inconsistent,
                lineNumber,
                $"type '{type.FullName}' already got its kind on line {type.KindLine}");
        }

        var allowed = SurfaceModifiers.Static | SurfaceModifiers.Sealed | SurfaceModifiers.Abstract;
        if ((modifiers & ~allowed) != 0)
        {
            throw new SurfaceFormatException(SurfaceErrors.MalformedLine, lineNumber, $"modifiers '{modifiers}' are not valid on a type");
        }

        type.KindLine = lineNumber;
        type.Kind = kind;
        type.Modifiers = modifiers;
        if (rest.Length == 0)
        {
            return;
        }

        if (!rest.StartsWith(':'))
        {
            throw new SurfaceFormatException(SurfaceErrors.MalformedLine, lineNumber, $"expected ': BaseType, Interface…' after the kind but found '{rest}'");
        }

        var bases = SignatureParser.SplitTopLevel(rest[1..], ',').Select(b => TypeRefParser.Parse(b, lineNumber)).ToList();
        if (kind is SurfaceTypeKind.Class or SurfaceTypeKind.Delegate or SurfaceTypeKind.Enum)
        {
            type.BaseType = bases[0];
            type.Interfaces.AddRange(bases.Skip(1));
        }
        else
        {
            type.Interfaces.AddRange(bases);
        }
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.]*$")]
    private static partial Regex AssemblyNamePattern();

    [GeneratedRegex(@"^(?<name>[A-Za-z_][A-Za-z0-9_]*([.+][A-Za-z_][A-Za-z0-9_]*)*)(<(?<params>[^<>]+)>)?$")]
    private static partial Regex TypeNamePattern();

    [GeneratedRegex(@"^@?[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierPattern();
}
