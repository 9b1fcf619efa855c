using System.Text.RegularExpressions;

namespace Uitpas.Edge.VirtualTerminal.Reader;

/// <summary>
/// Which reader the virtual terminal reads cards with: <c>sim</c> (a simulated MFRC522 with
/// virtual cards, placed by <see cref="VirtualTerminal.Place"/>), or
/// <c>spi:/dev/spidev0.0[,reset=25][,hz=10000000]</c> (a real RC522 module on a Raspberry Pi;
/// reset is the BCM GPIO wired to RST).
/// </summary>
public sealed partial record ReaderSpec(bool Simulated, int SpiBus, int ChipSelect, int? ResetPin, int ClockHz)
{
    public static readonly ReaderSpec Simulator = new(true, 0, 0, null, 10_000_000);

    public static ReaderSpec? TryParse(string text, out string? error)
    {
        error = null;
        if (text == "sim")
        {
            return Simulator;
        }
        var match = SpiPattern().Match(text);
        if (!match.Success)
        {
            error = $"--reader must be 'sim' or 'spi:/dev/spidevB.C[,reset=GPIO][,hz=CLOCK]', not '{text}'";
            return null;
        }
        int? reset = match.Groups["reset"].Success ? int.Parse(match.Groups["reset"].Value) : null;
        int hz = match.Groups["hz"].Success ? int.Parse(match.Groups["hz"].Value) : 10_000_000;
        if (hz is < 100_000 or > 10_000_000)
        {
            error = "the MFRC522 takes an SPI clock of 100 kHz to 10 MHz";
            return null;
        }
        return new ReaderSpec(false, int.Parse(match.Groups["bus"].Value), int.Parse(match.Groups["cs"].Value), reset, hz);
    }

    public override string ToString() => Simulated ? "sim" : $"spi:/dev/spidev{SpiBus}.{ChipSelect}" + (ResetPin is { } pin ? $",reset={pin}" : "") + $",hz={ClockHz}";

    [GeneratedRegex(@"^spi:/dev/spidev(?<bus>\d+)\.(?<cs>\d+)(,reset=(?<reset>\d+))?(,hz=(?<hz>\d+))?$")]
    private static partial Regex SpiPattern();
}
