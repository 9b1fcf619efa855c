using Uitpas.Edge.Core.Configuration;
using Uitpas.Edge.Core.Flow;
using Uitpas.Edge.Core.Presence;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Protocol.Config;
using static Uitpas.Edge.Core.Tests.Configuration.ConfigDocs;

namespace Uitpas.Edge.Core.Tests.Configuration;

/// <summary>The pushed configuration as the tap flow sees it: delivered on the config topic, in effect from the next step.</summary>
public sealed class RemoteConfigFlowTests
{
    private const string Device = "vt-007";
    private static readonly byte[] Card = [0x04, 0x4D, 0x71, 0xDA, 0x86, 0x26, 0x80];

    private readonly ConfigTransport _mqtt = new();
    private readonly FieldDouble _field = new();
    private readonly UiDouble _ui = new();
    private readonly MemoryBlobStore _flash = new();
    private readonly TerminalSettings _settings = new(Device);
    private long _now = 1_000;

    private TapFlow Boot()
    {
        var config = new RemoteConfig(_settings, new PresenceSettings("1.0.0", 0), Key, HmacNet.Instance, _flash, _mqtt,
            new WallClockDouble(), null);
        TapFlow flow = TerminalBoot.Start(_settings, _field, _ui, _mqtt, new MemoryAppendStore(), _flash, new WallClockDouble(),
            new RulesDouble(), _now);
        flow.Configuration = config;
        return flow;
    }

    private void Run(TapFlow flow, long forMs)
    {
        for (long until = _now + forMs; _now < until;)
        {
            _now += 10;
            flow.Step(_now);
        }
    }

    private void TapAndLift(TapFlow flow)
    {
        _field.Card = Card;
        Run(flow, 50);
        _field.Card = null;
        Run(flow, 50);
    }

    [Fact]
    public void A_pushed_language_changes_the_waiting_screen_at_once()
    {
        TapFlow flow = Boot();
        Assert.Equal("Tik je UiTPAS", _ui.Last.Title);

        _mqtt.Deliver(Topics.Config(Device), Signed(Device, 1, (ConfigSettings.Language, "fr")));
        Run(flow, 10);

        Assert.Equal("Présentez votre UiTPAS", _ui.Last.Title);
        Assert.Equal(ConfigReport.AppliedResult, Assert.Single(_mqtt.Reports(Topics.ConfigState(Device))).Result);
    }

    [Fact]
    public void A_pushed_retap_window_is_used_by_the_next_tap()
    {
        TapFlow flow = Boot();
        _mqtt.IsConnected = false; // decide alone at once: the reader keeps sampling
        TapAndLift(flow);
        TapAndLift(flow);
        Assert.Equal(1u, flow.TapsSinceBoot); // the same card within 3 s is a bounce

        _mqtt.Deliver(Topics.Config(Device), Signed(Device, 1, (ConfigSettings.RetapWindowMs, "0")));
        Run(flow, 10);
        TapAndLift(flow);

        Assert.Equal(2u, flow.TapsSinceBoot);
    }

    [Fact]
    public void A_stored_configuration_is_in_force_from_the_first_step_after_a_reboot()
    {
        TapFlow first = Boot();
        _mqtt.Deliver(Topics.Config(Device), Signed(Device, 2, (ConfigSettings.Language, "en"), (ConfigSettings.ResultShownMs, "1000")));
        Run(first, 10);

        _settings.Language = "nl"; // the provisioned values again, as device.cfg gives them
        _settings.ResultShownMs = 4000;
        TapFlow second = Boot();

        Assert.Equal("Tap your UiTPAS", _ui.Last.Title);
        Assert.Equal(1000, _settings.ResultShownMs);
        Assert.Equal(2u, second.Configuration.AppliedVersion);
    }
}
