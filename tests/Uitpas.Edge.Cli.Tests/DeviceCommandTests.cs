using System.Text.Json;
using Uitpas.Edge.Agent.Access;
using Uitpas.Edge.Cli.Tests.Infrastructure;

namespace Uitpas.Edge.Cli.Tests;

/// <summary>device create|list|show|assign|lend|return|retire against a real agent's admin API.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DeviceCommandTests : IAsyncLifetime
{
    private CliSystem _system = null!;

    public async Task InitializeAsync() => _system = await CliSystem.StartAsync();

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Create_prints_the_secrets_once_and_the_broker_knows_only_the_password_hash()
    {
        var run = await _system.CliAsync("device", "create", "vt-001", "--kiosk-token", _system.KioskToken, "--language", "fr");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("vt-001", run.Line("mqtt.username"));
        var password = run.Line("mqtt.password");
        Assert.Matches("^[0-9a-f]{64}$", run.Line("configKey"));
        Assert.Contains("shown this once", run.Error, StringComparison.Ordinal);
        var passwords = PasswordFile.Load(_system.PasswordFile);
        Assert.True(PasswordHash.Verify(password, passwords.Users["vt-001"]));
        Assert.DoesNotContain(password, File.ReadAllText(_system.PasswordFile), StringComparison.Ordinal);
        var shown = await _system.CliAsync("device", "show", "vt-001", "--json");
        Assert.Equal("fr", shown.Json().GetProperty("language").GetString());
        Assert.DoesNotContain(password, shown.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_with_out_writes_an_owner_only_file_in_device_cfg_form_and_prints_no_secret()
    {
        var secrets = _system.PathOf("vt-001.secret");

        var run = await _system.CliAsync("device", "create", "vt-001", "--kiosk-token", _system.KioskToken, "--out", secrets, "--json");

        Assert.Equal(0, run.ExitCode);
        var lines = File.ReadAllLines(secrets);
        Assert.Equal(["mqtt.username", "mqtt.password", "configKey"], lines.Select(l => l.Split('=')[0]).ToArray());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secrets));
        var json = run.Json();
        Assert.Equal(JsonValueKind.Null, json.GetProperty("credentials").ValueKind);
        Assert.Equal(secrets, json.GetProperty("credentialsFile").GetString());
        Assert.Equal("vt-001", json.GetProperty("device").GetProperty("id").GetString());
        Assert.DoesNotContain(lines[1].Split('=')[1], run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_an_existing_device_fails_with_the_agents_reason_and_writes_no_out_file()
    {
        await _system.CliAsync("device", "create", "vt-001", "--kiosk-token", _system.KioskToken);
        var secrets = _system.PathOf("again.secret");

        var run = await _system.CliAsync("device", "create", "vt-001", "--kiosk-token", _system.KioskToken, "--out", secrets);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("vt-001", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.False(File.Exists(secrets));
    }

    [Fact]
    public async Task An_unknown_device_is_a_one_sentence_error_and_exit_1()
    {
        var run = await _system.CliAsync("device", "show", "vt-404");
        var json = await _system.CliAsync("device", "show", "vt-404", "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("vt-404", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.Equal(1, json.ExitCode);
        Assert.Contains("vt-404", json.Json().GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assign_places_the_device_and_adds_an_event_and_list_filters_by_venue()
    {
        await _system.CliAsync("device", "create", "vt-001", "--kiosk-token", _system.KioskToken);
        await _system.CliAsync("device", "create", "vt-002", "--kiosk-token", _system.KioskToken);

        var placed = await _system.CliAsync("device", "assign", "vt-001", "--region", "Oost-Vlaanderen", "--municipality", "Gent", "--venue", "Vooruit", "--counter", "balie 1", "--organizer", "Vooruit vzw");
        var moved = await _system.CliAsync("device", "assign", "vt-001", "--counter", "balie 2");
        var now = DateTimeOffset.UtcNow;
        var assigned = await _system.CliAsync("device", "assign", "vt-001", "--event", "evt-1", "--from", now.AddHours(-1).ToString("O"), "--until", now.AddHours(3).ToString("O"), "--title", "Concert");
        var overlapping = await _system.CliAsync("device", "assign", "vt-001", "--event", "evt-2", "--from", now.ToString("O"), "--until", now.AddHours(1).ToString("O"));

        Assert.Equal(0, placed.ExitCode);
        Assert.Equal(0, moved.ExitCode);
        Assert.Equal(0, assigned.ExitCode);
        Assert.Equal(1, overlapping.ExitCode);
        var device = (await _system.CliAsync("device", "show", "vt-001", "--json")).Json();
        Assert.Equal("Gent", device.GetProperty("municipality").GetString());
        Assert.Equal("balie 2", device.GetProperty("counter").GetString());
        Assert.Equal("evt-1", device.GetProperty("events").EnumerateArray().Single().GetProperty("eventId").GetString());
        Assert.Equal("evt-1", device.GetProperty("currentEvent").GetProperty("eventId").GetString());
        var atVooruit = await _system.CliAsync("device", "list", "--venue", "Vooruit", "--json");
        Assert.Equal(["vt-001"], atVooruit.Json().EnumerateArray().Select(d => d.GetProperty("id").GetString()!).ToArray());
        var table = await _system.CliAsync("device", "list", "--venue", "Vooruit");
        Assert.Contains("Vooruit / balie 2", table.Output, StringComparison.Ordinal);
        Assert.Contains("Concert", table.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("vt-002", table.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lend_and_return_keep_the_loan_with_its_return_check_and_refuse_a_second_open_loan()
    {
        await _system.CliAsync("device", "create", "vt-001", "--kiosk-token", _system.KioskToken);

        var lent = await _system.CliAsync("device", "lend", "vt-001", "--association", "Chiro Ledeberg", "--from", "2025-06-01", "--until", "2025-06-03");
        var again = await _system.CliAsync("device", "lend", "vt-001", "--association", "KSA", "--from", "2025-06-02", "--until", "2025-06-04");
        var returned = await _system.CliAsync("device", "return", "vt-001", "--condition", "damaged", "--note", "scherm gebarsten", "--json");

        Assert.Equal(0, lent.ExitCode);
        Assert.Equal(1, again.ExitCode);
        Assert.Equal(0, returned.ExitCode);
        var loan = returned.Json().GetProperty("loans").EnumerateArray().Single();
        Assert.Equal("Chiro Ledeberg", loan.GetProperty("association").GetString());
        Assert.Equal("damaged", loan.GetProperty("returnCondition").GetString());
        Assert.Equal("scherm gebarsten", loan.GetProperty("note").GetString());
        Assert.NotEqual(JsonValueKind.Null, loan.GetProperty("returnedAt").ValueKind);
    }

    [Fact]
    public async Task Retire_revokes_the_password_and_keeps_the_device_as_history()
    {
        await _system.CliAsync("device", "create", "vt-001", "--kiosk-token", _system.KioskToken);
        await _system.CliAsync("device", "create", "vt-002", "--kiosk-token", _system.KioskToken);

        var refused = await _system.CliAsync("device", "retire", "vt-001");
        var run = await _system.CliAsync("device", "retire", "vt-001", "--yes");

        Assert.Equal(2, refused.ExitCode);
        Assert.Equal(0, run.ExitCode);
        var users = PasswordFile.Load(_system.PasswordFile).Users;
        Assert.False(users.ContainsKey("vt-001"));
        Assert.True(users.ContainsKey("vt-002"));
        var retired = await _system.CliAsync("device", "list", "--state", "retired", "--json");
        Assert.Equal(["vt-001"], retired.Json().EnumerateArray().Select(d => d.GetProperty("id").GetString()!).ToArray());
    }

    [Fact]
    public async Task A_wrong_token_is_refused_with_the_file_named()
    {
        var wrong = _system.PathOf("wrong.token");
        File.WriteAllText(wrong, "not-the-token");

        var run = await _system.CliAsync("device", "list", "--token-file", wrong);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"refused the admin token from {wrong} (401)", run.Error, StringComparison.Ordinal);
    }
}
