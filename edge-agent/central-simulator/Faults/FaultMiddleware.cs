using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Uitpas.Edge.Simulator;

/// <summary>Counts every request, applies injected faults, and checks the bearer token of API calls.</summary>
internal sealed class FaultMiddleware(SimulatorContext sim, ILogger logger)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var endpoint = Endpoints.Classify(context.Request);
        sim.State.CountRequest(endpoint);
        var fault = endpoint == SimEndpoint.None ? null : sim.Faults.Take(endpoint);
        if (fault is not null)
        {
            SimulatorLog.FaultApplied(logger, fault.Kind, endpoint);
        }
        switch (fault?.Kind)
        {
            case FaultKind.ServiceUnavailable:
                SetRetryAfter(context, fault);
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync("Service Unavailable (simulated)", context.RequestAborted);
                return;
            case FaultKind.TooManyRequests:
                SetRetryAfter(context, fault);
                await SimJson.WriteAsync(context, Problems.RateLimited());
                return;
            case FaultKind.Hang:
                await HangAsync(context);
                return;
            case FaultKind.RejectBearerTokens:
                await SimJson.WriteAsync(context, Problems.Unauthorized("The access token was rejected (simulated)."));
                return;
        }
        if ((endpoint & SimEndpoint.Api) != 0 && !HasValidBearer(context))
        {
            await SimJson.WriteAsync(context, Problems.Unauthorized("A valid bearer access token is required."));
            return;
        }
        if (fault?.Kind is FaultKind.DropResponseAfterCommit or FaultKind.MalformedBody)
        {
            await RunBufferedAsync(context, next, fault.Kind);
            return;
        }
        await next(context);
    }

    private bool HasValidBearer(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        const string Prefix = "Bearer ";
        return header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && sim.Tokens.IsValid(header[Prefix.Length..].Trim());
    }

    private async Task HangAsync(HttpContext context)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, sim.Stopping);
        try
        {
            await Task.Delay(Timeout.Infinite, linked.Token);
        }
        catch (OperationCanceledException)
        {
            // The client gave up or the simulator stops: either way no answer is sent.
        }
        context.Abort();
    }

    private static async Task RunBufferedAsync(HttpContext context, RequestDelegate next, FaultKind kind)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        if (kind == FaultKind.DropResponseAfterCommit)
        {
            // The work is done (a check-in is committed), but not one byte of the answer leaves.
            context.Abort();
            return;
        }
        var bytes = buffer.ToArray();
        var cut = bytes.Length > 2 ? bytes[..(bytes.Length / 2)] : "{\"broken"u8.ToArray();
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = cut.Length;
        await original.WriteAsync(cut, context.RequestAborted);
    }

    private static void SetRetryAfter(HttpContext context, FaultRule fault)
    {
        if (fault.RetryAfterDate is { } date)
        {
            context.Response.Headers.RetryAfter = date.ToUniversalTime().ToString("R", CultureInfo.InvariantCulture);
        }
        else if (fault.RetryAfter is { } delay)
        {
            context.Response.Headers.RetryAfter = ((long)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
    }
}
