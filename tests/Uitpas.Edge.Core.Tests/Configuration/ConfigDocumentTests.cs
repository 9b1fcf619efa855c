using System.Collections;
using System.Text;
using Uitpas.Edge.Protocol.Config;

namespace Uitpas.Edge.Core.Tests.Configuration;

public sealed class ConfigDocumentTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    private static byte[] Signed(uint version = 7, params (string Key, string Value)[] settings)
    {
        var table = new Hashtable();
        foreach (var (k, v) in settings)
        {
            table[k] = v;
        }
        return new ConfigDocument("vt-001", version, 1_764_000_000_000, table).Sign(HmacNet.Instance, Key);
    }

    [Fact]
    public void Signed_document_has_the_fixed_lines_the_settings_in_order_and_the_signature_last()
    {
        byte[] payload = Signed(7, (ConfigSettings.StatusIntervalMs, "60000"), (ConfigSettings.Language, "fr"));

        string text = Encoding.UTF8.GetString(payload);
        string[] lines = text.Split('\n');
        Assert.Equal(["v=1", "device=vt-001", "version=7", "issuedAt=1764000000000", "language=fr", "statusIntervalMs=60000"], lines[..6]);
        Assert.Matches("^sig=[0-9a-f]{64}$", lines[6]);
        Assert.Equal("", lines[7]);
        int sigAt = text.IndexOf("sig=", StringComparison.Ordinal);
        string expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Key, payload.AsSpan(0, sigAt)));
        Assert.Equal(expected, lines[6][4..]);
    }

    [Fact]
    public void Parsed_document_verifies_with_its_key_and_not_with_another()
    {
        byte[] payload = Signed(3, (ConfigSettings.ResultTimeoutMs, "5000"));

        ConfigDocument? doc = ConfigDocument.TryParse(payload, out string? reason, out string? detail);

        Assert.NotNull(doc);
        Assert.Null(reason);
        Assert.Equal("vt-001", doc.DeviceId);
        Assert.Equal(3u, doc.Version);
        Assert.Equal(1_764_000_000_000, doc.IssuedAtUnixMs);
        Assert.Equal("5000", doc.Settings[ConfigSettings.ResultTimeoutMs]);
        Assert.True(doc.Verify(HmacNet.Instance, Key));
        Assert.False(doc.Verify(HmacNet.Instance, Enumerable.Repeat((byte)9, 32).ToArray()));
        Assert.Null(doc.ValidateSettings());
    }

    [Fact]
    public void Every_single_byte_change_before_the_signature_fails_verification()
    {
        byte[] payload = Signed(3, (ConfigSettings.Language, "en"));
        int sigAt = Encoding.UTF8.GetString(payload).IndexOf("sig=", StringComparison.Ordinal);
        for (int i = 0; i < sigAt; i++)
        {
            byte[] tampered = (byte[])payload.Clone();
            tampered[i] ^= 0x01;
            ConfigDocument? doc = ConfigDocument.TryParse(tampered, out _, out _);
            Assert.True(doc is null || !doc.Verify(HmacNet.Instance, Key), $"byte {i} changed still verifies");
        }
    }

    [Theory]
    [InlineData("", "format")]
    [InlineData("v=2\ndevice=vt-001\nversion=1\nissuedAt=0\nsig=00\n", "format")]
    [InlineData("device=vt-001\nv=1\nversion=1\nissuedAt=0\n", "format")]
    [InlineData("v=1\ndevice=vt-001\nissuedAt=0\n", "format")]
    [InlineData("v=1\ndevice=vt-001\nversion=0\nissuedAt=0\n", "format")]
    [InlineData("v=1\ndevice=vt-001\nversion=01\nissuedAt=0\n", "format")]
    [InlineData("v=1\ndevice=vt-001\nversion=1\nversion=2\nissuedAt=0\n", "format")]
    [InlineData("v=1\ndevice=vt-001\nversion=1\nissuedAt=0\nlanguage=nl\nlanguage=fr\n", "format")]
    [InlineData("v=1\ndevice=vt-001\nversion=1\nissuedAt=0\n\nlanguage=nl\n", "format")]
    [InlineData("v=1\r\ndevice=vt-001\nversion=1\nissuedAt=0\n", "format")]
    [InlineData("v=1\ndevice=vt-001\nversion=1\nissuedAt=0\nlanguage=nl\n", "unsigned")]
    [InlineData("v=1\ndevice=vt-001\nversion=1\nissuedAt=0\nsig=xyz\n", "signature")]
    public void Malformed_document_is_refused_with_its_reason(string text, string expectedReason)
    {
        ConfigDocument? doc = ConfigDocument.TryParse(Encoding.UTF8.GetBytes(text), out string? reason, out string? detail);

        Assert.Null(doc);
        Assert.Equal(expectedReason, reason);
        Assert.False(string.IsNullOrWhiteSpace(detail));
    }

    [Fact]
    public void A_line_after_the_signature_makes_the_document_unreadable()
    {
        byte[] payload = [.. Signed(2), .. "language=fr\n"u8.ToArray()];

        Assert.Null(ConfigDocument.TryParse(payload, out string? reason, out string? detail));
        Assert.Equal(ConfigRefusal.Format, reason);
        Assert.Contains("last line", detail);
    }

    [Fact]
    public void Oversize_and_non_utf8_payloads_are_format_refusals_with_the_version_unknown()
    {
        byte[] big = Encoding.UTF8.GetBytes("v=1\ndevice=vt-001\nversion=5\nissuedAt=0\nx=" + new string('a', 1100) + "\n");
        Assert.Null(ConfigDocument.TryParse(big, out string? reason, out string? detail, out uint version));
        Assert.Equal(ConfigRefusal.Format, reason);
        Assert.Contains("1024", detail);
        Assert.Equal(0u, version);

        Assert.Null(ConfigDocument.TryParse([0x76, 0x3D, 0xFF, 0xFE, 0x0A], out reason, out _));
        Assert.Equal(ConfigRefusal.Format, reason);
    }

    [Fact]
    public void Random_bytes_never_throw_out_of_the_parser()
    {
        var random = new Random(6);
        byte[] good = Signed(9, (ConfigSettings.Language, "nl"), (ConfigSettings.RetapWindowMs, "0"));
        for (int i = 0; i < 5000; i++)
        {
            byte[] bytes = i % 2 == 0 ? new byte[random.Next(0, 1100)] : (byte[])good.Clone();
            if (i % 2 == 0)
            {
                random.NextBytes(bytes);
            }
            else
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }
            ConfigDocument? doc = ConfigDocument.TryParse(bytes, out string? reason, out string? detail);
            Assert.True(doc is not null || (ConfigRefusal.IsKnown(reason!) && detail is not null));
        }
    }

    [Fact]
    public void Unknown_key_and_out_of_range_value_parse_but_do_not_validate()
    {
        var unknown = ConfigDocument.TryParse(Encoding.UTF8.GetBytes("v=1\ndevice=vt-001\nversion=1\nissuedAt=0\nvolume=3\nsig=" + new string('0', 64) + "\n"), out _, out _);
        Assert.NotNull(unknown);
        Assert.Contains("unknown setting 'volume'", unknown.ValidateSettings());

        var outOfRange = ConfigDocument.TryParse(Encoding.UTF8.GetBytes("v=1\ndevice=vt-001\nversion=1\nissuedAt=0\nresultTimeoutMs=99\nsig=" + new string('0', 64) + "\n"), out _, out _);
        Assert.NotNull(outOfRange);
        Assert.Equal("resultTimeoutMs must be a whole number of milliseconds from 100 to 60000, not '99'", outOfRange.ValidateSettings());
    }

    [Theory]
    [InlineData("language", "nl", true)]
    [InlineData("language", "de", false)]
    [InlineData("resultTimeoutMs", "100", true)]
    [InlineData("resultTimeoutMs", "60001", false)]
    [InlineData("resultShownMs", "499", false)]
    [InlineData("retapWindowMs", "0", true)]
    [InlineData("retapWindowMs", "600001", false)]
    [InlineData("replayIntervalMs", "999", false)]
    [InlineData("replayIntervalMs", "3600000", true)]
    [InlineData("statusIntervalMs", "1000", true)]
    [InlineData("statusIntervalMs", "-5", false)]
    [InlineData("statusIntervalMs", "05000", false)]
    [InlineData("statusIntervalMs", " 5000", false)]
    [InlineData("volume", "1", false)]
    public void Settings_are_checked_against_their_bounds(string key, string value, bool allowed)
    {
        Assert.Equal(allowed, ConfigSettings.Validate(key, value) is null);
    }

    [Fact]
    public void Signing_a_setting_the_terminal_would_refuse_throws()
    {
        var table = new Hashtable { ["resultShownMs"] = "10" };
        Assert.Throws<ArgumentException>(() => new ConfigDocument("vt-001", 1, 0, table).Sign(HmacNet.Instance, Key));
        Assert.Throws<ArgumentException>(() => new ConfigDocument("vt-001", 0, 0, null).Sign(HmacNet.Instance, Key));
        Assert.Throws<ArgumentException>(() => new ConfigDocument("vt-001", 1, 0, null).Sign(HmacNet.Instance, new byte[16]));
    }

    [Fact]
    public void Reports_round_trip_and_the_detail_is_cut_to_printable_ascii()
    {
        var applied = ConfigReport.ForApplied(8, 1_764_000_000_000);
        Assert.Equal("v=1\nversion=8\nresult=applied\napplied=8\nat=1764000000000\n", Encoding.UTF8.GetString(applied.Encode()));

        var refused = ConfigReport.ForRefused(6, 7, ConfigRefusal.Stale, "older than 7 \u00e9\n" + new string('x', 200), 0);
        byte[] bytes = refused.Encode();
        Assert.True(ConfigReport.TryParse(bytes, out ConfigReport? back, out string? error), error);
        Assert.True(back!.IsRefused);
        Assert.Equal(6u, back.Version);
        Assert.Equal(7u, back.Applied);
        Assert.Equal("stale", back.Reason);
        Assert.Equal(120, back.Detail!.Length);
        Assert.StartsWith("older than 7 ? ", back.Detail);
        Assert.Equal(0, back.AtUnixMs);

        Assert.False(ConfigReport.TryParse("v=1\nversion=x\n"u8.ToArray(), out _, out error));
        Assert.Contains("version", error);
    }
}
