using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Uitpas.Edge.Agent.Broker;

namespace Uitpas.Edge.Agent.Store;

/// <summary>Registration of the options for scale-out: the store provider and relay leases, the shared subscription group.</summary>
public static class StoreServiceCollectionExtensions
{
    /// <summary>
    /// Binds "Agent:Store" to <see cref="StoreOptions"/> and "Agent:Broker:External" to
    /// <see cref="SharedSubscriptionOptions"/>, validated at start.
    /// </summary>
    public static IServiceCollection AddUitpasEdgeStoreOptions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StoreOptions>().Bind(configuration.GetSection(StoreOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StoreOptions>, StoreOptionsValidator>();
        services.AddOptions<SharedSubscriptionOptions>().Bind(configuration.GetSection("Agent:Broker:External")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SharedSubscriptionOptions>, SharedSubscriptionOptionsValidator>();
        return services;
    }
}
