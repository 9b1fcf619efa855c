using Microsoft.Extensions.DependencyInjection;

namespace Uitpas.Edge.Agent.Presence;

/// <summary>Registration of the presence component.</summary>
public static class PresenceServiceCollectionExtensions
{
    /// <summary>
    /// Registers the presence tracker and its store. Call after the store writer and the device
    /// registry are registered (the tracker loads the stored rows when it starts) and before the
    /// broker (which feeds it), so it starts before the first status can arrive.
    /// </summary>
    public static IServiceCollection AddUitpasEdgePresence(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<PresenceStore>();
        services.AddSingleton<PresenceTracker>();
        services.AddHostedService(provider => provider.GetRequiredService<PresenceTracker>());
        return services;
    }
}
