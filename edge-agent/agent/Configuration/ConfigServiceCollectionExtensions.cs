using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Uitpas.Edge.Agent.Devices;
using Uitpas.Edge.Agent.Fleet;
using Uitpas.Edge.Agent.Store;

namespace Uitpas.Edge.Agent.Configuration;

/// <summary>Registration of the config push component.</summary>
public static class ConfigServiceCollectionExtensions
{
    /// <summary>
    /// Registers the twins (loaded at start: call after the store writer and the device registry
    /// and before the broker, which feeds them reports) and the service that makes and publishes
    /// the documents (it waits for the host to have started before its first publish).
    /// <see cref="IDeviceKeys"/> defaults to the device registry.
    /// </summary>
    public static IServiceCollection AddUitpasEdgeConfiguration(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IDeviceKeys>(provider => provider.GetRequiredService<DeviceRegistry>());
        services.AddSingleton<ConfigLayers>();
        services.AddSingleton(provider => new ConfigStore(provider.GetRequiredService<StoreWriter>(), provider.GetRequiredService<AgentDatabase>()));
        services.AddSingleton(provider => new ConfigTwins(provider.GetRequiredService<ConfigStore>(), provider.GetRequiredService<ConfigLayers>(),
            provider.GetRequiredService<DeviceRegistry>(), provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<ConfigTwins>>()));
        services.AddSingleton<IConfigStatus>(provider => provider.GetRequiredService<ConfigTwins>());
        services.AddHostedService(provider => provider.GetRequiredService<ConfigTwins>());
        services.AddSingleton<ConfigService>();
        services.AddHostedService(provider => provider.GetRequiredService<ConfigService>());
        return services;
    }
}
