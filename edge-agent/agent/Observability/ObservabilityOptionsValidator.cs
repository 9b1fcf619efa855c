using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.Extensions.Options;

namespace Uitpas.Edge.Agent.Observability;

/// <summary>Checks the operations listener's settings at start.</summary>
public sealed class OperationsOptionsValidator : IValidateOptions<OperationsOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, OperationsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(result => $"{OperationsOptions.SectionName}: {result.ErrorMessage}"));
        }
        if (!IPAddress.TryParse(options.BindAddress, out _))
        {
            failures.Add("Agent:Operations:BindAddress must be an IP address (127.0.0.1, 0.0.0.0, ::1 or ::).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>Checks the telemetry export settings at start.</summary>
public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.OtlpEndpoint.Length > 0
            && (!Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https")))
        {
            return ValidateOptionsResult.Fail("Agent:Telemetry:OtlpEndpoint must be an absolute http(s) URL, e.g. http://collector:4317, or empty.");
        }
        if (options.TraceSampleRatio is < 0 or > 1 || double.IsNaN(options.TraceSampleRatio))
        {
            return ValidateOptionsResult.Fail("Agent:Telemetry:TraceSampleRatio must be between 0 and 1.");
        }
        if (options.MetricExportInterval < TimeSpan.FromMilliseconds(100) || options.MetricExportInterval > TimeSpan.FromHours(1))
        {
            return ValidateOptionsResult.Fail("Agent:Telemetry:MetricExportInterval must be between 00:00:00.100 and 01:00:00.");
        }
        return ValidateOptionsResult.Success;
    }
}
