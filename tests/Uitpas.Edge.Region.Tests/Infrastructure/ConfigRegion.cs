using System.Diagnostics;
using System.Globalization;
using System.Net;
using Uitpas.Edge.Protocol.Config;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Region.Tests.Infrastructure;

/// <summary>One push to a region and how the fleet took it.</summary>
/// <param name="Desired">The version each device's document got (from the PUT's answer).</param>
/// <param name="PutTime">From sending the PUT to its answer (the agent made, stored and published every document by then).</param>
/// <param name="PerTerminal">Per terminal, from sending the PUT to the broker's acknowledgement of its <c>applied</c> report.</param>
public sealed record ConvergenceRun(IReadOnlyDictionary<string, uint> Desired, TimeSpan PutTime, IReadOnlyList<TimeSpan> PerTerminal)
{
    /// <summary>From sending the PUT to the last terminal's applied report.</summary>
    public TimeSpan LastApplied => PerTerminal.Count == 0 ? TimeSpan.Zero : PerTerminal.Max();

    /// <summary>The <paramref name="percent"/> percentile of <see cref="PerTerminal"/> (nearest rank).</summary>
    public TimeSpan Percentile(double percent)
    {
        if (PerTerminal.Count == 0)
        {
            return TimeSpan.Zero;
        }
        var sorted = PerTerminal.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}

/// <summary>
/// A region for the config-convergence test and bench: the real agent program (embedded broker,
/// SQLite, password file, admin API on a fixed loopback port) and <c>n</c> devices created
/// through its admin API (credentials and config key each), all sited in one region (spread
/// over municipalities and venues), each run by a <see cref="ConfigTerminal"/> over its own
/// connection. <see cref="PushAsync"/> makes ONE <c>PUT /api/v1/config/region/{id}</c> and waits
/// until every terminal's applied report for its new version was acknowledged.
/// </summary>
public sealed class ConfigRegion : IAsyncDisposable
{
    private const int CreateParallelism = 16;

    private readonly AgentProcess _agent;
    private readonly List<ConfigTerminal> _terminals = [];

    private ConfigRegion(AgentProcess agent, AdminApiClient api, string region, int adminPort)
    {
        _agent = agent;
        Api = api;
        Region = region;
        AdminPort = adminPort;
    }

    public AdminApiClient Api { get; }

    public string Region { get; }

    public int AdminPort { get; }

    public AgentProcess Agent => _agent;

    public IReadOnlyList<ConfigTerminal> Terminals => _terminals;

