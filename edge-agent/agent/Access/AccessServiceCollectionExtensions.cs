using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Uitpas.Edge.Agent.Access;

/// <summary>Registration of identity and access: the device-bound policy and the CONNECT authenticator.</summary>
public static class AccessServiceCollectionExtensions
{
    /// <summary>Registers <see cref="DeviceBoundAccessPolicy"/> (unless a policy is registered already) and <see cref="BrokerAuthenticator"/>.</summary>
    public static IServiceCollection AddUitpasEdgeAccess(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IAccessPolicy, DeviceBoundAccessPolicy>();
        services.TryAddSingleton<BrokerAuthenticator>();
        return services;
    }
}
