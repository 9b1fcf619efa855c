using System.Text;

namespace Uitpas.Edge.Agent.Reports.Output;

/// <summary>
/// A CSV file as Excel (nl-BE) opens it: UTF-8 with BOM, ';' between fields, CRLF line ends, a field quoted
/// when it holds ';', '"', a line break or leading/trailing space. Numbers are formatted by the caller
/// (<see cref="ReportLabels"/>: decimal comma). <see cref="Parse"/> reads such a file back (tests, tools).
/// </summary>
public sealed class CsvTable
{
    public const char Separator = ';';

    private readonly List<string[]> _rows = [];

    public CsvTable(params string[] headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        Headers = headers;
    }

    public IReadOnlyList<string> Headers { get; }

    public IReadOnlyList<IReadOnlyList<string>> Rows => _rows;

    /// <summary>Adds a row; it must have as many fields as there are headers.</summary>
    public CsvTable Add(params string[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Length != Headers.Count)
        {
            throw new ArgumentException($"a row has {fields.Length} fields, the table {Headers.Count} columns.", nameof(fields));
        }
        _rows.Add(fields);
        return this;
    }

    /// <summary>The file's bytes: BOM, header line, rows.</summary>
    public byte[] ToBytes()
    {
        var text = new StringBuilder();
        Write(text, Headers);
        foreach (var row in _rows)
        {
            Write(text, row);
        }
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
        return [.. encoding.GetPreamble(), .. encoding.GetBytes(text.ToString())];
    }

    /// <summary>Reads a file <see cref="ToBytes"/> wrote (BOM optional): the first line as headers. Never throws on bad bytes: an unclosed quote runs to the end.</summary>
    public static CsvTable Parse(ReadOnlySpan<byte> bytes)
    {
        var text = Encoding.UTF8.GetString(bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? bytes[3..] : bytes);
        var lines = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == Separator)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
                fields.Add(field.ToString());
                field.Clear();
                lines.Add([.. fields]);
                fields.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            lines.Add([.. fields]);
        }
        var table = new CsvTable(lines.Count == 0 ? [] : lines[0]);
        foreach (var line in lines.Skip(1))
        {
            table._rows.Add(line);
        }
        return table;
    }

    /// <summary>The column of <paramref name="header"/>; -1 when there is none.</summary>
    public int Column(string header) => Headers.ToList().IndexOf(header);

    private static void Write(StringBuilder text, IEnumerable<string> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
            {
                text.Append(Separator);
            }
            first = false;
            text.Append(Quote(field ?? string.Empty));
        }
        text.Append("\r\n");
    }

    private static string Quote(string field)
    {
        var needs = field.Length > 0 && (char.IsWhiteSpace(field[0]) || char.IsWhiteSpace(field[^1]))
            || field.AsSpan().IndexOfAny(";\"\r\n") >= 0;
        // A field Excel would run as a formula (=, +, -, @ first) is prefixed with a quote mark; numbers keep their sign.
        if (field.Length > 0 && field[0] is '=' or '+' or '@' or '-' && !IsNumber(field))
        {
            field = "'" + field;
        }
        return needs ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }

    private static bool IsNumber(string field) => decimal.TryParse(field.Replace(',', '.'), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out _);
}
