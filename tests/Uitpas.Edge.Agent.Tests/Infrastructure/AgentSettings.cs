using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Agent.Tests.Infrastructure;

/// <summary>The configuration pieces the agent rigs share.</summary>
internal static class AgentSettings
{
    /// <summary>
    /// An agent calling <paramref name="central"/>, with its database (agent.db) in <paramref name="dataDirectory"/>,
    /// its embedded broker on a free loopback port, short relay backoffs and a 1 s request time-out.
    /// </summary>
    public static Dictionary<string, string?> Loopback(CentralSimulator central, string dataDirectory) =>
        new(central.ClientSettings())
        {
            ["Agent:DataDirectory"] = dataDirectory,
            ["Agent:DatabaseFile"] = "agent.db",
            ["Agent:Broker:Mode"] = "Embedded",
            ["Agent:Broker:Embedded:BindAddress"] = "127.0.0.1",
            ["Agent:Broker:Embedded:Port"] = "0",
            ["Agent:Relay:InitialBackoff"] = "00:00:00.020",
            ["Agent:Relay:MaxBackoff"] = "00:00:00.200",
            ["Central:RequestTimeout"] = "00:00:01",
        };

    /// <summary>Sets Agent:Relay:OrganizerIds to the simulator's organizers (without them window refusals cannot be told from limits).</summary>
    public static void AddOrganizers(IDictionary<string, string?> settings, CentralSimulator central)
    {
        for (var i = 0; i < central.Seed.Organizers.Count; i++)
        {
            settings[$"Agent:Relay:OrganizerIds:{i}"] = central.Seed.Organizers[i].Id;
        }
    }
}
