using System.Text.Json;

namespace Uitpas.Edge.Simulator;

/// <summary>Reads a request body the way the spec's body errors describe: missing, invalid syntax, invalid data.</summary>
internal static class JsonBody
{
    private const int MaxBytes = 64 * 1024;

    /// <summary>The required non-empty string properties of a JSON object body, or the problem to answer.</summary>
    public static async Task<(IReadOnlyDictionary<string, string>? Fields, SimResult? Problem)> ReadStringsAsync(
        HttpRequest request, IReadOnlyList<string> required, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes)
            {
                return (null, Problems.BodyInvalidData([new SchemaError("", $"the body may be at most {MaxBytes} bytes")]));
            }
        }
        if (buffer.Length == 0)
        {
            return (null, Problems.BodyMissing());
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.ToArray());
        }
        catch (JsonException ex)
        {
            return (null, Problems.BodyInvalidSyntax(ex.Message));
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, Problems.BodyInvalidData([new SchemaError("", "the body must be a JSON object")]));
            }
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            var errors = new List<SchemaError>();
            foreach (var name in required)
            {
                if (!document.RootElement.TryGetProperty(name, out var value))
                {
                    errors.Add(new SchemaError("/" + name, "the property is required"));
                }
                else if (value.ValueKind != JsonValueKind.String)
                {
                    errors.Add(new SchemaError("/" + name, "the value must be a string"));
                }
                else if (value.GetString() is not { Length: > 0 } text)
                {
                    errors.Add(new SchemaError("/" + name, "the value must not be empty"));
                }
                else
                {
                    fields[name] = text;
                }
            }
            return errors.Count > 0 ? (null, Problems.BodyInvalidData(errors)) : (fields, null);
        }
    }
}
