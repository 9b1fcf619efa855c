using Uitpas.Edge.Core.Reading.Mfrc522;
using Uitpas.Edge.Mfrc522Simulator;
using R = Uitpas.Edge.Core.Reading.Mfrc522.Mfrc522Registers;

namespace Uitpas.Edge.Mfrc522.Tests;

/// <summary>The simulated chip behaves like the data sheet says, seen through its registers.</summary>
public sealed class SimulatorTests
{
    private long _nowMs;
    private readonly RfField _field = new();
    private readonly SimulatedMfrc522 _chip;

    public SimulatorTests()
    {
        _chip = new SimulatedMfrc522(_field, () => _nowMs);
    }

    [Fact]
    public void Registers_start_at_their_reset_values()
    {
        Assert.Equal(0x92, _chip.ReadRegister(R.VersionReg));
        Assert.Equal(0x80, _chip.ReadRegister(R.TxControlReg)); // antenna off
        Assert.Equal(0x3F, _chip.ReadRegister(R.ModeReg));
        Assert.Equal(0x48, _chip.ReadRegister(R.RFCfgReg));
        Assert.Equal(0x00, _chip.ReadRegister(R.FIFOLevelReg));
    }

    [Fact]
    public void Fifo_holds_64_bytes_then_flags_buffer_overflow_and_flush_clears_it()
    {
        var data = Enumerable.Range(0, 64).Select(i => (byte)i).ToArray();
        _chip.WriteFifo(data, 0, 64);
        Assert.Equal(64, _chip.ReadRegister(R.FIFOLevelReg));
        _chip.WriteRegister(R.FIFODataReg, 0xAA);
        Assert.Equal(64, _chip.ReadRegister(R.FIFOLevelReg));
        Assert.NotEqual(0, _chip.ReadRegister(R.ErrorReg) & ErrorBits.BufferOvfl);
        var back = new byte[3];
        _chip.ReadFifo(back, 0, 3);
        Assert.Equal(new byte[] { 0, 1, 2 }, back);
        _chip.WriteRegister(R.FIFOLevelReg, FramingBits.FlushBuffer);
        Assert.Equal(0, _chip.ReadRegister(R.FIFOLevelReg));
        Assert.Equal(0, _chip.ReadRegister(R.ErrorReg) & ErrorBits.BufferOvfl);
    }

    [Fact]
    public void CalcCrc_puts_crc_a_in_crcresultreg_and_raises_crcirq()
    {
        _chip.WriteRegister(R.ModeReg, Mfrc522Chip.ModeRegValue);
        _chip.WriteFifo([0x50, 0x00], 0, 2);
        _chip.WriteRegister(R.CommandReg, Mfrc522Commands.CalcCRC);
        _nowMs += 1;
        Assert.NotEqual(0, _chip.ReadRegister(R.DivIrqReg) & DivIrqBits.CRCIRq);
        Assert.Equal(0x57, _chip.ReadRegister(R.CRCResultRegL));
        Assert.Equal(0xCD, _chip.ReadRegister(R.CRCResultRegH));
    }

    [Fact]
    public void Mem_moves_25_bytes_between_fifo_and_the_internal_buffer()
    {
        var data = Enumerable.Range(1, 25).Select(i => (byte)i).ToArray();
        _chip.WriteFifo(data, 0, 25);
        _chip.WriteRegister(R.CommandReg, Mfrc522Commands.Mem);
        Assert.Equal(0, _chip.ReadRegister(R.FIFOLevelReg));
        _chip.WriteRegister(R.CommandReg, Mfrc522Commands.Mem);
        var back = new byte[25];
        _chip.ReadFifo(back, 0, 25);
        Assert.Equal(data, back);
    }

    [Fact]
    public void Timer_counts_down_from_treload_and_raises_timerirq()
    {
        _chip.WriteRegister(R.TModeReg, 0x00);
        _chip.WriteRegister(R.TPrescalerReg, Mfrc522Chip.TimerPrescaler); // 25 µs ticks
        _chip.WriteRegister(R.TReloadRegH, 0x00);
        _chip.WriteRegister(R.TReloadRegL, 199);                     // 200 ticks = 5 ms
        _chip.WriteRegister(R.ComIrqReg, ComIrqBits.ClearAll);
        _chip.WriteRegister(R.ControlReg, FramingBits.TStartNow);
        _nowMs += 2;
        int counter = (_chip.ReadRegister(R.TCounterValRegH) << 8) | _chip.ReadRegister(R.TCounterValRegL);
        Assert.InRange(counter, 110, 125);
        Assert.Equal(0, _chip.ReadRegister(R.ComIrqReg) & ComIrqBits.TimerIRq);
        _nowMs += 4;
        Assert.NotEqual(0, _chip.ReadRegister(R.ComIrqReg) & ComIrqBits.TimerIRq);
    }

