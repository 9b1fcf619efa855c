using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Central.Tests;

/// <summary>
/// A simulator on a free loopback port and the client wired the way the agent wires it
/// (AddUitpasCentral from configuration), both on one fake clock the test moves.
/// </summary>
internal sealed class CentralHarness : IAsyncDisposable
{
    /// <summary>Tuesday 10 March 2026, 10:00 in Brussels.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    private readonly CancellationTokenSource guard = new(TimeSpan.FromSeconds(60));

    private CentralHarness(FakeTimeProvider time, CentralSimulator sim, ServiceProvider services, CapturedLogs logs)
    {
        Time = time;
        Sim = sim;
        Services = services;
        Logs = logs;
        Client = services.GetRequiredService<IUitpasCentral>();
    }

    public FakeTimeProvider Time { get; }
    public CentralSimulator Sim { get; }
    public ServiceProvider Services { get; }
    public IUitpasCentral Client { get; }
    public CapturedLogs Logs { get; }

    /// <summary>Real-time guard so a broken test fails instead of hanging; never used to wait.</summary>
    public CancellationToken Ct => guard.Token;

    public SeedKiosk Kiosk => Sim.Seed.DefaultKiosk;

    public static async Task<CentralHarness> StartAsync(
        DateTimeOffset? start = null,
        Action<SimulatorOptions>? simulator = null,
        Action<IDictionary<string, string?>>? settings = null)
    {
        var time = new FakeTimeProvider(start ?? DefaultStart);
        var options = new SimulatorOptions { Port = 0, SeedNumber = 42, TimeProvider = time };
        simulator?.Invoke(options);
        var sim = await CentralSimulator.StartAsync(options);

        var values = new Dictionary<string, string?>(sim.ClientSettings()) { ["Central:RequestTimeout"] = "00:00:05" };
        settings?.Invoke(values);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var logs = new CapturedLogs();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace))
            .AddSingleton<TimeProvider>(time)
            .AddUitpasCentral(configuration.GetSection(CentralOptions.SectionName))
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new CentralHarness(time, sim, services, logs);
    }

    public Task<CentralResponse<KioskCheckin>> TapAsync(SeedCard card, SeedKiosk? kiosk = null) =>
        Client.KioskCheckinAsync((kiosk ?? Kiosk).Token, card.ChipNumber, Ct);

    public SeedEvent EventOf(SeedKiosk kiosk) => Sim.Seed.Event(kiosk.CurrentEventId!)!;

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Sim.DisposeAsync();
        guard.Dispose();
    }
}
