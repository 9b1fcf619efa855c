using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Uitpas.Edge.Agent.Access;
using Uitpas.Edge.Agent.Broker;
using Uitpas.Edge.Agent.Configuration;
using Uitpas.Edge.Agent.Devices;
using Uitpas.Edge.Agent.Events;
using Uitpas.Edge.Agent.Fleet;
using Uitpas.Edge.Agent.Ingest;
using Uitpas.Edge.Agent.Presence;
using Uitpas.Edge.Agent.Observability;
using Uitpas.Edge.Agent.Relay;
using Uitpas.Edge.Agent.Reports;
using Uitpas.Edge.Agent.Snapshots;
using Uitpas.Edge.Agent.Store;
using Uitpas.Edge.Central;

namespace Uitpas.Edge.Agent.Hosting;

/// <summary>Registration of the whole agent in a host.</summary>
public static class AgentServiceCollectionExtensions
{
    /// <summary>
    /// Registers the agent: options (validated at start), store, device registry, reports' facts
    /// and sales, ingest, relay, central client and the broker chosen by "Agent:Broker:Mode".
    /// Hosted services start in this order (store, registry, pseudonym key, relay, broker) and
    /// stop in reverse: the broker stops taking taps first, the relay ends its calls, and the
    /// store writer commits what is queued and closes the database last.
    /// </summary>
    public static IServiceCollection AddUitpasEdgeAgent(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        AddOptions(services, configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddUitpasCentral(configuration.GetSection(CentralOptions.SectionName));

        services.AddSingleton<AgentEvents>();
        services.AddSingleton<AgentDatabase>();
        services.AddSingleton<StoreWriter>();
        services.AddSingleton<TapStore>();
        services.AddSingleton<RelayStore>();
        services.AddSingleton<DeviceRegistry>();
        services.AddUitpasEdgeAccess();
        services.AddSingleton<TapIngestor>();
        services.AddSingleton<RelaySignal>();
        services.AddSingleton(DeliveryServiceCollectionExtensions.CreateRelayService);

        services.AddUitpasEdgeObservability(configuration);
        services.AddHostedService(provider => provider.GetRequiredService<StoreWriter>());
        services.AddHostedService(provider => provider.GetRequiredService<DeviceRegistry>());
        services.AddUitpasEdgeReports(configuration);
        services.AddUitpasEdgeDelivery(configuration);
        services.AddHostedService(provider => provider.GetRequiredService<RelayService>());
        services.AddUitpasEdgePresence();
        services.AddUitpasEdgeConfiguration();
        AddBroker(services, configuration);
        services.AddUitpasEdgeSnapshots(configuration);
        services.AddUitpasEdgeFleet(configuration);
        return services;
    }

    private static void AddOptions(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AgentOptions>().Bind(configuration.GetSection(AgentOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DeviceSeedOptions>().Bind(configuration.GetSection(AgentOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DeviceSeedOptions>, DeviceSeedOptionsValidator>();
        services.AddOptions<BrokerOptions>().Bind(configuration.GetSection(BrokerOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BrokerOptions>, BrokerOptionsValidator>();
        services.AddOptions<RelayOptions>().Bind(configuration.GetSection(RelayOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddUitpasEdgeStoreOptions(configuration);
    }

    private static void AddBroker(IServiceCollection services, IConfiguration configuration)
    {
        var mode = configuration.GetSection(BrokerOptions.SectionName).GetValue(nameof(BrokerOptions.Mode), BrokerMode.Embedded);
        if (mode == BrokerMode.External)
        {
            services.AddSingleton<ExternalBrokerClient>();
            services.AddSingleton<IResultPublisher>(provider => provider.GetRequiredService<ExternalBrokerClient>());
            services.AddHostedService(provider => provider.GetRequiredService<ExternalBrokerClient>());
        }
        else
        {
            services.AddSingleton<EmbeddedBroker>();
            services.AddSingleton<IResultPublisher>(provider => provider.GetRequiredService<EmbeddedBroker>());
            services.AddHostedService(provider => provider.GetRequiredService<EmbeddedBroker>());
        }
    }
}
