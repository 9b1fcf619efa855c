using System.Device.Gpio;
using Uitpas.Edge.Core.Diagnostics;
using Uitpas.Edge.Core.Network;
using Uitpas.Edge.Core.Provisioning;
using Uitpas.Edge.Core.Startup;
using Uitpas.Edge.Core.Watchdog;
using Uitpas.Edge.Firmware.Adapters;
using Uitpas.Edge.Firmware.Startup;

namespace Uitpas.Edge.Firmware
{
    /// <summary>
    /// The terminal's program on the ESP32, step by step (docs/firmware.md, "Start-up"): self-test,
    /// storage, who it is, the last reboot's reason, WiFi and clock (at most 60 s), the MQTT
    /// connector, the core, the watchdog, and the main loop every <see cref="PollIntervalMs"/>.
    /// </summary>
    public static class Program
    {
        public const int PollIntervalMs = 15;

        public static void Main()
        {
            long bootMs = System.Environment.TickCount64;
            ConsoleLog log = new ConsoleLog();
            HeapWatch heap = new HeapWatch(new NativeHeapProbe(), log);
            heap.Record(MemoryPhase.Boot, bootMs);
            log.Write(NativeHeapProbe.NativeLine());

            // 1. Display, LED and buzzer self-test.
            ClockGuard clock = new ClockGuard(FirmwareRelease.NotBeforeUnixMs, log);
            TickClock ticks = new TickClock(clock);
            GpioController gpio = new GpioController();
            DeviceUi ui = Hardware.OpenUi(gpio, ticks);
            SelfTest.Run(ui, ticks);

            // 2. The flash drive I: (journal, configuration, snapshots).
            if (!StorageCheck.Run(ui, ticks, log))
            {
                Hardware.Reboot();
            }

            // 3. Who the terminal is; without device.cfg it waits to be provisioned (never returns).
            DeviceConfig config = ConfigLoad.Run(log);
            if (config == null)
            {
                ProvisioningMode.Run(ui, ticks, log);
            }
            BootScreens screens = BootScreens.For(config.Language);

            // 4. Why the last run ended, when the terminal rebooted itself.
            FlashBlobStore blobs = new FlashBlobStore(BootPaths.BlobDirectory);
            RebootReport.Print(blobs, log);

            // 5. WiFi link thread; wait for network and clock, at most 60 s.
            LoopWatchdog lanes = new LoopWatchdog();
            int mainLane = lanes.AddLane("main loop", LoopWatchdog.MainLoopTimeoutMs);
            NetworkSupervisor network = new NetworkSupervisor(config.DeviceId, ticks.NowMs);
            WifiLink wifi = new WifiLink(config, network, clock, ticks, lanes, log);
            wifi.Start();
            NetworkPhase.Wait(ui, screens, network, clock, ticks, wifi.Changed);

            // 6. The MQTT (TLS) connector thread: connects once the will is set, the link is up and the clock trusted.
            M2MqttTransport mqtt = new M2MqttTransport(config, network, clock, ticks, lanes, log);
            mqtt.Start();

            // 7. The core: journal, boot epoch, snapshots, pushed configuration, presence; the tap screen.
            TerminalCore core = CorePhase.Start(config, gpio, ui, mqtt, blobs, ticks, log);

            // 8. The watchdog: a stalled lane writes reboot.bin and reboots.
            Esp32Watchdog watchdog = new Esp32Watchdog(lanes, blobs, bootMs, log);
            watchdog.Start();

            // 9. The main loop, for ever.
            new MainLoop(core, ui, mqtt, heap, clock, ticks, lanes, mainLane, watchdog).Run();
        }
    }
}
