using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.Extensions.Options;

namespace Uitpas.Edge.Agent.Broker;

/// <summary>Checks the broker settings at start, including the nested ones DataAnnotations does not reach.</summary>
public sealed class BrokerOptionsValidator : IValidateOptions<BrokerOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, BrokerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Annotate(options.Embedded, "Agent:Broker:Embedded", failures);
        Annotate(options.External, "Agent:Broker:External", failures);
        if (!IPAddress.TryParse(options.Embedded.BindAddress, out _))
        {
            failures.Add("Agent:Broker:Embedded:BindAddress must be an IP address (127.0.0.1, 0.0.0.0, ::1 or ::).");
        }
        if (options.Mode == BrokerMode.External && string.IsNullOrWhiteSpace(options.External.Host))
        {
            failures.Add("Agent:Broker:External:Host is required when Agent:Broker:Mode is External.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Annotate(object options, string section, List<string> failures)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(result => $"{section}: {result.ErrorMessage}"));
        }
    }
}
