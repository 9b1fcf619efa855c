using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Uitpas.Edge.Agent.Observability;

/// <summary>
/// The /health body: <c>{"status":"Degraded","durationMs":1.2,"checks":{"central":{"status":"Degraded",
/// "description":"…","durationMs":0.1,"data":{…}},…}}</c>. Descriptions and data name components,
/// states and times only.
/// </summary>
internal static class HealthReportWriter
{
    public static byte[] Write(HealthReport report)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("status", report.Status.ToString());
            json.WriteNumber("durationMs", Math.Round(report.TotalDuration.TotalMilliseconds, 2));
            json.WriteStartObject("checks");
            foreach (var (name, entry) in report.Entries)
            {
                json.WriteStartObject(name);
                json.WriteString("status", entry.Status.ToString());
                if (entry.Description is not null)
                {
                    json.WriteString("description", entry.Description);
                }
                json.WriteNumber("durationMs", Math.Round(entry.Duration.TotalMilliseconds, 2));
                if (entry.Data.Count > 0)
                {
                    json.WriteStartObject("data");
                    foreach (var (key, value) in entry.Data)
                    {
                        WriteValue(json, key, value);
                    }
                    json.WriteEndObject();
                }
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteValue(Utf8JsonWriter json, string key, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNull(key);
                break;
            case bool flag:
                json.WriteBoolean(key, flag);
                break;
            case int or long or double or float or decimal:
                json.WriteNumber(key, Convert.ToDouble(value, CultureInfo.InvariantCulture));
                break;
            default:
                json.WriteString(key, Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
