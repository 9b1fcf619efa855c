using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Uitpas.Edge.Agent.Api;

/// <summary>
/// Who is asking, for every request of the admin listener. <c>Authorization: Bearer &lt;token&gt;</c>
/// (the CLI; the token of Agent:Admin:TokenFile) or the dashboard's session cookie make
/// <see cref="HttpContext.User"/> authenticated (authentication type "Bearer" or "Cookie").
/// Under <c>/api/</c> anything else is a 401 problem; a wrong bearer token is refused even with
/// a cookie. A cookie-authenticated request other than GET/HEAD must carry
/// <c>X-Uitpas-Dashboard: 1</c> (a cross-site form cannot set it), else 403 — /login and /logout
/// excepted (no session yet; ending one does no harm). Pages decide themselves what an
/// unauthenticated visitor gets (the dashboard redirects to /login).
/// </summary>
internal sealed class AdminAuthentication(string token, DashboardSessions sessions, ILogger logger)
{
    /// <summary>The CSRF guard header of the dashboard's script.</summary>
    public const string DashboardHeader = "X-Uitpas-Dashboard";

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path;
        var isApi = path.StartsWithSegments("/api", StringComparison.Ordinal);
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.Length > 0)
        {
            if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                && AdminSecrets.TokenMatches(token, authorization["Bearer ".Length..].Trim()))
            {
                context.User = Principal("cli", "Bearer");
                await next(context).ConfigureAwait(false);
                return;
            }
            if (isApi)
            {
                await RefuseAsync(context, Problems.Unauthorized("The bearer token is not valid: use the token in the agent's admin.token file (--token-file)."), "bad token").ConfigureAwait(false);
                return;
            }
        }
        var user = sessions.UserOf(context.Request.Cookies[DashboardSessions.CookieName]);
        if (user is not null)
        {
            context.User = Principal(user, "Cookie");
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !IsLoginOrLogout(path)
                && context.Request.Headers[DashboardHeader] != "1")
            {
                await RefuseAsync(context, Problems.Forbidden($"A dashboard request that changes something must carry the header {DashboardHeader}: 1."), "no CSRF header").ConfigureAwait(false);
                return;
            }
        }
        else if (isApi)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await RefuseAsync(context, Problems.Unauthorized("Authentication required: send Authorization: Bearer <token> (the agent's admin.token file) or log in to the dashboard."), "no credentials").ConfigureAwait(false);
            return;
        }
        await next(context).ConfigureAwait(false);
    }

    private static bool IsLoginOrLogout(PathString path) =>
        path.Equals(LoginEndpoints.LoginPath, StringComparison.Ordinal) || path.Equals(LoginEndpoints.LogoutPath, StringComparison.Ordinal);

    private async Task RefuseAsync(HttpContext context, IResult problem, string reason)
    {
        AdminLog.Unauthorized(logger, reason, context.Request.Method, context.Request.Path.ToString(), context.Connection.RemoteIpAddress?.ToString() ?? "?");
        await Problems.WriteAsync(context, problem).ConfigureAwait(false);
    }

    private static ClaimsPrincipal Principal(string name, string type) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], type));
}
