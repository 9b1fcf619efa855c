namespace Uitpas.Edge.Tools.NfFacade.Surface;

/// <summary>Parses the type syntax of the surface file (see <see cref="TypeRef"/>).</summary>
internal static class TypeRefParser
{
    public static TypeRef Parse(string text, int line)
    {
        var position = 0;
        var type = ParseType(text.Trim(), ref position, line);
        if (position != text.Trim().Length)
        {
            throw Malformed(text, line);
        }

        return type;
    }

    private static TypeRef ParseType(string text, ref int position, int line)
    {
        var start = position;
        while (position < text.Length && IsNameChar(text[position]))
        {
            position++;
        }

        if (position == start)
        {
            throw Malformed(text, line);
        }

        var name = text[start..position];
        if (name.StartsWith('.') || name.EndsWith('.') || name.Contains("..", StringComparison.Ordinal))
        {
            throw Malformed(text, line);
        }

        var arguments = new List<TypeRef>();
        if (position < text.Length && text[position] == '<')
        {
            do
            {
                position++;
                SkipSpaces(text, ref position);
                arguments.Add(ParseType(text, ref position, line));
                SkipSpaces(text, ref position);
            }
            while (position < text.Length && text[position] == ',');

            Expect(text, ref position, '>', line);
        }

        var ranks = new List<int>();
        while (position < text.Length && text[position] == '[')
        {
            position++;
            var rank = 1;
            while (position < text.Length && text[position] == ',')
            {
                rank++;
                position++;
            }

            Expect(text, ref position, ']', line);
            ranks.Add(rank);
        }

        if (position < text.Length && (text[position] == '*' || text[position] == '&'))
        {
            throw new SurfaceFormatException(
                SurfaceErrors.MalformedLine,
                line,
                $"pointer and by-reference types are not supported in type '{text}' (write 'ref T name' for a by-reference parameter)");
        }

        return new TypeRef(name, arguments, ranks);
    }

    private static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '.' or '+' or '`';

    private static void SkipSpaces(string text, ref int position)
    {
        while (position < text.Length && text[position] == ' ')
        {
            position++;
        }
    }

    private static void Expect(string text, ref int position, char expected, int line)
    {
        if (position >= text.Length || text[position] != expected)
        {
            throw Malformed(text, line);
        }

        position++;
    }

    private static SurfaceFormatException Malformed(string text, int line) =>
        new(SurfaceErrors.MalformedLine, line, $"cannot read the type '{text}'");
}
