using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Uitpas.Edge.Agent.Api;

/// <summary>RFC 7807 answers (<c>application/problem+json</c>: type, title, status, detail — a sentence the CLI prints) and the API's JSON settings.</summary>
public static class Problems
{
    /// <summary>Where the problem types are named (not a page to fetch).</summary>
    public const string TypeBase = "https://uitpas-edge.invalid/problems/";

    /// <summary>camelCase, times ISO-8601, nulls written.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, "bad-request", "Bad request", detail);

    public static IResult Unauthorized(string detail) => Problem(StatusCodes.Status401Unauthorized, "unauthorized", "Unauthorized", detail);

    public static IResult Forbidden(string detail) => Problem(StatusCodes.Status403Forbidden, "forbidden", "Forbidden", detail);

    public static IResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "not-found", "Not found", detail);

    public static IResult Conflict(string detail) => Problem(StatusCodes.Status409Conflict, "conflict", "Conflict", detail);

    public static IResult ServerError(string detail) => Problem(StatusCodes.Status500InternalServerError, "server-error", "Internal error", detail);

    /// <summary>A problem with the given status, type slug, title and detail.</summary>
    public static IResult Problem(int status, string slug, string title, string detail) =>
        Results.Json(new ProblemBody(TypeBase + slug, title, status, detail), Json, "application/problem+json", status);

    /// <summary>Writes a problem straight to the response (for middleware).</summary>
    public static Task WriteAsync(HttpContext context, IResult problem)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(problem);
        return problem.ExecuteAsync(context);
    }

    private sealed record ProblemBody(string Type, string Title, int Status, string Detail);
}
