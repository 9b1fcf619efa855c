namespace Uitpas.Edge.Central;

/// <summary>
/// Where and how to reach the UiTPAS API. Bound from the configuration section "Central" and
/// validated at start (<see cref="CentralOptionsValidator"/>).
/// </summary>
public sealed class CentralOptions
{
    /// <summary>The configuration section these options are bound from by convention.</summary>
    public const string SectionName = "Central";

    /// <summary>Base address of the API, e.g. https://api-test.uitpas.be/. Required.</summary>
    public Uri BaseAddress { get; set; } = null!;

    /// <summary>OAuth2 token endpoint of the UiTiD realm (…/realms/uitid/protocol/openid-connect/token). Required.</summary>
    public Uri TokenEndpoint { get; set; } = null!;

    /// <summary>Client id for the client credentials flow. Required.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>Client secret for the client credentials flow. Required; never logged.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>Upper bound for one client operation (token fetch, call and the one 401 retry together).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
