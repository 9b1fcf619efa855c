using System.Threading;
using Uitpas.Edge.Core.Diagnostics;
using Uitpas.Edge.Core.Flow;
using Uitpas.Edge.Core.Network;
using Uitpas.Edge.Core.Watchdog;
using Uitpas.Edge.Firmware.Adapters;

namespace Uitpas.Edge.Firmware.Startup
{
    /// <summary>
    /// Step 9, for ever: one turn steps the core (tap flow, snapshots, configuration, presence),
    /// the screen and the signals, looks at the clock and the heap, feeds the watchdog, and
    /// sleeps <see cref="Program.PollIntervalMs"/>: the only sleep of the main thread; the core
    /// itself never sleeps. Below the heap floor it reboots in an orderly way between taps.
    /// </summary>
    public sealed class MainLoop
    {
        private readonly TerminalCore _core;
        private readonly DeviceUi _ui;
        private readonly M2MqttTransport _mqtt;
        private readonly HeapWatch _heap;
        private readonly ClockGuard _clock;
        private readonly TickClock _ticks;
        private readonly LoopWatchdog _lanes;
        private readonly int _lane;
        private readonly Esp32Watchdog _watchdog;

        public MainLoop(TerminalCore core, DeviceUi ui, M2MqttTransport mqtt, HeapWatch heap, ClockGuard clock, TickClock ticks,
            LoopWatchdog lanes, int lane, Esp32Watchdog watchdog)
        {
            _core = core;
            _ui = ui;
            _mqtt = mqtt;
            _heap = heap;
            _clock = clock;
            _ticks = ticks;
            _lanes = lanes;
            _lane = lane;
            _watchdog = watchdog;
        }

        public void Run()
        {
            TapFlow flow = _core.Flow;
            try
            {
                while (true)
                {
                    long now = _ticks.NowMs;
                    flow.Step(now);
                    _ui.Step(now);
                    _clock.Observe(now, _ticks.RawUnixMs);
                    if (_heap.Step(now, _mqtt.IsConnected, flow.State, flow.PendingTaps, _core.AllowlistVersion) == MemoryPhase.Connected)
                    {
                        System.Console.WriteLine(NativeHeapProbe.NativeLine()); // the TLS session lives there
                    }
                    if (_heap.BelowFloor && flow.State == FlowState.Ready)
                    {
                        RebootOrderly(now, "memory: free " + _heap.FreeBytes + " B below the floor");
                    }
                    _lanes.Feed(_lane, now);
                    Thread.Sleep(Program.PollIntervalMs);
                }
            }
            catch (System.Exception e)
            {
                _watchdog.Reboot("crash: " + e.Message);
            }
        }

        /// <summary>Between taps: the goodbye status (the agent sees a clean stop, not the will), a clean disconnect, reboot.bin, the reboot.</summary>
        private void RebootOrderly(long nowMs, string reason)
        {
            if (_core.Flow.Presence != null)
            {
                _core.Flow.Presence.GoOffline(nowMs);
            }
            _mqtt.Stop();
            _watchdog.Reboot(reason);
        }
    }
}
