using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Uitpas.Edge.Agent.Hosting;

/// <summary>
/// A small Kestrel listener of its own inside the agent's host (the snapshot downloads, the
/// operations endpoints): an empty web application on one address and port, with routing and
/// no lifetime of its own, so only the agent's host reacts to Ctrl+C.
/// </summary>
internal static class SideListener
{
    /// <summary>The builder: Kestrel bound to <paramref name="address"/>:<paramref name="port"/> (0 = a free port), routing, logging.</summary>
    public static WebApplicationBuilder CreateBuilder(Type owner, IPAddress address, int port)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = owner.Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(address, port);
        });
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton<IHostLifetime, NoHostLifetime>();
        builder.Services.AddLogging();
        return builder;
    }

    /// <summary>Where a started listener is bound (the real port when 0 was asked for).</summary>
    public static IPEndPoint BoundEndPoint(WebApplication app, IPAddress address)
    {
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        return new IPEndPoint(address, bound.Port);
    }

    /// <summary>Stops and disposes a listener.</summary>
    public static async Task StopAsync(WebApplication app, CancellationToken cancellationToken)
    {
        await app.StopAsync(cancellationToken).ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class NoHostLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
