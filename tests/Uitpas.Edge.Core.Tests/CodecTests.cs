using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Core.Tests;

public sealed class CodecTests
{
    [Theory]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(10)]
    public void Tap_round_trips_for_every_uid_size(int size)
    {
        byte[] uid = Enumerable.Range(1, size).Select(i => (byte)i).ToArray();
        var tap = new TapEvent(7, 42, 1_790_000_000_123, uid, TapFlags.Replay);
        Assert.True(TapEventCodec.TryDecode(TapEventCodec.Encode(tap), out var back, out var error), error);
        Assert.Equal((7u, 42u, 1_790_000_000_123L, TapFlags.Replay), (back.BootEpoch, back.Sequence, back.TappedAtUnixMs, back.Flags));
        Assert.Equal(uid, back.ChipUid);
    }

    [Fact]
    public void Result_round_trips_with_utf8_message()
    {
        var result = new TapResult(3, 9, TapOutcome.Refused, 0, -1, "maximum-reached", "Déjà enregistré aujourd'hui · ✓");
        Assert.True(TapResultCodec.TryDecode(TapResultCodec.Encode(result), out var back, out var error), error);
        Assert.Equal((result.BootEpoch, result.Sequence, result.Outcome, result.TotalPoints, result.Reason, result.Message),
            (back.BootEpoch, back.Sequence, back.Outcome, back.TotalPoints, back.Reason, back.Message));
    }

    [Fact]
    public void Overlong_message_is_cut_on_a_character_boundary()
    {
        string message = new string('é', 400);
        var result = new TapResult(1, 1, TapOutcome.Refused, 0, -1, "x", message);
        Assert.True(TapResultCodec.TryDecode(TapResultCodec.Encode(result), out var back, out _));
        Assert.Equal(new string('é', 256), back.Message);
    }

    [Theory]
    [InlineData(new byte[] { 1, 1 }, "shorter")]
    [InlineData(new byte[] { 2, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 1, 2, 3, 4 }, "version")]
    [InlineData(new byte[] { 1, 2, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 1, 2, 3, 4 }, "not a tap")]
    [InlineData(new byte[] { 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 1, 2, 3, 4 }, "sequence 0")]
    [InlineData(new byte[] { 1, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 1, 2, 3, 4, 5 }, "UID length 5")]
    [InlineData(new byte[] { 1, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7, 1, 2, 3, 4 }, "does not match")]
    [InlineData(new byte[] { 1, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 8, 4, 1, 2, 3, 4 }, "flags")]
    public void Malformed_tap_is_refused_with_a_reason(byte[] payload, string expected)
    {
        Assert.False(TapEventCodec.TryDecode(payload, out var tap, out var error));
        Assert.Null(tap);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void Random_bytes_never_throw_and_never_decode_to_an_invalid_tap()
    {
        var random = new Random(1234);
        for (int i = 0; i < 20_000; i++)
        {
            byte[] payload = new byte[random.Next(0, 40)];
            random.NextBytes(payload);
            if (i % 2 == 0 && payload.Length >= 20) { payload[0] = 1; payload[1] = 1; }
            if (TapEventCodec.TryDecode(payload, out var tap, out _))
            {
                Assert.True(ChipUid.IsValidLength(tap.ChipUid.Length));
                Assert.NotEqual(0u, tap.Sequence);
            }
            TapResultCodec.TryDecode(payload, out _, out _);
        }
    }

    [Theory]
    [InlineData("044D71DA862680", true)]
    [InlineData("044d71da862680", true)]
    [InlineData("044D71DA86268", false)]
    [InlineData("044D71DA86268G", false)]
    [InlineData("", false)]
    public void Chip_numbers_parse_only_when_they_are_whole_uids(string text, bool valid)
    {
        var uid = ChipUid.TryParseHex(text);
        Assert.Equal(valid, uid is not null);
        if (valid) Assert.Equal(text.ToUpperInvariant(), ChipUid.ToHex(uid!));
    }

    [Theory]
    [InlineData("uitpas/v1/t/vt-001/tap", true, "vt-001", "tap")]
    [InlineData("uitpas/v1/t/VT-001/tap", false, null, null)]
    [InlineData("uitpas/v1/t/vt-001/tap/extra", false, null, null)]
    [InlineData("uitpas/v1/t//tap", false, null, null)]
    [InlineData("other/v1/t/vt-001/tap", false, null, null)]
    public void Terminal_topics_parse_strictly(string topic, bool ok, string? device, string? suffix)
    {
        Assert.Equal(ok, Topics.TryParseTerminalTopic(topic, out var d, out var s));
        Assert.Equal(device, d);
        Assert.Equal(suffix, s);
    }

    [Fact]
    public void Crc32_matches_the_standard_check_value()
    {
        byte[] check = "123456789"u8.ToArray();
        Assert.Equal(0xCBF43926u, Crc32.Compute(check, 0, check.Length));
    }
}
