using System.Globalization;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Region.Tests.Infrastructure;

/// <summary>The agent's configuration for a region test, as "Agent:…" keys for <see cref="AgentProcess"/>.</summary>
public static class RegionAgentSettings
{
    /// <summary>
    /// Central (the simulator's address and client credentials, a 2 s request timeout), every
    /// device with the default kiosk's token and an assignment to the kiosk's event covering
    /// yesterday to tomorrow (so late taps and live taps meet the same one-per-day limit), all
    /// organizers for reconciliation, short relay backoffs (100 ms to 1 s) and circuit breaker
    /// (open 0.5 s, at most 2 s) so a drain is quick. Logs: warnings, plus the lines readiness needs (host lifetime, broker connection).
    /// </summary>
    public static Dictionary<string, string?> For(CentralSimulator central, IReadOnlyList<string> deviceIds)
    {
        var seed = central.Seed;
        var eventId = seed.DefaultKiosk.CurrentEventId!;
        var now = DateTimeOffset.UtcNow;
        var settings = new Dictionary<string, string?>(central.ClientSettings())
        {
            ["Central:RequestTimeout"] = "00:00:02",
            ["Agent:Relay:InitialBackoff"] = "00:00:00.100",
            ["Agent:Relay:MaxBackoff"] = "00:00:01",
            ["Agent:Relay:MaxConcurrentCalls"] = "8",
            ["Agent:Relay:CircuitBreaker:OpenFor"] = "00:00:00.500",
            ["Agent:Relay:CircuitBreaker:MaxOpenFor"] = "00:00:02",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
            ["Logging:LogLevel:Uitpas.Edge.Agent.Broker"] = "Information",
        };
        for (var i = 0; i < seed.Organizers.Count; i++)
        {
            settings[$"Agent:Relay:OrganizerIds:{i}"] = seed.Organizers[i].Id;
        }
        for (var i = 0; i < deviceIds.Count; i++)
        {
            settings[$"Agent:Devices:{i}:Id"] = deviceIds[i];
            settings[$"Agent:Devices:{i}:KioskToken"] = seed.DefaultKiosk.Token;
            settings[$"Agent:Devices:{i}:Events:0:EventId"] = eventId;
            settings[$"Agent:Devices:{i}:Events:0:From"] = now.AddDays(-1).ToString("O", CultureInfo.InvariantCulture);
            settings[$"Agent:Devices:{i}:Events:0:Until"] = now.AddDays(1).ToString("O", CultureInfo.InvariantCulture);
        }
        return settings;
    }

    /// <summary>Adds the settings of Agent:Broker:Mode=External against <paramref name="broker"/>.</summary>
    public static Dictionary<string, string?> WithExternalBroker(this Dictionary<string, string?> settings, MosquittoBroker broker, string clientId)
    {
        settings["Agent:Broker:Mode"] = "External";
        settings["Agent:Broker:External:Host"] = broker.Host;
        settings["Agent:Broker:External:Port"] = broker.Port.ToString(CultureInfo.InvariantCulture);
        settings["Agent:Broker:External:ClientId"] = clientId;
        settings["Agent:Broker:External:ReconnectDelay"] = "00:00:00.200";
        return settings;
    }

    /// <summary>A fresh temp folder for an agent's data.</summary>
    public static string NewDataDirectory(string name) =>
        Path.Combine(Path.GetTempPath(), "uitpas-region-" + name + "-" + Guid.NewGuid().ToString("N")[..12]);
}
