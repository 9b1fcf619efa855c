using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Uitpas.Edge.Central.Tests;

/// <summary>
/// The published spec ($(SharedDir)uitpas-api/uitpas.json, copied beside the tests) and a small
/// validator for the parts of JSON Schema it uses in our responses: $ref, allOf, type,
/// required, properties (unknown properties are reported), items, enum, date-time.
/// </summary>
internal sealed partial class SpecSchema
{
    private readonly JsonDocument document;

    private SpecSchema(JsonDocument document) => this.document = document;

    public static SpecSchema Shared { get; } = new(JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "spec", "uitpas.json"))));

    [GeneratedRegex(@"https://api\.publiq\.be/probs/[a-z/-]+[a-z]")]
    private static partial Regex ProblemTypeInText();

    /// <summary>The response object of an operation, with a $ref to components/responses resolved.</summary>
    public JsonElement Response(string path, string method, int status) =>
        Resolve(document.RootElement.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses")
            .GetProperty(status.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The problem types a response's description lists ("Possible error types"), empty when it lists none.</summary>
    public IReadOnlyList<string> ListedProblemTypes(JsonElement response) =>
        response.TryGetProperty("description", out var description)
            ? ProblemTypeInText().Matches(description.GetString() ?? "").Select(m => m.Value).ToArray()
            : [];

    public IReadOnlyList<string> Validate(JsonElement schema, JsonElement value)
    {
        var errors = new List<string>();
        Validate(schema, value, "", errors);
        return errors;
    }

    /// <summary><paramref name="strict"/>: properties the schema does not name are errors (off for one part of an allOf: the whole names them).</summary>
    private void Validate(JsonElement schema, JsonElement value, string pointer, List<string> errors, bool strict = true)
    {
        schema = Resolve(schema);
        if (schema.TryGetProperty("allOf", out var allOf))
        {
            foreach (var part in allOf.EnumerateArray())
            {
                Validate(part, value, pointer, errors, strict: false);
            }
        }
        if (schema.TryGetProperty("type", out var type) && !HasType(value, type.GetString()!))
        {
            errors.Add($"{pointer}: expected {type.GetString()}, got {value.ValueKind}");
            return;
        }
        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(a => a.ToString() == value.ToString()))
        {
            errors.Add($"{pointer}: '{value}' is not one of the enum values");
        }
        if (schema.TryGetProperty("format", out var format) && format.GetString() == "date-time"
            && !DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
        {
            errors.Add($"{pointer}: '{value}' is not a date-time");
        }
        if (value.ValueKind == JsonValueKind.Object)
        {
            ValidateObject(schema, value, pointer, errors, strict);
        }
        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                Validate(items, item, $"{pointer}/{index++}", errors);
            }
        }
    }

    private void ValidateObject(JsonElement schema, JsonElement value, string pointer, List<string> errors, bool strict)
    {
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!value.TryGetProperty(name, out _))
                {
                    errors.Add($"{pointer}/{name}: required property missing");
                }
            }
        }
        var properties = Properties(schema);
        if (properties.Count == 0)
        {
            return;
        }
        foreach (var property in value.EnumerateObject())
        {
            if (properties.TryGetValue(property.Name, out var propertySchema))
            {
                Validate(propertySchema, property.Value, $"{pointer}/{property.Name}", errors);
            }
            else if (strict)
            {
                errors.Add($"{pointer}/{property.Name}: not in the spec's schema");
            }
        }
    }

    private Dictionary<string, JsonElement> Properties(JsonElement schema)
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        schema = Resolve(schema);
        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                result[property.Name] = property.Value;
            }
        }
        if (schema.TryGetProperty("allOf", out var allOf))
        {
            foreach (var part in allOf.EnumerateArray())
            {
                foreach (var (name, propertySchema) in Properties(part))
                {
                    result[name] = propertySchema;
                }
            }
        }
        return result;
    }

    private static bool HasType(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        _ => true,
    };

    private JsonElement Resolve(JsonElement element)
    {
        while (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("$ref", out var reference))
        {
            var target = document.RootElement;
            foreach (var segment in reference.GetString()!.TrimStart('#', '/').Split('/'))
            {
                target = target.GetProperty(segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
            }
            element = target;
        }
        return element;
    }
}
