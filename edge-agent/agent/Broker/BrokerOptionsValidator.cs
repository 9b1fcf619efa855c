using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.Extensions.Options;

namespace Uitpas.Edge.Agent.Broker;

/// <summary>
/// Checks the broker settings at start, including the nested ones DataAnnotations does not reach,
/// and refuses an embedded broker that would let anyone on the network in: a bind address other
/// than loopback needs a password file, or AllowAnonymous=true said on purpose.
/// </summary>
public sealed class BrokerOptionsValidator : IValidateOptions<BrokerOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, BrokerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Annotate(options.Embedded, "Agent:Broker:Embedded", failures);
        Annotate(options.Embedded.Tls, "Agent:Broker:Embedded:Tls", failures);
        Annotate(options.External, "Agent:Broker:External", failures);
        if (!IPAddress.TryParse(options.Embedded.BindAddress, out _))
        {
            failures.Add("Agent:Broker:Embedded:BindAddress must be an IP address (127.0.0.1, 0.0.0.0, ::1 or ::).");
        }
        if (options.Mode == BrokerMode.External && string.IsNullOrWhiteSpace(options.External.Host))
        {
            failures.Add("Agent:Broker:External:Host is required when Agent:Broker:Mode is External.");
        }
        if (options.Mode == BrokerMode.External)
        {
            ValidateExternalTls(options.External, failures);
        }
        if (options.Mode == BrokerMode.Embedded)
        {
            ValidateAuthentication(options, failures);
            ValidateTls(options.Embedded, failures);
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>True when every listener of the embedded broker binds a loopback address.</summary>
    public static bool IsLoopbackOnly(EmbeddedBrokerOptions embedded)
    {
        ArgumentNullException.ThrowIfNull(embedded);
        return IsLoopback(embedded.BindAddress)
            && (!embedded.Tls.Enabled || IsLoopback(embedded.Tls.EffectiveBindAddress(embedded.BindAddress)));
    }

    private static void ValidateAuthentication(BrokerOptions options, List<string> failures)
    {
        var authentication = options.Authentication;
        var hasFile = !string.IsNullOrWhiteSpace(authentication.PasswordFile);
        if (hasFile && !File.Exists(authentication.PasswordFile))
        {
            failures.Add($"Agent:Broker:Authentication:PasswordFile '{authentication.PasswordFile}' does not exist (make it with: uitpas-edge device credentials <deviceId> --passwd <file>).");
        }
        if (!hasFile && authentication.AllowAnonymous == false)
        {
            failures.Add("Agent:Broker:Authentication:AllowAnonymous is false but no PasswordFile is set: no client could connect.");
        }
        if (!hasFile && authentication.AllowAnonymous != true && !IsLoopbackOnly(options.Embedded))
        {
            failures.Add("The embedded broker listens beyond this machine (Agent:Broker:Embedded:BindAddress or Tls:BindAddress is not loopback) "
                + "without Agent:Broker:Authentication:PasswordFile: any client on the network could connect. Set a password file "
                + "(uitpas-edge device credentials), or set Agent:Broker:Authentication:AllowAnonymous=true on purpose.");
        }
    }

    private static void ValidateTls(EmbeddedBrokerOptions embedded, List<string> failures)
    {
        var tls = embedded.Tls;
        if (!tls.Enabled)
        {
            return;
        }
        if (!IPAddress.TryParse(tls.EffectiveBindAddress(embedded.BindAddress), out _))
        {
            failures.Add("Agent:Broker:Embedded:Tls:BindAddress must be an IP address, or empty for the plain listener's.");
        }
        if (string.IsNullOrWhiteSpace(tls.CertificateFile) || !File.Exists(tls.CertificateFile))
        {
            failures.Add($"Agent:Broker:Embedded:Tls:CertificateFile '{tls.CertificateFile}' does not exist (make it with: uitpas-edge ca issue-server).");
        }
        if (string.IsNullOrWhiteSpace(tls.KeyFile) || !File.Exists(tls.KeyFile))
        {
            failures.Add($"Agent:Broker:Embedded:Tls:KeyFile '{tls.KeyFile}' does not exist (make it with: uitpas-edge ca issue-server).");
        }
        if (tls.Port != 0 && tls.Port == embedded.Port && tls.EffectiveBindAddress(embedded.BindAddress) == embedded.BindAddress)
        {
            failures.Add("Agent:Broker:Embedded:Tls:Port must differ from Agent:Broker:Embedded:Port.");
        }
    }

    private static void ValidateExternalTls(ExternalBrokerOptions external, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(external.CaFile))
        {
            return;
        }
        if (!external.UseTls)
        {
            failures.Add("Agent:Broker:External:CaFile is set but Agent:Broker:External:UseTls is not true: the connection would not be encrypted.");
        }
        if (!File.Exists(external.CaFile))
        {
            failures.Add($"Agent:Broker:External:CaFile '{external.CaFile}' does not exist (the region CA's ca.crt, from: uitpas-edge ca init).");
            return;
        }
        try
        {
            foreach (var certificate in ExternalBrokerTls.LoadCa(external.CaFile))
            {
                certificate.Dispose();
            }
        }
        catch (InvalidOperationException exception)
        {
            failures.Add(exception.Message);
        }
    }

    private static bool IsLoopback(string address) => IPAddress.TryParse(address, out var ip) && IPAddress.IsLoopback(ip);

    private static void Annotate(object options, string section, List<string> failures)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(result => $"{section}: {result.ErrorMessage}"));
        }
    }
}
