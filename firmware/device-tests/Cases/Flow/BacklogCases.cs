using System.Collections;
using nanoFramework.TestFramework;
using Uitpas.Edge.Core.Display;
using Uitpas.Edge.Core.Flow;
using Uitpas.Edge.Core.Journal;
using Uitpas.Edge.DeviceTests.Support;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.DeviceTests.Cases.Flow
{
    /// <summary>The tap flow over a journal whose backlog is larger than what it holds in RAM.</summary>
    [TestClass]
    public class BacklogCases
    {
        private const string Device = "vt-001";
        private const int Backlog = 150;

        private static TapFlow BootWithBacklog(FlowRig rig)
        {
            TapJournal earlier = new TapJournal(rig.Flash);
            earlier.Open();
            for (uint sequence = 1; sequence <= Backlog; sequence++)
            {
                earlier.AppendTap(1, sequence, 1790000000000 + sequence,
                    new byte[] { 0x04, 0x01, 0x02, 0x03, 0x04, (byte)(sequence >> 8), (byte)sequence });
            }
            return rig.Boot();
        }

        [TestMethod]
        public void Live_tap_behind_a_backlog_larger_than_ram_gets_its_answer_shown()
        {
            TransportDouble mqtt = new TransportDouble();
            FlowRig rig = new FlowRig(Device, mqtt);
            TapFlow flow = BootWithBacklog(rig);
            Assert.AreEqual(Backlog, flow.PendingTaps, "the backlog is pending");

            rig.Hold(flow, Wire.Card, 50);
            TapEvent live = null;
            for (int i = 0; i < mqtt.Count; i++)
            {
                TapEvent tap = Wire.DecodeTap(mqtt.At(i).Payload);
                if ((tap.Flags & TapFlags.Replay) == 0)
                {
                    Assert.IsNull(live, "one live tap");
                    live = tap;
                }
            }
            Assert.IsNotNull(live, "the live tap was published");
            Assert.AreEqual(2u, live.BootEpoch, "in this boot's epoch");
            mqtt.Deliver(Topics.Result(Device), Wire.Result(live, TapOutcome.CheckedIn, 1, 12));
            rig.Run(flow, 20);

            Assert.AreEqual((int)FlowState.ShowingOutcome, (int)flow.State, "outcome shown");
            Assert.AreEqual((int)Signal.Success, (int)rig.Ui.Last.Signal, "success");
            Assert.AreEqual(Backlog, flow.PendingTaps, "the backlog still pending");
        }

        [TestMethod]
        public void Backlog_larger_than_ram_is_replayed_in_order_and_drains()
        {
            TransportDouble mqtt = new TransportDouble();
            FlowRig rig = new FlowRig(Device, mqtt);
            TapFlow flow = BootWithBacklog(rig);
            Hashtable answered = new Hashtable();
            ArrayList firstSends = new ArrayList();
            int seen = 0;
            for (int round = 0; round < 100 && flow.PendingTaps > 0; round++)
            {
                rig.Run(flow, 100);
                for (; seen < mqtt.Count; seen++)
                {
                    TapEvent tap = Wire.DecodeTap(mqtt.At(seen).Payload);
                    if (!answered.Contains(tap.Sequence))
                    {
                        answered.Add(tap.Sequence, true);
                        firstSends.Add(tap.Sequence);
                        mqtt.Deliver(Topics.Result(Device), Wire.Result(tap, TapOutcome.CheckedIn, 1, 12));
                    }
                }
            }
            rig.Run(flow, 20);

            Assert.AreEqual(0, flow.PendingTaps, "drained");
            Assert.AreEqual(Backlog, firstSends.Count, "every tap sent");
            for (int i = 0; i < firstSends.Count; i++)
            {
                Assert.AreEqual((uint)(i + 1), (uint)firstSends[i], "first sent in order at " + i);
            }
        }
    }
}