    [Fact]
    public void Soft_reset_reads_powerdown_until_the_chip_is_awake_and_restores_reset_values()
    {
        _chip.WriteRegister(R.TxControlReg, 0x83);
        _chip.WriteRegister(R.CommandReg, Mfrc522Commands.SoftReset);
        Assert.NotEqual(0, _chip.Peek(R.CommandReg) & CommandRegBits.PowerDown);
        _nowMs += 1;
        Assert.Equal(0, _chip.ReadRegister(R.CommandReg) & CommandRegBits.PowerDown);
        Assert.Equal(0x80, _chip.ReadRegister(R.TxControlReg));
    }

    [Fact]
    public void Comirqreg_set1_sets_and_clears_the_marked_bits()
    {
        _chip.WriteRegister(R.ComIrqReg, ComIrqBits.ClearAll);
        Assert.Equal(0, _chip.ReadRegister(R.ComIrqReg) & 0x7F & ~(ComIrqBits.HiAlertIRq | ComIrqBits.LoAlertIRq));
        _chip.WriteRegister(R.ComIrqReg, ComIrqBits.Set1 | ComIrqBits.TimerIRq);
        Assert.Equal(ComIrqBits.TimerIRq, _chip.ReadRegister(R.ComIrqReg) & ComIrqBits.TimerIRq);
    }

    [Fact]
    public void Spi_transfer_returns_each_register_one_byte_after_its_address()
    {
        // Data sheet §8.1.2.1: MOSI adr0 adr1 00, MISO X data0 data1.
        byte[] miso = _chip.Transfer([SpiFramedRegisterTransport.ReadAddress(R.VersionReg), SpiFramedRegisterTransport.ReadAddress(R.TxControlReg), 0x00]);
        Assert.Equal(new byte[] { 0x00, 0x92, 0x80 }, miso);
        _chip.Transfer([SpiFramedRegisterTransport.WriteAddress(R.FIFODataReg), 0x11, 0x22, 0x33]);
        Assert.Equal(3, _chip.ReadRegister(R.FIFOLevelReg));
    }

    [Fact]
    public void Transceive_with_a_card_returns_atqa_and_without_a_card_fires_the_timer()
    {
        var reader = new Mfrc522Chip(_chip, new Mfrc522Settings());
        reader.Configure();
        var frame = new byte[] { Iso14443a.Wupa };
        reader.BeginPoll();
        reader.StartTransceive(frame, 1, 7, 0, 16, _nowMs);
        Assert.Equal(ExchangeStatus.Timeout, Until(reader));

        _field.Place([0x04, 1, 2, 3, 4, 5, 6], CardProfile.MifareDesfireEv1);
        reader.StartTransceive(frame, 1, 7, 0, 16, _nowMs);
        Assert.Equal(ExchangeStatus.Ok, Until(reader));
        Assert.Equal(2, reader.ReceivedBytes);
        Assert.Equal(new byte[] { 0x44, 0x03 }, reader.Received.Take(2).ToArray());
    }

    [Fact]
    public void Two_cards_answering_different_bits_raise_collerr_with_the_position_of_the_first_one()
    {
        var reader = new Mfrc522Chip(_chip, new Mfrc522Settings());
        reader.Configure();
        _field.Place([0x04, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60], CardProfile.MifareDesfireEv1);
        _field.Place([0x04, 0x11, 0x20, 0x30, 0x40, 0x50, 0x60], CardProfile.MifareDesfireEv1); // differs in bit 0 of uid1
        reader.BeginPoll();
        reader.StartTransceive([Iso14443a.Wupa], 1, 7, 0, 16, _nowMs);
        Assert.Equal(ExchangeStatus.Ok, Until(reader)); // same ATQA from both
        reader.StartTransceive([Iso14443a.SelCascadeLevel1, 0x20], 2, 0, 0, 40, _nowMs);
        Assert.Equal(ExchangeStatus.Collision, Until(reader));
        Assert.Equal(17, reader.CollisionPosition); // CT (8 bits) + uid0 (8 bits), then bit 0 of uid1
        Assert.Equal(new byte[] { 0x88, 0x04, 0x00 }, reader.Received.Take(3).ToArray());
    }

    private ExchangeStatus Until(Mfrc522Chip reader)
    {
        for (int i = 0; i < 10; i++)
        {
            var status = reader.PollExchange(_nowMs);
            if (status != ExchangeStatus.InFlight)
            {
                return status;
            }
            _nowMs += 1;
            reader.BeginPoll();
        }
        return ExchangeStatus.InFlight;
    }
}