    /// <summary>Starts the agent, creates and sites <paramref name="count"/> devices, connects their terminals.</summary>
    public static async Task<ConfigRegion> StartAsync(CentralSimulator central, int count, string region, Action<string>? progress = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(central);
        var wait = timeout ?? TimeSpan.FromMinutes(3);
        var data = Path.Combine(Path.GetTempPath(), "uitpas-converge-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(data);
        var passwords = Path.Combine(data, "passwd");
        await File.WriteAllTextAsync(passwords, "");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(passwords, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        var adminPort = FreePorts.Next();
        var settings = new Dictionary<string, string?>(central.ClientSettings())
        {
            ["Agent:Broker:Mode"] = "Embedded",
            ["Agent:Broker:Authentication:PasswordFile"] = passwords,
            ["Agent:Broker:Authentication:AllowAnonymous"] = "false",
            ["Agent:Admin:Port"] = adminPort.ToString(CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        };
        var agent = new AgentProcess("agent", data, settings);
        ConfigRegion? started = null;
        try
        {
            await agent.StartAsync(wait);
            await FreePorts.WaitListeningAsync(adminPort, wait, () => !agent.IsRunning);
            var tokenFile = Path.Combine(data, "admin.token");
            await Eventually.HoldsAsync(() => File.Exists(tokenFile) && new FileInfo(tokenFile).Length > 0, wait, () => tokenFile + " was not written");
            var token = (await File.ReadAllTextAsync(tokenFile)).Trim();
            var api = new AdminApiClient(new Uri($"http://127.0.0.1:{adminPort}/"), token);
            started = new ConfigRegion(agent, api, region, adminPort);
            await started.CreateTerminalsAsync(central.Seed.DefaultKiosk.Token, count, progress, wait);
            return started;
        }
        catch
        {
            if (started is not null)
            {
                await started.DisposeAsync();
            }
            else
            {
                await agent.DisposeAsync();
            }
            throw;
        }
    }

    /// <summary>
    /// ONE push of <paramref name="settings"/> to the region's layer; completes when every terminal
    /// had its applied report for the version the PUT announced acknowledged.
    /// </summary>
    public async Task<ConvergenceRun> PushAsync(IReadOnlyDictionary<string, string?> settings, TimeSpan timeout)
    {
        var start = Stopwatch.GetTimestamp();
        var desired = await Api.PutConfigAsync("region", Region, settings, CancellationToken.None);
        var putTime = Stopwatch.GetElapsedTime(start);
        await Eventually.HoldsAsync(() => Unconverged(desired) == 0, timeout, () => DescribeConvergence(desired));
        var perTerminal = _terminals
            .Where(t => desired.ContainsKey(t.DeviceId))
            .Select(t => Stopwatch.GetElapsedTime(start, t.AppliedAcknowledgedAt(desired[t.DeviceId])!.Value))
            .ToArray();
        return new ConvergenceRun(desired, putTime, perTerminal);
    }

    /// <summary>Terminals named in <paramref name="desired"/> whose applied report for that version was not acknowledged yet.</summary>
    public int Unconverged(IReadOnlyDictionary<string, uint> desired) =>
        _terminals.Count(t => desired.TryGetValue(t.DeviceId, out var version) && t.AppliedAcknowledgedAt(version) is null);

    /// <summary>Counts for failure messages.</summary>
    public string DescribeConvergence(IReadOnlyDictionary<string, uint> desired)
    {
        var behind = _terminals.Where(t => desired.TryGetValue(t.DeviceId, out var v) && t.AppliedAcknowledgedAt(v) is null).ToArray();
        var refused = behind.Select(t => t.LastAcknowledgedReport).OfType<ConfigReport>().Where(r => r.IsRefused)
            .GroupBy(r => r.Reason).Select(g => $"{g.Key}: {g.Count()}");
        var sample = string.Join("; ", behind.Take(3).Select(t => $"{t.DeviceId} wants {desired[t.DeviceId]}, {t.Documents} documents, {t.Connects} connects, last report "
            + (t.LastAcknowledgedReport?.ToText().Replace('\n', ' ') ?? "none")));
        return $"{behind.Length} of {desired.Count} terminals without an applied report for their new version "
            + $"({behind.Count(t => !t.IsConnected)} disconnected; refusals [{string.Join(", ", refused)}]); e.g. {sample}";
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_terminals.Select(t => t.DisposeAsync().AsTask()));
        Api.Dispose();
        await _agent.StopAsync();
        await _agent.DisposeAsync();
    }

    private async Task CreateTerminalsAsync(string kioskToken, int count, Action<string>? progress, TimeSpan timeout)
    {
        var ids = Enumerable.Range(1, count).Select(i => "cv-" + i.ToString("D4", CultureInfo.InvariantCulture)).ToArray();
        var identities = new ConfigTerminalIdentity[count];
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = CreateParallelism }, async (i, ct) =>
        {
            identities[i] = await Api.CreateDeviceAsync(ids[i], kioskToken, ct);
            // Ten municipalities, a venue per ten terminals (each venue in one municipality): the region layer must reach through them all.
            await Api.SetSiteAsync(ids[i], Region, $"{Region}-m{i / 10 % 10}", $"{Region}-v{i / 10}", "balie-1", "org-" + (i % 10).ToString(CultureInfo.InvariantCulture), ct);
        });
        progress?.Invoke($"{count} devices created and sited through the admin API in {clock.Elapsed.TotalSeconds:F1} s");
        clock.Restart();
        var broker = new IPEndPoint(IPAddress.Loopback, _agent.BrokerPort);
        _terminals.AddRange(identities.Select(identity => new ConfigTerminal(identity, () => broker)));
        foreach (var terminal in _terminals)
        {
            terminal.Start();
        }
        await Eventually.HoldsAsync(() => _terminals.All(t => t.IsConnected), timeout,
            () => $"{_terminals.Count(t => !t.IsConnected)} of {_terminals.Count} terminals not connected");
        progress?.Invoke($"{count} terminals connected with their own credentials in {clock.Elapsed.TotalSeconds:F1} s");
    }
}
