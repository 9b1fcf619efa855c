using System.Collections.Frozen;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Uitpas.Edge.Agent.Dashboard;

/// <summary>
/// The dashboard's files, embedded in the agent (Dashboard/Assets): the page templates and the
/// style sheet and script served as they are. A template's <c>{{key}}</c> is the text of that
/// key in the page's language and <c>{{=name}}</c> a value of the request, both HTML-encoded,
/// except the few values the renderer builds as markup itself (<see cref="Markup"/>).
/// </summary>
internal static partial class DashboardAssets
{
    private const string Prefix = "Uitpas.Edge.Agent.Dashboard.Assets.";

    /// <summary>Static files by name, with their content type.</summary>
    public static readonly FrozenDictionary<string, (byte[] Content, string ContentType)> Files = new Dictionary<string, (byte[], string)>
    {
        ["dashboard.css"] = (Load("dashboard.css"), "text/css; charset=utf-8"),
        ["dashboard.js"] = (Load("dashboard.js"), "text/javascript; charset=utf-8"),
        ["reports.js"] = (Load("reports.js"), "text/javascript; charset=utf-8"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> Templates = new[] { "login.html", "fleet.html", "device.html", "reports.html" }
        .ToFrozenDictionary(name => name, name => Encoding.UTF8.GetString(Load(name)), StringComparer.Ordinal);

    /// <summary>A value that is already markup (built here from encoded parts), inserted as it is.</summary>
    public sealed record Markup(string Html);

    /// <summary>
    /// The page <paramref name="template"/> in <paramref name="language"/>: texts and values encoded,
    /// <c>{{=texts}}</c> the language's texts as JSON for the script, <c>{{=languages}}</c> the selector.
    /// </summary>
    public static string Render(string template, string language, IReadOnlyDictionary<string, object> values)
    {
        return Placeholder().Replace(Templates[template], match =>
        {
            string name = match.Groups["name"].Value;
            if (match.Groups["value"].Success)
            {
                return name switch
                {
                    "lang" => language,
                    "texts" => TextsJson(language),
                    "languages" => LanguageSelector(language),
                    _ => values.TryGetValue(name, out var value)
                        ? value is Markup markup ? markup.Html : WebUtility.HtmlEncode(value.ToString() ?? "")
                        : "",
                };
            }
            // An unknown key shows as [[key]], which the page tests look for.
            return DashboardTexts.Has(name) ? WebUtility.HtmlEncode(DashboardTexts.Get(name, language)) : "[[" + name + "]]";
        });
    }

    // The default encoder escapes <, >, &, ' and " as \uXXXX, so the JSON cannot end the script element.
    private static string TextsJson(string language) => JsonSerializer.Serialize(DashboardTexts.All(language));

    private static string LanguageSelector(string language)
    {
        var html = new StringBuilder("<nav class=\"languages\" aria-label=\"")
            .Append(WebUtility.HtmlEncode(DashboardTexts.Get("lang.label", language))).Append("\">");
        foreach (var code in DashboardTexts.Languages)
        {
            html.Append("<a href=\"?lang=").Append(code).Append("\" data-testid=\"lang-").Append(code).Append('"')
                .Append(code == language ? " aria-current=\"true\"" : "").Append('>')
                .Append(code.ToUpperInvariant()).Append("</a>");
        }
        return html.Append("</nav>").ToString();
    }

    private static byte[] Load(string name)
    {
        using var stream = typeof(DashboardAssets).Assembly.GetManifestResourceStream(Prefix + name)
            ?? throw new InvalidOperationException($"The dashboard file {name} is not embedded in the agent.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    [GeneratedRegex(@"\{\{(?<value>=)?(?<name>[A-Za-z0-9.\-]+)\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
