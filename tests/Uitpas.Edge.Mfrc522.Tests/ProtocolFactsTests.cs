using Uitpas.Edge.Core.Reading.Mfrc522;
using Uitpas.Edge.Mfrc522Simulator;

namespace Uitpas.Edge.Mfrc522.Tests;

public sealed class ProtocolFactsTests
{
    [Fact]
    public void Crc_a_matches_the_iso_14443_3_examples()
    {
        // ISO/IEC 14443-3 Annex B: 00 00 -> A0 1E; the HLTA frame is 50 00 57 CD.
        Assert.Equal(0x1EA0, Iso14443a.CrcA([0x00, 0x00], 0, 2));
        Assert.Equal(0xCD57, Iso14443a.CrcA([0x50, 0x00], 0, 2));
        byte[] hlta = new byte[4];
        hlta[0] = 0x50;
        Iso14443a.AppendCrcA(hlta, 2);
        Assert.Equal(new byte[] { 0x50, 0x00, 0x57, 0xCD }, hlta);
    }

    [Fact]
    public void Crc_a_of_the_driver_equals_the_bitwise_crc_of_the_simulator_for_random_frames()
    {
        Property.ForAll(500, 100, (seed, random) =>
        {
            var data = new byte[random.Next(1, 64)];
            random.NextBytes(data);
            Assert.Equal(CrcA.Compute(data), Iso14443a.CrcA(data, 0, data.Length));
            Assert.True(Iso14443a.HasValidCrcA(CrcA.Append(data), 0, data.Length + 2));
        });
    }

    [Fact]
    public void Nvb_counts_sel_nvb_and_the_known_uid_bits()
    {
        Assert.Equal(0x20, Iso14443a.Nvb(0));
        Assert.Equal(0x70, Iso14443a.Nvb(40));
        Assert.Equal(0x45, Iso14443a.Nvb(21));
        Assert.Equal(0x60, Iso14443a.Nvb(32));
    }

    [Fact]
    public void Bcc_is_the_xor_of_the_four_uid_bytes()
    {
        Assert.Equal(0x88 ^ 0x04 ^ 0x11 ^ 0x22, Iso14443a.Bcc([0x88, 0x04, 0x11, 0x22], 0));
    }

    [Fact]
    public void Spi_address_byte_carries_the_read_bit_and_the_shifted_address()
    {
        // Data sheet §8.1.2.3: bit 7 read (1) / write (0), bits 6..1 address, bit 0 zero.
        Assert.Equal(0xEE, SpiFramedRegisterTransport.ReadAddress(Mfrc522Registers.VersionReg));
        Assert.Equal(0x02, SpiFramedRegisterTransport.WriteAddress(Mfrc522Registers.CommandReg));
        Assert.Equal(0x92, SpiFramedRegisterTransport.ReadAddress(Mfrc522Registers.FIFODataReg));
        Assert.Equal(0x12, SpiFramedRegisterTransport.WriteAddress(Mfrc522Registers.FIFODataReg));
    }

    [Theory]
    [InlineData(0x44, 0x03, 0x20, CardKind.MifareDesfire)]
    [InlineData(0x44, 0x00, 0x00, CardKind.MifareUltralight)]
    [InlineData(0x04, 0x00, 0x08, CardKind.MifareClassic1K)]
    [InlineData(0x02, 0x00, 0x18, CardKind.MifareClassic4K)]
    [InlineData(0x04, 0x00, 0x09, CardKind.MifareMini)]
    [InlineData(0x84, 0x00, 0x20, CardKind.Iso14443Part4)]
    public void Atqa_and_sak_name_the_card_type(byte atqa0, byte atqa1, byte sak, CardKind kind)
    {
        Assert.Equal(kind, CardTypes.Classify(atqa0, atqa1, true, sak));
    }

    [Theory]
    [InlineData(0x04, 4)]
    [InlineData(0x44, 7)]
    [InlineData(0x84, 10)]
    public void Atqa_announces_the_uid_size(byte atqa0, int length)
    {
        Assert.Equal(length, CardTypes.UidLengthFromAtqa(atqa0));
    }
}
