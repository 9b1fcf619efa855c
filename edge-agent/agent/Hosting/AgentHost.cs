using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Uitpas.Edge.Agent.Api;
using Uitpas.Edge.Agent.Broker;
using Uitpas.Edge.Agent.Events;
using Uitpas.Edge.Agent.Observability;

namespace Uitpas.Edge.Agent.Hosting;

/// <summary>The agent in-process, for the demo and tests (Program.cs hosts it the same way).</summary>
public static class AgentHost
{
    /// <summary>
    /// An agent host for in-process use. <paramref name="overrides"/> is added on top of the
    /// usual sources (so it wins); <paramref name="configure"/> may add logging providers or
    /// replace services. Start it with <c>StartAsync</c>, stop it with <c>StopAsync</c>.
    /// In-process, the operations and admin listeners take a free port unless <paramref name="overrides"/>
    /// names one (several agents share a test process); read them with <see cref="GetOperationsEndPoint"/>
    /// and <see cref="GetAdminEndPoint"/>.
    /// </summary>
    public static IHost Build(IConfiguration overrides, Action<HostApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddConfiguration(overrides);
        if (overrides[OperationsOptions.SectionName + ":Port"] is null)
        {
            builder.Configuration.AddInMemoryCollection([new(OperationsOptions.SectionName + ":Port", "0")]);
        }
        if (overrides[AdminOptions.SectionName + ":Port"] is null)
        {
            builder.Configuration.AddInMemoryCollection([new(AdminOptions.SectionName + ":Port", "0")]);
        }
        builder.Services.AddUitpasEdgeAgent(builder.Configuration);
        configure?.Invoke(builder);
        return builder.Build();
    }

    /// <summary>The agent's in-process events.</summary>
    public static AgentEvents GetAgentEvents(this IHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.Services.GetRequiredService<AgentEvents>();
    }

    /// <summary>Where the operations listener (/alive, /health, /metrics) listens (its real port); null before start or when disabled.</summary>
    public static IPEndPoint? GetOperationsEndPoint(this IHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.Services.GetService<OperationsServer>()?.EndPoint;
    }

    /// <summary>Where the admin API and dashboard listen (their real port); null before start or when disabled.</summary>
    public static IPEndPoint? GetAdminEndPoint(this IHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.Services.GetService<AdminServer>()?.EndPoint;
    }

    /// <summary>Where the embedded broker listens (its real port, also when 0 was configured); null before start or with an external broker.</summary>
    public static IPEndPoint? GetBrokerEndPoint(this IHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.Services.GetService<EmbeddedBroker>()?.EndPoint;
    }
}
