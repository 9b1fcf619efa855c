using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Uitpas.Edge.Agent.Reports;
using Uitpas.Edge.Agent.Reports.Output;

namespace Uitpas.Edge.Agent.Api;

/// <summary>
/// The report endpoints of <c>/api/v1</c>: the participation report (JSON, CSV tables, SVG charts) and the social-tariff
/// settlement (JSON, summary CSV, a claim per organizer as CSV and printable HTML). Each request reads the facts and
/// builds its report once. Refusals are problems with the engine's sentences: 400 for a bad period, language or card
/// system number, 404 for a card system the agent does not know or a file the report does not have.
/// </summary>
internal static class ReportEndpoints
{
    public static RouteGroupBuilder MapReportEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/reports/participation", new Func<HttpContext, Task<IResult>>(context => ParticipationAsync(context, null)));
        api.MapGet("/reports/participation/files/{name}", (HttpContext context, string name) => ParticipationAsync(context, name));
        api.MapGet("/reports/settlement", new Func<HttpContext, Task<IResult>>(context => SettlementAsync(context, null)));
        api.MapGet("/reports/settlement/files/{name}", (HttpContext context, string name) => SettlementAsync(context, name));
        return api;
    }

    private static async Task<IResult> ParticipationAsync(HttpContext context, string? file)
    {
        if (Ask(context) is not { } ask)
        {
            return Refusal(context);
        }
        if (file is not null && !ReportFiles.ParticipationNames.Contains(file, StringComparer.Ordinal))
        {
            return Problems.NotFound($"The participation report has no file '{Printable(file)}' (files: {string.Join(", ", ReportFiles.ParticipationNames)}).");
        }
        var report = await ParticipationReport.BuildAsync(Source(context), ask.Period, context.RequestAborted).ConfigureAwait(false);
        NoStore(context);
        return file is null
            ? Results.Json(ParticipationView.Of(report, ask.Labels), Problems.Json)
            : Send(context, ReportFiles.Participation(report, file, ask.Labels)!);
    }

    private static async Task<IResult> SettlementAsync(HttpContext context, string? file)
    {
        if (Ask(context) is not { } ask)
        {
            return Refusal(context);
        }
        long? cardSystem = null;
        if (context.Request.Query["cardSystem"].ToString() is { Length: > 0 } text)
        {
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number <= 0)
            {
                return Problems.BadRequest($"cardSystem must be a card system number (1, 2, …), not '{Printable(text)}'.");
            }
            cardSystem = number;
        }
        var result = await SettlementReport.BuildAsync(Source(context), ask.Period, cardSystem, context.RequestAborted).ConfigureAwait(false);
        if (result.Report is not { } report)
        {
            return Problems.NotFound(result.Error);
        }
        NoStore(context);
        if (file is null)
        {
            return Results.Json(SettlementView.Of(report), Problems.Json);
        }
        return ReportFiles.Settlement(report, file, ask.Labels) is { } found
            ? Send(context, found)
            : Problems.NotFound($"The settlement has no file '{Printable(file)}' (files: {string.Join(", ", ReportFiles.SettlementNames(report))}).");
    }

    /// <summary>The period and language of the query; null (with the refusal stored on the context) when either is bad.</summary>
    private static Asked? Ask(HttpContext context)
    {
        var query = context.Request.Query;
        var today = ReportPeriod.Today(context.RequestServices.GetRequiredService<TimeProvider>());
        if (!ReportPeriod.TryParse(Printable(query["from"].ToString()), Printable(query["to"].ToString()), today, out var period, out var error)
            || !ReportLabels.TryGet(Printable(query["lang"].ToString()), out var labels, out error))
        {
            context.Items[typeof(Asked)] = error;
            return null;
        }
        return new Asked(period, labels);
    }

    private static IResult Refusal(HttpContext context) => Problems.BadRequest((string)context.Items[typeof(Asked)]!);

    private static IResult Send(HttpContext context, ReportFile file)
    {
        context.Response.Headers.XContentTypeOptions = "nosniff";
        if (file.ContentType == ReportFiles.HtmlType)
        {
            context.Response.Headers.ContentSecurityPolicy = ClaimDocument.ContentSecurityPolicy;
        }
        return Results.File(file.Content, file.ContentType, file.Name);
    }

    private static void NoStore(HttpContext context) => context.Response.Headers.CacheControl = "no-store";

    private static IReportSource Source(HttpContext context) => context.RequestServices.GetRequiredService<IReportSource>();

    /// <summary>What a refusal may quote of the caller's text: at most 40 characters, no control characters.</summary>
    private static string Printable(string text)
    {
        var clean = new string([.. text.Where(c => !char.IsControl(c))]);
        return clean.Length <= 40 ? clean : clean[..40] + "…";
    }

    private sealed record Asked(ReportPeriod Period, ReportLabels Labels);
}
