using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Uitpas.Edge.Agent.Dashboard;
using Uitpas.Edge.Agent.Hosting;

namespace Uitpas.Edge.Agent.Api;

/// <summary>
/// The admin listener (Kestrel on its own port, 127.0.0.1:8090 by default): the JSON API under
/// <c>/api/v1</c> for the CLI (bearer token) and the dashboard (session cookie), the login and
/// logout posts, and the dashboard's pages. Endpoints resolve the agent's services from
/// <see cref="HttpContext.RequestServices"/>, which sees the listener's own services first and
/// then the agent's. At first start it creates the token file and the users file (see
/// <see cref="AdminSecrets"/>).
/// </summary>
public sealed class AdminServer : IHostedService, IAsyncDisposable
{
    /// <summary>The API's prefix.</summary>
    public const string ApiPrefix = "/api/v1";

    private readonly AdminOptions _options;
    private readonly AgentOptions _agent;
    private readonly IServiceProvider _services;
    private readonly TimeProvider _time;
    private readonly ILogger<AdminServer> _logger;
    private WebApplication? _app;

    public AdminServer(IOptions<AdminOptions> options, IOptions<AgentOptions> agent, IServiceProvider services, TimeProvider time, ILogger<AdminServer> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(agent);
        _options = options.Value;
        _agent = agent.Value;
        _services = services;
        _time = time;
        _logger = logger;
    }

    /// <summary>Where the listener is bound (the real port), once started; null when disabled or stopped.</summary>
    public IPEndPoint? EndPoint { get; private set; }

    /// <summary>The bearer token file's full path.</summary>
    public string TokenPath => _options.TokenPath(_agent);

    /// <summary>The dashboard users file's full path.</summary>
    public string UsersPath => _options.UsersPath(_agent);

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            return;
        }
        var token = AdminSecrets.LoadOrCreateToken(TokenPath, _logger);
        AdminSecrets.EnsureUsers(UsersPath, _logger);
        var address = IPAddress.Parse(_options.BindAddress);
        if (!IPAddress.IsLoopback(address))
        {
            AdminLog.NotLoopback(_logger, address.ToString());
        }
        var app = SideListener.CreateBuilder(typeof(AdminServer), address, _options.Port).Build();
        var sessions = new DashboardSessions(_time, _options.SessionIdleTimeout);
        var authentication = new AdminAuthentication(token, sessions, _logger);
        app.Use(async (context, next) =>
        {
            context.RequestServices = new LayeredServices(context.RequestServices, _services);
            try
            {
                await next(context).ConfigureAwait(false);
            }
            catch (Exception exception) when (!context.Response.HasStarted && exception is not OperationCanceledException)
            {
                AdminLog.RequestFailed(_logger, context.Request.Method, context.Request.Path.ToString(), exception);
                context.Response.Clear();
                var detail = exception is Fleet.FleetException ? exception.Message : "The agent could not handle the request; its log says why.";
                await Problems.WriteAsync(context, Problems.ServerError(detail)).ConfigureAwait(false);
            }
        });
        app.Use(authentication.InvokeAsync);
        app.UseRouting();
        app.MapLogin(UsersPath, sessions, _logger);
        var api = app.MapGroup(ApiPrefix);
        api.MapDeviceEndpoints();
        api.MapConfigEndpoints();
        api.MapSaleEndpoints();
        api.MapCostSharingEndpoints();
        api.MapReportEndpoints();
        api.MapFallback((HttpContext context) => Problems.NotFound($"There is no API endpoint {context.Request.Method} {context.Request.Path}."));
        app.MapDashboard();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        EndPoint = SideListener.BoundEndPoint(app, address);
        AdminLog.Started(_logger, EndPoint.ToString(), TokenPath);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is { } app)
        {
            _app = null;
            EndPoint = null;
            await SideListener.StopAsync(app, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    /// <summary>The listener's request services first, then the agent's.</summary>
    private sealed class LayeredServices(IServiceProvider first, IServiceProvider second) : IServiceProvider
    {
        public object? GetService(Type serviceType) => first.GetService(serviceType) ?? second.GetService(serviceType);
    }
}
