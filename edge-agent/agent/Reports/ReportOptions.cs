using Microsoft.Extensions.Options;
using Uitpas.Edge.Agent.Hosting;

namespace Uitpas.Edge.Agent.Reports;

/// <summary>The facts layer behind the reports: pseudonym key, retention of raw tap data, default cost-sharing key. Bound from "Agent:Reports".</summary>
public sealed class ReportOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Agent:Reports";

    /// <summary>
    /// The file holding the 32-byte key of the passholder pseudonyms (64 hex digits), made at first start (mode
    /// 0600); relative paths are taken from Agent:DataDirectory; empty = {DataDirectory}/pseudonym.key. Instances
    /// sharing one PostgreSQL database must share one file: the agent refuses to start with another key.
    /// </summary>
    public string PseudonymKeyFile { get; set; } = "";

    /// <summary>How long raw tap data (chip UID, central's message, relay attempts) and sales' UiTPAS numbers are kept once final; 7 to 3650 days.</summary>
    public TimeSpan RawRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>The cost-sharing key participant/organizer/municipality for card systems and events without their own.</summary>
    public string DefaultCostSharing { get; set; } = "20/40/40";

    /// <summary>How often final taps without facts are looked for (10 ms to 10 minutes).</summary>
    public TimeSpan FactsInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often sales whose answer was lost are reconciled with central (10 ms to 10 minutes).</summary>
    public TimeSpan SaleReconcileInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The default key (valid once the options passed validation).</summary>
    public CostSharingKey DefaultKey => CostSharingKey.TryParse(DefaultCostSharing, out var key, out _) ? key : CostSharingKey.Default;

    /// <summary>The key file's full path.</summary>
    public string KeyPath(AgentOptions agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var file = string.IsNullOrWhiteSpace(PseudonymKeyFile) ? "pseudonym.key" : PseudonymKeyFile;
        return Path.GetFullPath(Path.Combine(agent.DataDirectory, file));
    }
}

/// <summary>Checks <see cref="ReportOptions"/> at start; the sentences name the setting.</summary>
internal sealed class ReportOptionsValidator : IValidateOptions<ReportOptions>
{
    public ValidateOptionsResult Validate(string? name, ReportOptions options)
    {
        var failures = new List<string>();
        if (options.RawRetention < TimeSpan.FromDays(7) || options.RawRetention > TimeSpan.FromDays(3650))
        {
            failures.Add("Agent:Reports:RawRetention must be from 7 to 3650 days.");
        }
        if (!CostSharingKey.TryParse(options.DefaultCostSharing, out _, out var error))
        {
            failures.Add("Agent:Reports:DefaultCostSharing: " + error);
        }
        if (options.FactsInterval < TimeSpan.FromMilliseconds(10) || options.FactsInterval > TimeSpan.FromMinutes(10))
        {
            failures.Add("Agent:Reports:FactsInterval must be from 10 ms to 10 minutes.");
        }
        if (options.SaleReconcileInterval < TimeSpan.FromMilliseconds(10) || options.SaleReconcileInterval > TimeSpan.FromMinutes(10))
        {
            failures.Add("Agent:Reports:SaleReconcileInterval must be from 10 ms to 10 minutes.");
        }
        if (options.PseudonymKeyFile.Any(char.IsControl))
        {
            failures.Add("Agent:Reports:PseudonymKeyFile may not hold control characters.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
