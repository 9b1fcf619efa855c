using System.Text.RegularExpressions;

namespace Uitpas.Edge.Tools.NfFacade.Surface;

/// <summary>
/// Reads the signature column of a member line: <c>.ctor(…)</c>, <c>field T Name</c>,
/// <c>const field T Name = value</c>, <c>property T Name { get; set; }</c>, <c>property T this[…] { get; }</c>,
/// <c>event T Name</c> or <c>T Name(…)</c> (with <c>Interface.Member</c> for explicit implementations).
/// </summary>
internal static partial class SignatureParser
{
    public static SurfaceMember ReadMember(SurfaceModifiers modifiers, string rest, int lineNumber)
    {
        if (rest.StartsWith(".ctor(", StringComparison.Ordinal) || rest.StartsWith(".cctor(", StringComparison.Ordinal))
        {
            var open = rest.IndexOf('(', StringComparison.Ordinal);
            var parameters = ReadParameterList(rest[open..], lineNumber);
            return new SurfaceMember(lineNumber, SurfaceMemberKind.Constructor, modifiers, rest[..open], null, parameters, false, false, null);
        }

        if (rest.StartsWith("field ", StringComparison.Ordinal))
        {
            return ReadField(modifiers, rest["field ".Length..], lineNumber);
        }

        if (rest.StartsWith("property ", StringComparison.Ordinal))
        {
            return ReadProperty(modifiers, rest["property ".Length..], lineNumber);
        }

        if (rest.StartsWith("event ", StringComparison.Ordinal))
        {
            var (type, name) = SplitTypeAndName(rest["event ".Length..], lineNumber);
            return new SurfaceMember(lineNumber, SurfaceMemberKind.Event, modifiers, name, type, [], false, false, null);
        }

        return ReadMethod(modifiers, rest, lineNumber);
    }

    private static SurfaceMember ReadField(SurfaceModifiers modifiers, string rest, int lineNumber)
    {
        if ((modifiers & SurfaceModifiers.Const) != 0)
        {
            var equals = rest.IndexOf(" = ", StringComparison.Ordinal);
            if (equals < 0)
            {
                throw new SurfaceFormatException(SurfaceErrors.MalformedLine, lineNumber, $"a const field needs '= value' but found '{rest}'");
            }

            var (constType, constName) = SplitTypeAndName(rest[..equals], lineNumber);
            var value = rest[(equals + 3)..].Trim();
            return new SurfaceMember(lineNumber, SurfaceMemberKind.Constant, modifiers, constName, constType, [], false, false, value);
        }

        var (type, name) = SplitTypeAndName(rest, lineNumber);
        return new SurfaceMember(lineNumber, SurfaceMemberKind.Field, modifiers, name, type, [], false, false, null);
    }

    private static SurfaceMember ReadProperty(SurfaceModifiers modifiers, string rest, int lineNumber)
    {
        var brace = rest.IndexOf('{', StringComparison.Ordinal);
        if (brace < 0 || !rest.EndsWith('}'))
        {
            throw new SurfaceFormatException(SurfaceErrors.MalformedLine, lineNumber, $"a property needs '{{ get; set; }}' but found '{rest}'");
        }

        var accessors = rest[(brace + 1)..^1].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (accessors.Length == 0 || accessors.Any(a => a is not ("get" or "set" or "init")))
        {
            throw new SurfaceFormatException(SurfaceErrors.MalformedLine, lineNumber, $"unknown property accessors in '{rest}'");
        }

        var hasGetter = accessors.Contains("get");
        var hasSetter = accessors.Contains("set") || accessors.Contains("init");
        var head = rest[..brace].Trim();

        var indexer = head.IndexOf(" this[", StringComparison.Ordinal);
        if (indexer >= 0)
        {
            var indexType = TypeRefParser.Parse(head[..indexer], lineNumber);
            var parameters = ReadParameterList("(" + head[(indexer + " this[".Length)..].TrimEnd(']') + ")", lineNumber);
            if (!head.EndsWith(']') || parameters.Count == 0)
            {
                throw new SurfaceFormatException(SurfaceErrors.MalformedLine, lineNumber, $"malformed indexer '{head}'");
            }

            return new SurfaceMember(lineNumber, SurfaceMemberKind.Indexer, modifiers, "this", indexType, parameters, hasGetter, hasSetter, null);
        }

        var (type, name) = SplitTypeAndName(head, lineNumber);
        return new SurfaceMember(lineNumber, SurfaceMemberKind.Property, modifiers, name, type, [], hasGetter, hasSetter, null);
    }

