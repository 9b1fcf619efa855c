using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Uitpas.Edge.Agent.Access;
using Uitpas.Edge.Agent.Dashboard;

namespace Uitpas.Edge.Agent.Api;

/// <summary>
/// <c>POST /login</c> (form fields username, password, checked against the users file, read
/// again at every attempt) starts a dashboard session and redirects to <c>/</c>; a wrong name or
/// password answers the login page with its message (401). <c>POST /logout</c> ends the session
/// and redirects to <c>/login</c>. An unknown user costs the same work as a wrong password.
/// </summary>
internal static class LoginEndpoints
{
    public const string LoginPath = "/login";
    public const string LogoutPath = "/logout";

    /// <summary>Longest user name or password read from the form.</summary>
    private const int MaxField = 200;

    public static void MapLogin(this IEndpointRouteBuilder app, string usersFile, DashboardSessions sessions, ILogger logger)
    {
        var decoy = PasswordHash.Create(AdminSecrets.NewSecret(16), AdminSecrets.UserHashIterations);
        app.MapPost(LoginPath, async (HttpContext context) =>
        {
            if (!context.Request.HasFormContentType)
            {
                return Problems.BadRequest("Log in with a form: fields username and password (application/x-www-form-urlencoded).");
            }
            var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            var user = form["username"].ToString().Trim();
            var password = form["password"].ToString();
            if (user.Length is 0 or > MaxField || password.Length > MaxField || !Verify(usersFile, user, password, decoy, logger))
            {
                AdminLog.LoginRefused(logger, user.Length > MaxField ? user[..MaxField] : user, context.Connection.RemoteIpAddress?.ToString() ?? "?");
                return DashboardPages.Login(context, failed: true);
            }
            sessions.End(context.Request.Cookies[DashboardSessions.CookieName]);
            context.Response.Cookies.Append(DashboardSessions.CookieName, sessions.Start(user), new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Path = "/",
                Secure = context.Request.IsHttps,
                IsEssential = true,
            });
            AdminLog.LoggedIn(logger, user);
            return Results.Redirect("/", permanent: false, preserveMethod: false);
        });
        app.MapPost(LogoutPath, (HttpContext context) =>
        {
            sessions.End(context.Request.Cookies[DashboardSessions.CookieName]);
            context.Response.Cookies.Delete(DashboardSessions.CookieName, new CookieOptions { Path = "/", HttpOnly = true, SameSite = SameSiteMode.Strict });
            return Results.Redirect(LoginPath);
        });
    }

    private static bool Verify(string usersFile, string user, string password, string decoy, ILogger logger)
    {
        PasswordFile users;
        try
        {
            users = PasswordFile.Load(usersFile);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            AdminLog.UsersLineSkipped(logger, usersFile, 0, "unreadable: " + exception.Message);
            users = PasswordFile.Empty;
        }
        foreach (var error in users.Errors)
        {
            AdminLog.UsersLineSkipped(logger, usersFile, error.Line, error.Message);
        }
        if (!users.Users.TryGetValue(user, out var hash))
        {
            PasswordHash.Verify(password, decoy);
            return false;
        }
        return PasswordHash.Verify(password, hash);
    }
}
