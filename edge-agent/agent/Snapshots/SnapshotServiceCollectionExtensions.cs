using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Uitpas.Edge.Agent.Snapshots;

/// <summary>Registration of the snapshot component.</summary>
public static class SnapshotServiceCollectionExtensions
{
    /// <summary>
    /// Registers the snapshot component. The inbox is always there (the brokers route to it; it
    /// takes nothing while snapshots are disabled); the card lookups, the builders' loop and the
    /// HTTP listener run only when "Agent:Snapshots:Enabled" is true. Call after the broker is
    /// registered: these hosted services start after it and stop before it.
    /// </summary>
    public static IServiceCollection AddUitpasEdgeSnapshots(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SnapshotOptions>().Bind(configuration.GetSection(SnapshotOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<SnapshotOptions>, SnapshotOptionsValidator>();
        services.AddSingleton<SnapshotEvents>();
        services.AddSingleton<SnapshotKeys>();
        services.AddSingleton<SnapshotFileStore>();
        services.AddSingleton<SnapshotCatalog>();
        services.AddSingleton<SnapshotReports>();
        services.AddSingleton<CardMap>();
        services.AddSingleton<SnapshotInbox>();
        services.AddSingleton<SnapshotHttpServer>();
        services.AddSingleton<AllowlistBuilder>();
        services.AddSingleton<EventsBuilder>();
        services.AddSingleton<ManifestPublisher>();
        services.AddSingleton<CardLookupService>();
        services.AddSingleton<SnapshotService>();
        services.AddSingleton<ISnapshotTransport>(provider =>
            (ISnapshotTransport?)provider.GetService<Broker.EmbeddedBroker>() ?? provider.GetRequiredService<Broker.ExternalBrokerClient>());

        var enabled = configuration.GetSection(SnapshotOptions.SectionName).GetValue<bool>(nameof(SnapshotOptions.Enabled));
        if (enabled)
        {
            services.AddHostedService(provider => provider.GetRequiredService<SnapshotHttpServer>());
            services.AddHostedService(provider => provider.GetRequiredService<CardLookupService>());
            services.AddHostedService(provider => provider.GetRequiredService<SnapshotService>());
        }
        return services;
    }
}
