using nanoFramework.TestFramework;
using Uitpas.Edge.Core.Diagnostics;
using Uitpas.Edge.Core.Flow;
using Uitpas.Edge.DeviceTests.Support;

namespace Uitpas.Edge.DeviceTests.Cases.Diagnostics
{
    /// <summary>The free heap is measured at each phase, printed, and a heap below the floor asks for a reboot.</summary>
    [TestClass]
    public class HeapWatchCases
    {
        [TestMethod]
        public void A_measurement_prints_the_phase_the_free_heap_and_the_lowest_so_far()
        {
            DiagnosticsFakeHeapProbe probe = new DiagnosticsFakeHeapProbe(80000);
            DiagnosticsRecordingLog log = new DiagnosticsRecordingLog();
            HeapWatch heap = new HeapWatch(probe, log);

            heap.Record(MemoryPhase.Boot, 0);
            probe.Free = 60000;
            heap.Record(MemoryPhase.Connected, 1000);
            probe.Free = 70000;
            heap.Record(MemoryPhase.Idle, 2000);

            Assert.AreEqual("[memory] boot free=80000 min=80000", log.At(0), "boot");
            Assert.AreEqual("[memory] connected free=60000 min=60000", log.At(1), "connected");
            Assert.AreEqual("[memory] idle free=70000 min=60000", log.At(2), "idle keeps the lowest");
            Assert.AreEqual(60000, heap.MinFreeBytes, "lowest");
            Assert.AreEqual(70000, heap.MinOf(MemoryPhase.Idle), "per phase");
            Assert.AreEqual(-1, heap.MinOf(MemoryPhase.Replay), "never measured");
        }

        [TestMethod]
        public void Below_its_budget_a_phase_says_so_and_below_the_floor_the_loop_is_told_to_reboot()
        {
            DiagnosticsFakeHeapProbe probe = new DiagnosticsFakeHeapProbe(MemoryBudget.MinFreeBytes(MemoryPhase.Idle) - 1);
            DiagnosticsRecordingLog log = new DiagnosticsRecordingLog();
            HeapWatch heap = new HeapWatch(probe, log);

            heap.Record(MemoryPhase.Idle, 0);
            Assert.Contains("below the budget of " + MemoryBudget.MinFreeBytes(MemoryPhase.Idle), log.Last, "budget");
            Assert.IsFalse(heap.BelowFloor, "above the floor");

            probe.Free = MemoryBudget.FloorBytes - 1;
            heap.Record(MemoryPhase.Lookup, 10);
            Assert.Contains("below the floor", log.Last, "floor");
            Assert.IsTrue(heap.BelowFloor, "the loop reboots between taps");
        }

        [TestMethod]
        public void Step_measures_after_a_connect_an_outcome_a_replay_and_a_new_allowlist()
        {
            DiagnosticsFakeHeapProbe probe = new DiagnosticsFakeHeapProbe(60000);
            HeapWatch heap = new HeapWatch(probe, new DiagnosticsRecordingLog());

            Assert.AreEqual(MemoryPhase.Idle, heap.Step(0, false, FlowState.Ready, 3, 0), "idle at the start");
            Assert.AreEqual(-1, heap.Step(15, false, FlowState.Ready, 3, 0), "nothing new");
            Assert.AreEqual(MemoryPhase.Connected, heap.Step(30, true, FlowState.Ready, 3, 0), "connected");
            Assert.AreEqual(MemoryPhase.Replay, heap.Step(45, true, FlowState.Ready, 2, 0), "the journal shrinks while connected");
            Assert.AreEqual(-1, heap.Step(60, true, FlowState.Ready, 1, 0), "not again within 10 s");
            Assert.AreEqual(MemoryPhase.Replay, heap.Step(10060, true, FlowState.Ready, 0, 0), "again after 10 s");
            Assert.AreEqual(MemoryPhase.Lookup, heap.Step(10075, true, FlowState.ShowingOutcome, 1, 0), "an outcome on screen");
            Assert.AreEqual(-1, heap.Step(10090, true, FlowState.ShowingOutcome, 1, 0), "once per outcome");
            Assert.AreEqual(MemoryPhase.SnapshotApply, heap.Step(10105, true, FlowState.Ready, 1, 7), "a new allowlist");
            Assert.AreEqual(6, probe.Measured, "one measurement per phase");
        }

        [TestMethod]
        public void Nothing_is_measured_while_a_tap_waits_for_its_answer()
        {
            DiagnosticsFakeHeapProbe probe = new DiagnosticsFakeHeapProbe(60000);
            HeapWatch heap = new HeapWatch(probe, new DiagnosticsRecordingLog());
            heap.Step(0, false, FlowState.Ready, 0, 0);
            int before = probe.Measured;

            Assert.AreEqual(-1, heap.Step(15, true, FlowState.AwaitingResult, 1, 3), "connect and new allowlist during a tap");
            Assert.AreEqual(-1, heap.Step(HeapWatch.IdleIntervalMs + 15, true, FlowState.AwaitingResult, 1, 3), "nor idle time");
            Assert.AreEqual(before, probe.Measured, "no garbage collection in a tap's way");
        }

        [TestMethod]
        public void Idle_is_measured_every_five_minutes_not_every_turn()
        {
            DiagnosticsFakeHeapProbe probe = new DiagnosticsFakeHeapProbe(60000);
            HeapWatch heap = new HeapWatch(probe, new DiagnosticsRecordingLog());
            int idle = 0;
            for (long t = 0; t < 3 * HeapWatch.IdleIntervalMs; t += 15)
            {
                if (heap.Step(t, true, FlowState.Ready, 0, 0) == MemoryPhase.Idle)
                {
                    idle++;
                }
            }
            Assert.AreEqual(3, idle, "at 0, 5 and 10 minutes");
        }

        [TestMethod]
        public void Every_phase_budget_fits_the_heap_and_stays_above_the_floor()
        {
            for (int phase = 0; phase < MemoryPhase.Count; phase++)
            {
                int budget = MemoryBudget.MinFreeBytes(phase);
                Assert.IsTrue(budget < MemoryBudget.ManagedHeapBytes, MemoryPhase.NameOf(phase) + " leaves room to work");
                Assert.IsTrue(budget - MemoryBudget.SnapshotWorkingSetBytes >= MemoryBudget.FloorBytes,
                    MemoryPhase.NameOf(phase) + ": a snapshot step on top stays above the floor");
            }
            Assert.IsTrue(MemoryBudget.MinFreeBytes(MemoryPhase.Boot) > MemoryBudget.MinFreeBytes(MemoryPhase.Connected), "the connect costs heap");
        }
    }
}
