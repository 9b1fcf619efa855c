using Uitpas.Edge.Agent.Configuration;
using Uitpas.Edge.Agent.Devices;
using Uitpas.Edge.Agent.Fleet;
using Uitpas.Edge.Agent.Presence;
using Uitpas.Edge.Protocol.Presence;

namespace Uitpas.Edge.Agent.Tests.Fleet;

/// <summary>The alert rules on plain values: severity depends on a running event; retired terminals never alert.</summary>
public sealed class FleetAlertsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 20, 0, 0, TimeSpan.Zero);

    private static readonly Device Assigned = new Device("vt-1", "token", "nl")
    {
        Events = [new EventAssignment("ev-1", Now.AddHours(-1), Now.AddHours(1)) { Title = "Toneel" }],
    };

    private static TerminalPresence Presence(string state, string reader) =>
        new("vt-1", state, 1, 1000, Now, null, 0, reader, 4, 1, 0, 0, 0, "2.1.0", 0, state == TerminalStatus.Online ? Now.AddMinutes(-5) : null, Now.AddMinutes(-2),
            state == TerminalStatus.Online ? null : Now.AddMinutes(-2));

    [Fact]
    public void A_failed_reader_is_critical_during_an_event_and_a_warning_outside_one()
    {
        var during = FleetAlerts.For(Assigned, Presence(TerminalStatus.Online, TerminalStatus.ReaderFailed), null, Now);
        var after = FleetAlerts.For(Assigned, Presence(TerminalStatus.Online, TerminalStatus.ReaderDegraded), null, Now.AddHours(2));

        var critical = Assert.Single(during);
        Assert.Equal((FleetAlerts.ReaderFault, FleetAlerts.Critical), (critical.Code, critical.Severity));
        Assert.Equal("De kaartlezer van terminal vt-1 werkt niet.", critical.Message);
        var warning = Assert.Single(after);
        Assert.Equal((FleetAlerts.ReaderFault, FleetAlerts.Warning), (warning.Code, warning.Severity));
    }

    [Fact]
    public void Offline_during_an_event_counts_from_when_it_went_offline_and_comes_first()
    {
        var alerts = FleetAlerts.For(Assigned, Presence(TerminalStatus.OfflineWill, TerminalStatus.ReaderDegraded), null, Now);

        Assert.Equal([FleetAlerts.OfflineDuringEvent, FleetAlerts.ReaderFault], alerts.Select(a => a.Code));
        Assert.Equal(Now.AddMinutes(-2), alerts[0].Since);
        Assert.Contains("'Toneel'", alerts[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_config_is_a_warning_with_its_reason_and_a_retired_terminal_has_no_alerts()
    {
        var refused = new DeviceConfigStatus(8, "refused", 7, new ConfigRefusalInfo(8, "signature", "HMAC mismatch", Now), new Dictionary<string, string>());

        var alert = Assert.Single(FleetAlerts.For(new Device("vt-1", "token", "nl"), null, refused, Now));
        var retired = FleetAlerts.For(Assigned with { Retired = true }, null, refused, Now);

        Assert.Equal((FleetAlerts.ConfigRefused, FleetAlerts.Warning), (alert.Code, alert.Severity));
        Assert.Equal("Terminal vt-1 weigerde configuratie versie 8: signature (HMAC mismatch).", alert.Message);
        Assert.Empty(retired);
    }
}
