using System.Globalization;
using System.Text;
using System.Xml;

namespace Uitpas.Edge.Agent.Reports.Output;

/// <summary>One bar series: its name (legend) and one <see cref="Cell"/> per category.</summary>
public sealed record ChartSeries(string Name, string Fill, IReadOnlyList<Cell> Values);

/// <summary>
/// Hand-written SVG charts (no packages, no native code): horizontal bars with long labels on the left, optionally
/// grouped (this period against the previous one), and columns (weeks). Deterministic bytes; presentation attributes
/// only (the dashboard's CSP blocks style="…"); every text at least 13 px; a &lt;title&gt; and a &lt;desc&gt; that
/// lists the values. A suppressed value is a grey hatched stub of fixed size labelled "&lt;5": its length never
/// encodes the value, and the scale is made from published values only.
/// </summary>
public static class SvgChart
{
    public const string FontFamily = "DejaVu Sans, Liberation Sans, Arial, sans-serif";
    public const string CurrentFill = "#1f6fb2";
    public const string PreviousFill = "#9cc3e4";
    public const string HatchId = "suppressed";

    /// <summary>The fixed size (px) of a suppressed bar or column.</summary>
    public const double StubSize = 22;

    private const double Width = 800;
    private const double LabelWidth = 210;
    private const double BarLeft = LabelWidth + 10;
    private const double BarMax = Width - BarLeft - 70;
    private const double BarHeight = 20;
    private const double Top = 84;

