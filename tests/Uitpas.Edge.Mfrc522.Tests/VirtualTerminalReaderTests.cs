using Uitpas.Edge.Core.Reading.Mfrc522;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.VirtualTerminal;
using Uitpas.Edge.VirtualTerminal.Reader;

namespace Uitpas.Edge.Mfrc522.Tests;

public sealed class VirtualTerminalReaderTests
{
    [Fact]
    public void The_virtual_terminal_reads_placed_cards_through_the_simulated_mfrc522()
    {
        long now = 0;
        using var reader = TerminalReader.Open(ReaderSpec.Simulator, () => now);
        Assert.True(reader.IsSimulated);
        byte[] uid = ChipUid.TryParseHex("04A1B2C3D4E5F6")!;
        reader.Place(uid);
        byte[]? read = null;
        for (int i = 0; i < 10 && read is null; i++, now += 10)
        {
            read = reader.ReadCardInField(now);
        }
        Assert.Equal("04A1B2C3D4E5F6", Rig.Hex(read));
        Assert.Equal(CardKind.MifareDesfire, reader.Driver.LastCardKind);
        reader.Remove();
        for (int i = 0; i < 3; i++, now += 10)
        {
            read = reader.ReadCardInField(now);
        }
        Assert.Null(read);
        Assert.Equal(ReaderState.Ok, reader.Health.State);
    }

    [Theory]
    [InlineData("sim", true, 0, 0, null, 10_000_000)]
    [InlineData("spi:/dev/spidev0.0", false, 0, 0, null, 10_000_000)]
    [InlineData("spi:/dev/spidev1.2,reset=25", false, 1, 2, 25, 10_000_000)]
    [InlineData("spi:/dev/spidev0.1,reset=22,hz=4000000", false, 0, 1, 22, 4_000_000)]
    public void Reader_option_names_the_simulator_or_an_spi_device(string text, bool simulated, int bus, int cs, int? reset, int hz)
    {
        var spec = ReaderSpec.TryParse(text, out var error);
        Assert.Null(error);
        Assert.Equal(new ReaderSpec(simulated, bus, cs, reset, hz), spec);
    }

    [Theory]
    [InlineData("spi")]
    [InlineData("spi:/dev/i2c-1")]
    [InlineData("spi:/dev/spidev0.0,hz=20000000")]
    [InlineData("usb")]
    public void A_wrong_reader_option_gets_a_sentence(string text)
    {
        Assert.Null(ReaderSpec.TryParse(text, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
        var parsed = CommandLine.Parse(["--device", "vt-1", "--broker", "localhost", "--reader", text]);
        Assert.Null(parsed.Options);
        Assert.Equal(error, parsed.Error);
    }

    [Fact]
    public void The_command_line_takes_the_reader_option()
    {
        var parsed = CommandLine.Parse(["--device", "vt-1", "--broker", "localhost", "--reader", "spi:/dev/spidev0.0,reset=25"]);
        Assert.Null(parsed.Error);
        Assert.False(parsed.Options!.Reader.Simulated);
        Assert.True(CommandLine.Parse(["--device", "vt-1", "--broker", "localhost"]).Options!.Reader.Simulated);
    }
}
