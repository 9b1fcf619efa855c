using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging;

namespace Uitpas.Edge.Simulator;

/// <summary>
/// The UiTPAS API 4.0 contract served on 127.0.0.1 with a synthetic seed: start it in-process
/// with <see cref="StartAsync"/> (demo, tests) or run the program standalone.
/// </summary>
public sealed class CentralSimulator : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(5);

    private readonly WebApplication app;
    private readonly CancellationTokenSource stopping;
    private readonly SimulatorContext context;
    private readonly ILogger logger;
    private int disposed;

    private CentralSimulator(WebApplication app, CancellationTokenSource stopping, SimulatorContext context, Uri baseAddress, ILogger logger)
    {
        this.app = app;
        this.stopping = stopping;
        this.context = context;
        this.logger = logger;
        BaseAddress = baseAddress;
        TokenEndpoint = new Uri(baseAddress, Endpoints.TokenPath.TrimStart('/'));
    }

    /// <summary>Where the API is served, e.g. http://127.0.0.1:5080/ (always ends with a slash).</summary>
    public Uri BaseAddress { get; }

    /// <summary>The OAuth2 token endpoint (client credentials).</summary>
    public Uri TokenEndpoint { get; }

    /// <summary>The client id the token endpoint accepts.</summary>
    public string ClientId => context.Options.ClientId;

    /// <summary>The client secret the token endpoint accepts.</summary>
    public string ClientSecret => context.Options.ClientSecret;

    /// <summary>The synthetic catalogue.</summary>
    public SeedCatalogue Seed => context.Seed;

    /// <summary>Read-only view of what happened: check-ins, points, request counts.</summary>
    public SimulatorState State => context.State;

    /// <summary>Faults to switch on and off at run time.</summary>
    public SimulatorFaults Faults => context.Faults;

    /// <summary>Starts listening; the seed is generated from <see cref="SimulatorOptions.SeedNumber"/>.</summary>
    public static async Task<CentralSimulator> StartAsync(SimulatorOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var seed = SeedGenerator.Generate(options.SeedNumber, options.PassholderCount);
        var state = new SimulatorState(seed);
        var stopping = new CancellationTokenSource();
        var sim = new SimulatorContext(
            options,
            seed,
            state,
            new SimulatorFaults(),
            new TokenIssuer(options.TokenLifetime, options.TimeProvider),
            new CentralRules(seed, state, options.TimeProvider),
            stopping.Token);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(CentralSimulator).Assembly.GetName().Name,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port);
        });
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, EmbeddedLifetime>();
        options.ConfigureLogging?.Invoke(builder.Logging);
        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Uitpas.Edge.Simulator");
        var middleware = new FaultMiddleware(sim, logger);
        app.Use(middleware.InvokeAsync);
        Endpoints.Map(app, sim);

        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            stopping.Dispose();
            throw;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var baseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        SimulatorLog.Started(logger, baseAddress, seed.SeedNumber, seed.Cards.Count, seed.Kiosks.Count);
        return new CentralSimulator(app, stopping, sim, baseAddress, logger);
    }

    /// <summary>Configures (or with null removes) the kiosk's current event.</summary>
    public void SetKioskCurrentEvent(string kioskToken, string? eventId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kioskToken);
        if (Seed.KioskByToken(kioskToken) is null)
        {
            throw new ArgumentException("Unknown kiosk token.", nameof(kioskToken));
        }
        if (eventId is not null && Seed.Event(eventId) is null)
        {
            throw new ArgumentException("Unknown event id.", nameof(eventId));
        }
        State.SetKioskEvent(kioskToken, eventId);
    }

    /// <summary>Sets (or with null resets to one per day) the event's check-in limit per passholder.</summary>
    public void SetCheckinLimit(string eventId, CheckinLimitRule? limit)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventId);
        if (Seed.Event(eventId) is null)
        {
            throw new ArgumentException("Unknown event id.", nameof(eventId));
        }
        if (limit is { Volume: < 1 })
        {
            throw new ArgumentOutOfRangeException(nameof(limit), "A check-in limit's volume is at least 1.");
        }
        State.SetCheckinLimit(eventId, limit);
    }

    /// <summary>Switches the social tariff of the card with this UiTPAS number on or off (it then appears in, or leaves, its card system's social-tariff export).</summary>
    public void SetSocialTariff(string uitpasNumber, bool active)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uitpasNumber);
        if (Seed.CardByUitpasNumber(uitpasNumber) is null)
        {
            throw new ArgumentException("Unknown UiTPAS number.", nameof(uitpasNumber));
        }
        State.SocialTariffs.Set(uitpasNumber, active);
    }

    /// <summary>Invalidates every issued access token (as after a key rotation): the next API call with one gets a 401.</summary>
    public void RevokeAllTokens() => context.Tokens.RevokeAll();

    /// <summary>Configuration entries for the central client (section <paramref name="section"/>), e.g. for AddInMemoryCollection.</summary>
    public IReadOnlyDictionary<string, string?> ClientSettings(string section = "Central") => new Dictionary<string, string?>
    {
        [section + ":BaseAddress"] = BaseAddress.AbsoluteUri,
        [section + ":TokenEndpoint"] = TokenEndpoint.AbsoluteUri,
        [section + ":ClientId"] = ClientId,
        [section + ":ClientSecret"] = ClientSecret,
    };

    /// <summary>Stops listening; requests held by a Hang fault are released.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }
        await stopping.CancelAsync().ConfigureAwait(false);
        using (var grace = new CancellationTokenSource(ShutdownGrace))
        {
            await app.StopAsync(grace.Token).ConfigureAwait(false);
        }
        await app.DisposeAsync().ConfigureAwait(false);
        stopping.Dispose();
        SimulatorLog.Stopped(logger);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Central simulator at {BaseAddress} (seed {Seed.SeedNumber})");
}