    /// <summary>Horizontal bars, one group per category, one bar per series; <paramref name="unit"/> follows each value label ("%").</summary>
    public static byte[] HorizontalBars(string title, string subtitle, string note, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series,
        NumberFormatInfo format, string unit = "", decimal? fixedMax = null)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(series);
        var legend = series.Count > 1 ? series.Count * 22 + 6 : 0;
        var group = series.Count * (BarHeight + 4) + 12;
        var height = Top + legend + categories.Count * group + 40;
        var max = fixedMax ?? Max(series.SelectMany(s => s.Values));
        return Document(title, subtitle, Describe(categories, series, format, unit), height, writer =>
        {
            var y = Top;
            if (series.Count > 1)
            {
                // One legend entry per line: long Dutch names with dates never run off the side.
                for (var s = 0; s < series.Count; s++)
                {
                    Rect(writer, BarLeft, y - 13 + s * 22, 14, 14, series[s].Fill);
                    Text(writer, BarLeft + 20, y - 1 + s * 22, series[s].Name, 14, "start");
                }
                y += legend;
            }
            Line(writer, BarLeft, y - 4, BarLeft, y + categories.Count * group - 8);
            for (var c = 0; c < categories.Count; c++)
            {
                var groupTop = y + c * group;
                Text(writer, LabelWidth, groupTop + (group - 12) / 2 + 5, Fit(categories[c], 26), 14, "end");
                for (var s = 0; s < series.Count; s++)
                {
                    var barTop = groupTop + s * (BarHeight + 4);
                    var cell = s < series.Count && c < series[s].Values.Count ? series[s].Values[c] : Cell.None;
                    if (cell.Suppressed)
                    {
                        Rect(writer, BarLeft, barTop, StubSize, BarHeight, $"url(#{HatchId})", "#8c8c8c");
                        Text(writer, BarLeft + StubSize + 6, barTop + 15, Cell.SuppressedText, 13, "start");
                        continue;
                    }
                    var value = cell.Value ?? 0m;
                    var length = max <= 0 ? 0 : (double)(value / max) * BarMax;
                    Rect(writer, BarLeft, barTop, Math.Max(length, 0), BarHeight, series[s].Fill);
                    Text(writer, BarLeft + Math.Max(length, 0) + 6, barTop + 15, cell.Value is null ? "–" : cell.Format(format) + unit, 13, "start");
                }
            }
            Text(writer, 12, height - 14, note, 13, "start");
        });
    }

    /// <summary>Columns, one per label (weeks), with the value above each; the slot widens the chart rather than shrinking text.</summary>
    public static byte[] Columns(string title, string subtitle, string note, IReadOnlyList<string> labels, IReadOnlyList<Cell> values,
        NumberFormatInfo format, string fill = CurrentFill)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(values);
        const double left = 60, plot = 300;
        var slot = Math.Clamp((Width - left - 20) / Math.Max(labels.Count, 1), 56, 110);
        var width = Math.Max(Width, left + labels.Count * slot + 20);
        var baseLine = Top + 24 + plot;
        var height = baseLine + 70;
        var max = Max(values);
        var series = new[] { new ChartSeries(title, fill, values) };
        return Document(title, subtitle, Describe(labels, series, format, ""), height, writer =>
        {
            Line(writer, left, baseLine, left + labels.Count * slot, baseLine);
            for (var i = 0; i < labels.Count; i++)
            {
                var x = left + i * slot + 8;
                var cell = i < values.Count ? values[i] : Cell.None;
                if (cell.Suppressed)
                {
                    Rect(writer, x, baseLine - StubSize, slot - 16, StubSize, $"url(#{HatchId})", "#8c8c8c");
                    Text(writer, x + (slot - 16) / 2, baseLine - StubSize - 6, Cell.SuppressedText, 13, "middle");
                }
                else
                {
                    var size = max <= 0 ? 0 : (double)((cell.Value ?? 0m) / max) * plot;
                    Rect(writer, x, baseLine - size, slot - 16, size, fill);
                    Text(writer, x + (slot - 16) / 2, baseLine - size - 6, cell.Format(format), 13, "middle");
                }
                Text(writer, x + (slot - 16) / 2, baseLine + 20, labels[i], 13, "middle");
            }
            Text(writer, 12, height - 14, note, 13, "start");
        }, width);
    }

    private static byte[] Document(string title, string subtitle, string description, double height, Action<XmlWriter> body, double width = Width)
    {
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, OmitXmlDeclaration = false, NewLineChars = "\n" };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings))
        {
            writer.WriteStartElement("svg", "http://www.w3.org/2000/svg");
            writer.WriteAttributeString("viewBox", $"0 0 {N(width)} {N(height)}");
            writer.WriteAttributeString("width", N(width));
            writer.WriteAttributeString("height", N(height));
            writer.WriteAttributeString("role", "img");
            writer.WriteAttributeString("font-family", FontFamily);
            writer.WriteElementString("title", subtitle.Length == 0 ? title : $"{title} ({subtitle})");
            writer.WriteElementString("desc", description);
            writer.WriteStartElement("defs");
            writer.WriteStartElement("pattern");
            writer.WriteAttributeString("id", HatchId);
            writer.WriteAttributeString("width", "6");
            writer.WriteAttributeString("height", "6");
            writer.WriteAttributeString("patternUnits", "userSpaceOnUse");
            writer.WriteAttributeString("patternTransform", "rotate(45)");
            Rect(writer, 0, 0, 6, 6, "#e0e0e0");
            Line(writer, 0, 0, 0, 6, "#8c8c8c", 3);
            writer.WriteEndElement();
            writer.WriteEndElement();
            Rect(writer, 0, 0, width, height, "#ffffff");
            Text(writer, 12, 30, title, 18, "start", bold: true);
            Text(writer, 12, 54, subtitle, 14, "start");
            body(writer);
            writer.WriteEndElement();
        }
        return stream.ToArray();
    }

    private static string Describe(IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series, NumberFormatInfo format, string unit)
    {
        var parts = new List<string>();
        for (var c = 0; c < categories.Count; c++)
        {
            var values = series.Select(s => (series.Count > 1 ? s.Name + " " : "") + (c < s.Values.Count ? Show(s.Values[c], format, unit) : "–"));
            parts.Add($"{categories[c]}: {string.Join(", ", values)}");
        }
        return string.Join("; ", parts) + ".";
    }

    private static string Show(Cell cell, NumberFormatInfo format, string unit) =>
        cell.Suppressed ? Cell.SuppressedText : cell.Value is null ? "–" : cell.Format(format) + unit;

    /// <summary>The largest published value (suppressed cells never set the scale).</summary>
    private static decimal Max(IEnumerable<Cell> cells) => cells.Where(c => !c.Suppressed && c.Value is not null).Select(c => c.Value!.Value).DefaultIfEmpty(0m).Max();

    private static string Fit(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static void Rect(XmlWriter writer, double x, double y, double width, double height, string fill, string? stroke = null)
    {
        writer.WriteStartElement("rect");
        writer.WriteAttributeString("x", N(x));
        writer.WriteAttributeString("y", N(y));
        writer.WriteAttributeString("width", N(width));
        writer.WriteAttributeString("height", N(height));
        writer.WriteAttributeString("fill", fill);
        if (stroke is not null)
        {
            writer.WriteAttributeString("stroke", stroke);
        }
        writer.WriteEndElement();
    }

    private static void Line(XmlWriter writer, double x1, double y1, double x2, double y2, string stroke = "#555555", double width = 1)
    {
        writer.WriteStartElement("line");
        writer.WriteAttributeString("x1", N(x1));
        writer.WriteAttributeString("y1", N(y1));
        writer.WriteAttributeString("x2", N(x2));
        writer.WriteAttributeString("y2", N(y2));
        writer.WriteAttributeString("stroke", stroke);
        writer.WriteAttributeString("stroke-width", N(width));
        writer.WriteEndElement();
    }

    private static void Text(XmlWriter writer, double x, double y, string text, int size, string anchor, bool bold = false)
    {
        writer.WriteStartElement("text");
        writer.WriteAttributeString("x", N(x));
        writer.WriteAttributeString("y", N(y));
        writer.WriteAttributeString("font-size", size.ToString(CultureInfo.InvariantCulture));
        writer.WriteAttributeString("text-anchor", anchor);
        writer.WriteAttributeString("fill", "#222222");
        if (bold)
        {
            writer.WriteAttributeString("font-weight", "bold");
        }
        writer.WriteString(text);
        writer.WriteEndElement();
    }

    private static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
