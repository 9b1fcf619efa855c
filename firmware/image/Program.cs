using System.Device.Gpio;
using System.Threading;
using Uitpas.Edge.Core.Flow;
using Uitpas.Edge.Core.Offline;
using Uitpas.Edge.Core.Provisioning;
using Uitpas.Edge.Core.Reading.Mfrc522;
using Uitpas.Edge.Firmware.Adapters;

namespace Uitpas.Edge.Firmware
{
    /// <summary>
    /// The terminal's program on the ESP32: read who it is, join the network, wire the
    /// portable core to the hardware, and step it every <see cref="PollIntervalMs"/>.
    /// </summary>
    public static class Program
    {
        public const int PollIntervalMs = 15;

        public static void Main()
        {
            DeviceConfig config = Startup.LoadConfig();
            if (config == null)
            {
                Thread.Sleep(Timeout.Infinite);
            }
            Startup.ConnectWifi(config);

            M2MqttTransport mqtt = new M2MqttTransport(config);
            mqtt.Start();

            GpioController gpio = new GpioController();
            Mfrc522CardReader reader = Mfrc522Wiring.CreateReader(gpio, new Mfrc522Settings());
            DeviceUi ui = new DeviceUi(new SignalOutputs(gpio, 25, 26, 33, 32));
            TickClock clock = new TickClock();

            TerminalSettings settings = new TerminalSettings(config.DeviceId);
            settings.Language = config.Language;
            TapFlow flow = TerminalBoot.Start(settings, reader, ui, mqtt,
                new FlashAppendStore(Startup.JournalPath), new FlashBlobStore(Startup.BlobDirectory), clock,
                new NoOfflineRules(), clock.NowMs);

            while (true)
            {
                flow.Step(clock.NowMs);
                Thread.Sleep(PollIntervalMs);
            }
        }
    }
}
