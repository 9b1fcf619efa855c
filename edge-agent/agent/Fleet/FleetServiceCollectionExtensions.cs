using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Uitpas.Edge.Agent.Api;
using Uitpas.Edge.Agent.Devices;

namespace Uitpas.Edge.Agent.Fleet;

/// <summary>Registration of the fleet view, its changes and the admin listener.</summary>
public static class FleetServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IDeviceKeys"/> (the device registry), <see cref="FleetView"/>,
    /// <see cref="FleetAdmin"/> and the <see cref="AdminServer"/> with its options "Agent:Admin"
    /// (validated at start). Call last: the admin listener then starts after everything it
    /// shows and stops first.
    /// </summary>
    public static IServiceCollection AddUitpasEdgeFleet(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AdminOptions>().Bind(configuration.GetSection(AdminOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AdminOptions>, AdminOptionsValidator>();
        services.TryAddSingleton<IDeviceKeys>(provider => provider.GetRequiredService<DeviceRegistry>());
        services.AddSingleton<TapHistory>();
        services.AddSingleton<FleetView>();
        services.AddSingleton<FleetAdmin>();
        services.AddSingleton<AdminServer>();
        services.AddHostedService(provider => provider.GetRequiredService<AdminServer>());
        return services;
    }
}
