using System.Globalization;
using System.Security.Cryptography;
using Uitpas.Edge.Agent.Snapshots;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Demo;

/// <summary>
/// What lets the demo's terminals decide alone when the agent is out of reach: a snapshot
/// master secret, the card supplier's CSV (chip ↔ UiTPAS number) written from the simulator's
/// cards, the devices' card system and event assignment, and the organizers whose check-in
/// history the agent may read to reconcile lost answers.
/// </summary>
public sealed class OfflineSetup
{
    private readonly CentralSimulator _central;
    private readonly byte[] _masterSecret;
    private readonly string _supplierCsv;

    private OfflineSetup(CentralSimulator central, byte[] masterSecret, string supplierCsv, uint cardSystemId)
    {
        _central = central;
        _masterSecret = masterSecret;
        _supplierCsv = supplierCsv;
        CardSystemId = cardSystemId;
        SnapshotKey = SnapshotKeys.Derive(masterSecret, cardSystemId);
    }

    /// <summary>The card system of the demo's terminals: the one most seeded cards belong to.</summary>
    public uint CardSystemId { get; }

    /// <summary>The card system's snapshot key, as provisioning hands it to a terminal.</summary>
    public byte[] SnapshotKey { get; }

    public static OfflineSetup Create(CentralSimulator central, string dataDirectory)
    {
        var seed = central.Seed;
        var csv = Path.Combine(dataDirectory, "supplier-cards.csv");
        File.WriteAllLines(csv, seed.Cards.Select(c => $"\"{c.ChipNumber}\";\"{c.UitpasNumber}\""));
        var cardSystem = seed.Cards.GroupBy(c => c.CardSystemId).OrderByDescending(g => g.Count()).First().Key;
        return new OfflineSetup(central, RandomNumberGenerator.GetBytes(32), csv, (uint)cardSystem);
    }

    /// <summary>Adds the snapshot, relay and per-device settings to the agent's configuration.</summary>
    public void AddAgentSettings(IDictionary<string, string?> settings, IReadOnlyList<string> deviceIds)
    {
        settings["Agent:Snapshots:Enabled"] = "true";
        settings["Agent:Snapshots:MasterSecret"] = Convert.ToBase64String(_masterSecret);
        settings["Agent:Snapshots:SupplierCsv"] = _supplierCsv;
        settings["Agent:Snapshots:Http:Port"] = "0";
        for (int i = 0; i < _central.Seed.Organizers.Count; i++)
        {
            settings[$"Agent:Relay:OrganizerIds:{i}"] = _central.Seed.Organizers[i].Id;
        }
        var eventId = _central.Seed.DefaultKiosk.CurrentEventId;
        var now = DateTimeOffset.UtcNow;
        for (int i = 0; i < deviceIds.Count; i++)
        {
            settings[$"Agent:Devices:{i}:CardSystemId"] = CardSystemId.ToString(CultureInfo.InvariantCulture);
            if (eventId is not null)
            {
                settings[$"Agent:Devices:{i}:Events:0:EventId"] = eventId;
                settings[$"Agent:Devices:{i}:Events:0:From"] = now.AddHours(-1).ToString("O", CultureInfo.InvariantCulture);
                settings[$"Agent:Devices:{i}:Events:0:Until"] = now.AddHours(12).ToString("O", CultureInfo.InvariantCulture);
                settings[$"Agent:Devices:{i}:Events:0:RegularPrices:0"] = "10";
            }
        }
    }
}
