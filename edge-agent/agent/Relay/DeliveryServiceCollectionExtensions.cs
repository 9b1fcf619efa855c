using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Uitpas.Edge.Agent.Alarms;
using Uitpas.Edge.Agent.Ingest;
using Uitpas.Edge.Central;

namespace Uitpas.Edge.Agent.Relay;

/// <summary>Registration of the delivery safeguards: alarms, the store cap with push-back, the circuit breaker to central.</summary>
public static class DeliveryServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="AlarmBoard"/>, <see cref="TapBacklog"/> (Agent:Store:MaxBacklog) and its
    /// <see cref="BacklogMonitor"/> (a hosted service: register after the store writer),
    /// <see cref="CircuitBreaker"/> (Agent:Relay:CircuitBreaker) and <see cref="CircuitBreakingCentral"/>,
    /// the central the relay calls through (see <see cref="CreateRelayService"/>). Options are validated at start.
    /// </summary>
    public static IServiceCollection AddUitpasEdgeDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<BacklogOptions>().Bind(configuration.GetSection(BacklogOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CircuitBreakerOptions>().Bind(configuration.GetSection(CircuitBreakerOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<CircuitBreakerOptions>, CircuitBreakerOptionsValidator>();
        services.AddSingleton<AlarmBoard>();
        services.AddSingleton<TapBacklog>();
        services.AddSingleton<CircuitBreaker>();
        services.AddSingleton(provider => new CircuitBreakingCentral(provider.GetRequiredService<IUitpasCentral>(), provider.GetRequiredService<CircuitBreaker>()));
        services.AddHostedService<BacklogMonitor>();
        return services;
    }

    /// <summary>The relay, calling central through the circuit breaker (the other components call central directly).</summary>
    public static RelayService CreateRelayService(IServiceProvider provider) =>
        ActivatorUtilities.CreateInstance<RelayService>(provider, provider.GetRequiredService<CircuitBreakingCentral>());
}
