using Uitpas.Edge.Core.Flow;
using Uitpas.Edge.Core.Messaging;

namespace Uitpas.Edge.DeviceTests.Support
{
    /// <summary>
    /// One terminal's edges for the tap flow (RF field, screen, journal flash, blobs, calendar,
    /// snapshot rules, MQTT link) and a clock the case owns. A boot is a new flow over the same
    /// flash, as after a restart. Each case builds its own rig: no state is shared between cases.
    /// </summary>
    public sealed class FlowRig
    {
        public FlowRig(string device, IMqttTransport mqtt)
        {
            Device = device;
            Mqtt = mqtt;
            Settings = new TerminalSettings(device);
            Field = new CardFieldDouble();
            Ui = new RecordingUi();
            Flash = new MemoryAppendStore();
            Blobs = new MemoryBlobStore();
            Wall = new WallClockDouble();
            Rules = new RulesDouble();
        }

        public string Device { get; }

        public IMqttTransport Mqtt { get; }

        /// <summary>The provisioned settings the next <see cref="Boot"/> uses (and a remote config changes in place).</summary>
        public TerminalSettings Settings { get; set; }

        public CardFieldDouble Field { get; }

        public RecordingUi Ui { get; }

        public MemoryAppendStore Flash { get; }

        public MemoryBlobStore Blobs { get; }

        public WallClockDouble Wall { get; }

        public RulesDouble Rules { get; }

        /// <summary>The monotonic clock (ms) the flow is stepped with.</summary>
        public long Now { get; set; }

        public TapFlow Boot()
        {
            return TerminalBoot.Start(Settings, Field, Ui, Mqtt, Flash, Blobs, Wall, Rules, Now);
        }

        /// <summary>Steps the flow every 10 ms for <paramref name="forMs"/>.</summary>
        public void Run(TapFlow flow, long forMs)
        {
            long until = Now + forMs;
            while (Now < until)
            {
                Now += 10;
                flow.Step(Now);
            }
        }

        /// <summary>Holds <paramref name="card"/> in the field for <paramref name="holdMs"/>, then takes it away.</summary>
        public void Hold(TapFlow flow, byte[] card, long holdMs)
        {
            Field.Card = card;
            Run(flow, holdMs);
            Field.Card = null;
        }

        /// <summary>A tap: the card 50 ms in the field, then 50 ms without it.</summary>
        public void TapAndLift(TapFlow flow, byte[] card)
        {
            Hold(flow, card, 50);
            Run(flow, 50);
        }
    }
}
