namespace Uitpas.Edge.Core.Provisioning
{
    /// <summary>What an <see cref="ImprovSession"/> needs from the terminal it provisions.</summary>
    public interface IImprovDevice
    {
        /// <summary>
        /// Writes device.cfg so that a power cut leaves the old or the new file; null when written,
        /// else a sentence saying why not (it goes back to the host as the commit's result).
        /// </summary>
        string WriteDeviceConfig(string text);

        /// <summary>Joins the WiFi network (the board's adapter connects; the virtual terminal accepts); true when connected.</summary>
        bool ConnectWifi(string ssid, string password);
    }
}
