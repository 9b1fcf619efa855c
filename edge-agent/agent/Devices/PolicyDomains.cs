using Uitpas.Edge.Agent.Reports;

namespace Uitpas.Edge.Agent.Devices;

/// <summary>The policy domains' names as the API, the CLI, the configuration and the store write them (cultuur, jeugd, sport, welzijn, overig).</summary>
public static class PolicyDomains
{
    /// <summary>Every domain that can be set, in this order.</summary>
    public static readonly IReadOnlyList<PolicyDomain> All = [PolicyDomain.Cultuur, PolicyDomain.Jeugd, PolicyDomain.Sport, PolicyDomain.Welzijn, PolicyDomain.Overig];

    /// <summary>"cultuur, jeugd, sport, welzijn, overig".</summary>
    public static string Names => string.Join(", ", All.Select(Name));

    /// <summary>The stored name; "" for <see cref="PolicyDomain.Unknown"/> (not set).</summary>
    public static string Name(PolicyDomain domain) => domain switch
    {
        PolicyDomain.Cultuur => "cultuur",
        PolicyDomain.Jeugd => "jeugd",
        PolicyDomain.Sport => "sport",
        PolicyDomain.Welzijn => "welzijn",
        PolicyDomain.Overig => "overig",
        _ => "",
    };

    /// <summary>The domain named <paramref name="name"/> (lowercase, as listed); an empty or null name is <see cref="PolicyDomain.Unknown"/>.</summary>
    public static PolicyDomain FromStored(string? name) => All.FirstOrDefault(d => Name(d) == name);

    /// <summary>Parses a name given by a person (trimmed, any case); the error is the sentence to show.</summary>
    public static bool TryParse(string? text, out PolicyDomain domain, out string error)
    {
        var name = (text ?? "").Trim().ToLowerInvariant();
        domain = FromStored(name);
        if (domain == PolicyDomain.Unknown)
        {
            var shown = (text ?? "").Length > 40 || (text ?? "").Any(char.IsControl) ? "(not printable)" : text;
            error = $"domain must be one of {Names}, not '{shown}'.";
            return false;
        }
        error = "";
        return true;
    }
}
