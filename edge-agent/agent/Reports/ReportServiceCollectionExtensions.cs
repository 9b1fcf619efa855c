using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Uitpas.Edge.Agent.Sales;

namespace Uitpas.Edge.Agent.Reports;

/// <summary>Registration of the facts layer (pseudonyms, facts, retention, report source, cost-sharing keys) and of the counter sales.</summary>
public static class ReportServiceCollectionExtensions
{
    /// <summary>
    /// Binds "Agent:Reports" (validated at start) and registers <see cref="Pseudonymizer"/> (a hosted service: register
    /// after the store writer, before anything that records facts), <see cref="ReportStore"/> as <see cref="IReportSource"/>,
    /// <see cref="FactsRecorder"/>, <see cref="RetentionService"/>, and the sales (<see cref="SaleService"/>, <see cref="SaleReconciler"/>).
    /// </summary>
    public static IServiceCollection AddUitpasEdgeReports(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ReportOptions>().Bind(configuration.GetSection(ReportOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReportOptions>, ReportOptionsValidator>();
        services.AddSingleton<Pseudonymizer>();
        services.AddHostedService(provider => provider.GetRequiredService<Pseudonymizer>());
        services.AddSingleton<ReportStore>();
        services.AddSingleton<IReportSource>(provider => provider.GetRequiredService<ReportStore>());
        services.AddSingleton<FactsRecorder>();
        services.AddHostedService(provider => provider.GetRequiredService<FactsRecorder>());
        services.AddSingleton<RetentionService>();
        services.AddHostedService(provider => provider.GetRequiredService<RetentionService>());
        services.AddSingleton<SaleStore>();
        services.AddSingleton<SaleService>();
        services.AddSingleton<SaleReconciler>();
        services.AddHostedService(provider => provider.GetRequiredService<SaleReconciler>());
        return services;
    }
}
