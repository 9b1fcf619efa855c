using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Uitpas.Edge.Central;

/// <summary>Registration of the central client.</summary>
public static class CentralServiceCollectionExtensions
{
    /// <summary>Name of the HttpClient the client and its token source use.</summary>
    public const string HttpClientName = "Uitpas.Edge.Central";

    /// <summary>
    /// Registers <see cref="IUitpasCentral"/> and <see cref="ITicketSales"/>: options bound from <paramref name="section"/> (the
    /// "Central" section) and validated at start, a shared token cache, and a typed HttpClient
    /// whose connections are recycled, so the client may be held by singletons. Uses the
    /// registered <see cref="TimeProvider"/>, or <see cref="TimeProvider.System"/>.
    /// </summary>
    public static IServiceCollection AddUitpasCentral(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);

        services.AddOptions<CentralOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CentralOptions>, CentralOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AccessTokenSource>();

        services.AddHttpClient<IUitpasCentral, UitpasCentralClient>(HttpClientName, http =>
            {
                // RequestTimeout is enforced per operation by the client itself.
                http.Timeout = Timeout.InfiniteTimeSpan;
                http.MaxResponseContentBufferSize = ResponseReader.MaxBodyBytes;
                http.DefaultRequestVersion = HttpVersion.Version11;
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                AutomaticDecompression = DecompressionMethods.All,
                AllowAutoRedirect = false,
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            // The default HttpClient logging writes request URIs, and GET /passes carries the
            // card number in its query: the client logs for itself instead.
            .RemoveAllLoggers();
        // The ticket-sale calls: the same client class on the same named HttpClient, resolved on its
        // own, so decorators of IUitpasCentral (circuit breaker, tests) are not in its way.
        services.TryAddTransient<ITicketSales>(provider => ActivatorUtilities.CreateInstance<UitpasCentralClient>(
            provider, provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName)));
        return services;
    }
}