    private static SurfaceMember ReadMethod(SurfaceModifiers modifiers, string rest, int lineNumber)
    {
        var open = rest.IndexOf('(', StringComparison.Ordinal);
        if (open < 0 || !rest.EndsWith(')'))
        {
            throw new SurfaceFormatException(
                SurfaceErrors.MalformedLine,
                lineNumber,
                $"expected a constructor, field, property, event or method but found '{rest}'");
        }

        var (returnType, name) = SplitTypeAndName(rest[..open], lineNumber, allowDottedName: true);
        if (name.Contains('<', StringComparison.Ordinal))
        {
            throw new SurfaceFormatException(SurfaceErrors.MalformedLine, lineNumber, $"generic methods are not supported: '{rest}'");
        }

        var parameters = ReadParameterList(rest[open..], lineNumber);
        return new SurfaceMember(lineNumber, SurfaceMemberKind.Method, modifiers, name, returnType, parameters, false, false, null);
    }

    private static List<SurfaceParameter> ReadParameterList(string text, int lineNumber)
    {
        if (!text.StartsWith('(') || !text.EndsWith(')'))
        {
            throw new SurfaceFormatException(SurfaceErrors.MalformedLine, lineNumber, $"malformed parameter list '{text}'");
        }

        var inner = text[1..^1].Trim();
        if (inner.Length == 0)
        {
            return [];
        }

        var parameters = new List<SurfaceParameter>();
        foreach (var part in SplitTopLevel(inner, ','))
        {
            var passing = ParameterPassing.Value;
            var parameter = part.Trim();
            foreach (var (word, kind) in new[] { ("ref ", ParameterPassing.Ref), ("out ", ParameterPassing.Out), ("in ", ParameterPassing.In), ("params ", ParameterPassing.Params) })
            {
                if (parameter.StartsWith(word, StringComparison.Ordinal))
                {
                    passing = kind;
                    parameter = parameter[word.Length..].TrimStart();
                }
            }

            var (type, name) = SplitTypeAndName(parameter, lineNumber);
            parameters.Add(new SurfaceParameter(type, name, passing));
        }

        return parameters;
    }

    private static (TypeRef Type, string Name) SplitTypeAndName(string text, int lineNumber, bool allowDottedName = false)
    {
        var trimmed = text.Trim();
        var space = LastTopLevelSpace(trimmed);
        if (space < 0)
        {
            throw new SurfaceFormatException(SurfaceErrors.MalformedLine, lineNumber, $"expected 'Type name' but found '{trimmed}'");
        }

        var name = trimmed[(space + 1)..];
        var pattern = allowDottedName ? DottedIdentifierPattern() : IdentifierPattern();
        if (!pattern.IsMatch(name))
        {
            throw new SurfaceFormatException(SurfaceErrors.MalformedLine, lineNumber, $"'{name}' is not a valid member or parameter name");
        }

        return (TypeRefParser.Parse(trimmed[..space], lineNumber), name);
    }

    private static int LastTopLevelSpace(string text)
    {
        var depth = 0;
        var last = -1;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '<':
                    depth++;
                    break;
                case '>':
                    depth--;
                    break;
                case ' ' when depth == 0:
                    last = i;
                    break;
            }
        }

        return last;
    }

    public static IEnumerable<string> SplitTopLevel(string text, char separator)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '<' or '[')
            {
                depth++;
            }
            else if (text[i] is '>' or ']')
            {
                depth--;
            }
            else if (text[i] == separator && depth == 0)
            {
                yield return text[start..i].Trim();
                start = i + 1;
            }
        }

        yield return text[start..].Trim();
    }

    [GeneratedRegex(@"^@?[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierPattern();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")]
    private static partial Regex DottedIdentifierPattern();
}
