using Uitpas.Edge.Core.Display;

namespace Uitpas.Edge.Core.Startup
{
    /// <summary>
    /// What the screen says while the terminal starts, in Dutch (default), French and English:
    /// short enough for two lines of the large font, a detail line in the small one. These are
    /// for the installer and the counter staff as much as for passholders, so they may name
    /// the IT team; like every screen, they never name the social tariff.
    /// </summary>
    public sealed class BootScreens
    {
        public static readonly BootScreens Dutch = new BootScreens("nl",
            "Opstarten…", "Niet ingesteld", "Vraag de IT-dienst", "Opslag defect",
            "Verbinden met wifi…", "Klok wordt gezet…", "Geen netwerk", "Tikken kan wel", "signaal");

        public static readonly BootScreens French = new BootScreens("fr",
            "Démarrage…", "Non configuré", "Appelez le service IT", "Stockage en panne",
            "Connexion au wifi…", "Réglage de l'heure…", "Pas de réseau", "Passage possible", "signal");

        public static readonly BootScreens English = new BootScreens("en",
            "Starting…", "Not set up", "Ask the IT team", "Storage failed",
            "Joining WiFi…", "Setting the clock…", "No network", "Tapping still works", "signal");

        private readonly string _starting;
        private readonly string _notSetUp;
        private readonly string _askIt;
        private readonly string _storageFailed;
        private readonly string _joiningWifi;
        private readonly string _settingClock;
        private readonly string _noNetwork;
        private readonly string _tappingWorks;
        private readonly string _signal;

        private BootScreens(string language, string starting, string notSetUp, string askIt, string storageFailed,
            string joiningWifi, string settingClock, string noNetwork, string tappingWorks, string signal)
        {
            Language = language;
            _starting = starting;
            _notSetUp = notSetUp;
            _askIt = askIt;
            _storageFailed = storageFailed;
            _joiningWifi = joiningWifi;
            _settingClock = settingClock;
            _noNetwork = noNetwork;
            _tappingWorks = tappingWorks;
            _signal = signal;
        }

        public string Language { get; }

        /// <summary>The screens for a language code ("nl", "fr", "en"); Dutch for anything else.</summary>
        public static BootScreens For(string language)
        {
            if (language == "fr") return French;
            if (language == "en") return English;
            return Dutch;
        }

        /// <summary>At power-on, during the LED and buzzer self-test.</summary>
        public Screen Starting()
        {
            return new Screen(_starting, string.Empty, Signal.None);
        }

        /// <summary>No usable device.cfg: the terminal waits to be provisioned.</summary>
        public Screen NotSetUp()
        {
            return new Screen(_notSetUp, _askIt, Signal.None);
        }

        /// <summary>The internal flash file system cannot be used: taps cannot be kept.</summary>
        public Screen StorageFailed()
        {
            return new Screen(_storageFailed, _askIt, Signal.None);
        }

        /// <summary>Joining the WiFi network; the detail shows the signal strength once measured (0 = not yet).</summary>
        public Screen JoiningWifi(int rssiDbm)
        {
            return new Screen(_joiningWifi, SignalLine(rssiDbm), Signal.None);
        }

        /// <summary>On the network, waiting for the time sync (TLS needs the clock).</summary>
        public Screen SettingClock(int rssiDbm)
        {
            return new Screen(_settingClock, SignalLine(rssiDbm), Signal.None);
        }

        /// <summary>The boot wait ran out: the terminal starts without network; taps are journaled.</summary>
        public Screen NoNetwork()
        {
            return new Screen(_noNetwork, _tappingWorks, Signal.None);
        }

        /// <summary>"wifi signaal -67 dBm"; empty when not measured.</summary>
        public string SignalLine(int rssiDbm)
        {
            return rssiDbm == 0 ? string.Empty : "wifi " + _signal + " " + rssiDbm + " dBm";
        }
    }
}
