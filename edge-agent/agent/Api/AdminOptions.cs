using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.Extensions.Options;
using Uitpas.Edge.Agent.Hosting;

namespace Uitpas.Edge.Agent.Api;

/// <summary>The admin API and dashboard listener. Bound from "Agent:Admin".</summary>
public sealed class AdminOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Agent:Admin";

    /// <summary>Whether the listener runs (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>IP address to listen on: 127.0.0.1 (default, this machine only), 0.0.0.0, ::1 or ::.</summary>
    [Required]
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>TCP port (default 8090); 0 picks a free one (see <see cref="AdminServer.EndPoint"/>).</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 8090;

    /// <summary>The bearer token file of the CLI; empty (default) = {DataDirectory}/admin.token, created at first start.</summary>
    public string TokenFile { get; set; } = "";

    /// <summary>The dashboard's users (<c>name:$7$…</c> lines); empty (default) = {DataDirectory}/dashboard.users, created at first start.</summary>
    public string UsersFile { get; set; } = "";

    /// <summary>How long a dashboard session lasts without a request.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>The token file's path.</summary>
    public string TokenPath(AgentOptions agent) => Path.GetFullPath(TokenFile.Length > 0 ? TokenFile : Path.Combine(agent.DataDirectory, "admin.token"));

    /// <summary>The users file's path.</summary>
    public string UsersPath(AgentOptions agent) => Path.GetFullPath(UsersFile.Length > 0 ? UsersFile : Path.Combine(agent.DataDirectory, "dashboard.users"));
}

/// <summary>Checks "Agent:Admin" at start.</summary>
internal sealed class AdminOptionsValidator : IValidateOptions<AdminOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(r => "Agent:Admin: " + r.ErrorMessage));
        }
        if (!IPAddress.TryParse(options.BindAddress, out _))
        {
            failures.Add($"Agent:Admin:BindAddress '{options.BindAddress}' is not an IP address (e.g. 127.0.0.1).");
        }
        if (options.TokenFile.Length > 0 && options.TokenFile.Trim().Length == 0)
        {
            failures.Add("Agent:Admin:TokenFile is blank: leave it empty for {DataDirectory}/admin.token or name a file.");
        }
        if (options.UsersFile.Length > 0 && options.UsersFile.Trim().Length == 0)
        {
            failures.Add("Agent:Admin:UsersFile is blank: leave it empty for {DataDirectory}/dashboard.users or name a file.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
