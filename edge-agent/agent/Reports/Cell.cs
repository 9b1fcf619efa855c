using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Uitpas.Edge.Agent.Reports;

/// <summary>
/// One figure of a report as it may be published: a value, <see cref="Suppressed"/> ("&lt;5", and then no value
/// at all: a suppressed cell never carries its number), or not applicable (a share of nobody, a trend from 0;
/// the default). Tables, CSV files, charts and the dashboard all read these, so suppression happens once, in the engine.
/// </summary>
[JsonConverter(typeof(CellJsonConverter))]
public readonly record struct Cell
{
    /// <summary>What a suppressed cell shows, in every language.</summary>
    public const string SuppressedText = "<5";

    private Cell(decimal? value, bool suppressed)
    {
        Value = value;
        Suppressed = suppressed;
    }

    /// <summary>A suppressed cell: "&lt;5", no value.</summary>
    public static Cell Hidden { get; } = new(null, true);

    /// <summary>Not applicable: no value, not suppressed (shown empty).</summary>
    public static Cell None { get; } = default;

    /// <summary>The published value; null when suppressed or not applicable.</summary>
    public decimal? Value { get; }

    public bool Suppressed { get; }

    /// <summary>True for a published 0 (a suppressed cell is never known to be 0).</summary>
    public bool IsZero => Value == 0m;

    public static Cell Of(decimal value) => new(value, false);

    /// <summary>"&lt;5" when suppressed, empty when not applicable, else the value in <paramref name="culture"/> (nl-BE: "33,3").</summary>
    public string Format(IFormatProvider culture) =>
        Suppressed ? SuppressedText : Value is { } value ? value.ToString("0.#", culture) : string.Empty;

    public override string ToString() => Format(CultureInfo.InvariantCulture);
}

/// <summary>
/// JSON of a <see cref="Cell"/>: a number when published, <c>null</c> when not applicable,
/// <c>{"suppressed":true,"text":"&lt;5"}</c> when suppressed.
/// </summary>
public sealed class CellJsonConverter : JsonConverter<Cell>
{
    public override Cell Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return Cell.None;
            case JsonTokenType.Number:
                return Cell.Of(reader.GetDecimal());
            case JsonTokenType.StartObject:
                var suppressed = false;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("suppressed"))
                    {
                        reader.Read();
                        suppressed = reader.TokenType == JsonTokenType.True;
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
                return suppressed ? Cell.Hidden : Cell.None;
            default:
                throw new JsonException($"a report cell is a number, null or {{\"suppressed\":true}}, not {reader.TokenType}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, Cell value, JsonSerializerOptions options)
    {
        if (value.Suppressed)
        {
            writer.WriteStartObject();
            writer.WriteBoolean("suppressed", true);
            writer.WriteString("text", Cell.SuppressedText);
            writer.WriteEndObject();
        }
        else if (value.Value is { } number)
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
