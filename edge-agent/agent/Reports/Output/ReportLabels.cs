using System.Globalization;

namespace Uitpas.Edge.Agent.Reports.Output;

/// <summary>
/// The texts of the report files (CSV headers, chart titles, claim document) in Dutch (default), French and
/// English, and the number formats that go with them (nl-BE / fr-BE / en-BE: decimal comma for nl and fr).
/// </summary>
public sealed class ReportLabels
{
    /// <summary>The languages a report can be asked in.</summary>
    public static readonly IReadOnlyList<string> Languages = ["nl", "fr", "en"];

    private static readonly Dictionary<string, string[]> Texts = new(StringComparer.Ordinal)
    {
        // key: nl, fr, en
        ["total"] = ["Totaal", "Total", "Total"],
        ["unknown"] = ["onbekend", "inconnu", "unknown"],
        ["domain"] = ["Domein", "Domaine", "Domain"],
        ["organizer"] = ["Organisator", "Organisateur", "Organizer"],
        ["venue"] = ["Locatie", "Lieu", "Venue"],
        ["cardSystem"] = ["Kaartsysteem", "Système de carte", "Card system"],
        ["event"] = ["Evenement", "Événement", "Event"],
        ["eventId"] = ["Evenement-id", "Id de l'événement", "Event id"],
        ["week"] = ["Week", "Semaine", "Week"],
        ["month"] = ["Maand", "Mois", "Month"],
        ["from"] = ["Van", "Du", "From"],
        ["to"] = ["Tot en met", "Au", "To"],
        ["checkins"] = ["Check-ins", "Check-ins", "Check-ins"],
        ["refusedLimit"] = ["Limiet bereikt", "Limite atteinte", "Limit reached"],
        ["notCredited"] = ["Niet gecrediteerd", "Non crédités", "Not credited"],
        ["passholders"] = ["Unieke pashouders", "Titulaires uniques", "Unique passholders"],
        ["socialPassholders"] = ["Pashouders met kansentarief", "Titulaires au tarif social", "Passholders with social tariff"],
        ["socialShare"] = ["Aandeel kansentarief (%)", "Part tarif social (%)", "Social tariff share (%)"],
        ["socialSales"] = ["Verkopen kansentarief", "Ventes tarif social", "Social tariff sales"],
        ["previous"] = ["vorige periode", "période précédente", "previous period"],
        ["delta"] = ["verschil", "différence", "change"],
        ["percent"] = ["verschil (%)", "différence (%)", "change (%)"],
        ["period"] = ["Periode", "Période", "Period"],
        ["currentPeriod"] = ["deze periode", "cette période", "this period"],
        ["chartCheckins"] = ["Check-ins per domein", "Check-ins par domaine", "Check-ins per domain"],
        ["chartWeeks"] = ["Check-ins per week", "Check-ins par semaine", "Check-ins per week"],
        ["chartShare"] = ["Aandeel pashouders met kansentarief per domein", "Part des titulaires au tarif social par domaine", "Share of passholders with social tariff per domain"],
        ["suppressedNote"] = ["<5: verborgen om pashouders te beschermen (1 tot 4 pashouders, of een aanvullend verborgen cel)",
            "<5 : masqué pour protéger les titulaires (1 à 4 titulaires, ou cellule masquée en complément)",
            "<5: hidden to protect passholders (1 to 4 passholders, or a complementary hidden cell)"],
        ["saleDate"] = ["Verkoopdatum", "Date de vente", "Sale date"],
        ["centralSaleId"] = ["Verkoop-id (UiTPAS)", "Id de vente (UiTPAS)", "Sale id (UiTPAS)"],
        ["tariff"] = ["Tarief", "Tarif", "Tariff"],
        ["regular"] = ["Normale prijs (€)", "Prix normal (€)", "Regular price (€)"],
        ["paid"] = ["Betaald (€)", "Payé (€)", "Paid (€)"],
        ["participantShare"] = ["Deelnemer (€)", "Participant (€)", "Participant (€)"],
        ["organizerShare"] = ["Organisator (€)", "Organisateur (€)", "Organizer (€)"],
        ["municipalityShare"] = ["Gemeente (€)", "Commune (€)", "Municipality (€)"],
        ["key"] = ["Verdeelsleutel", "Clé de répartition", "Cost-sharing key"],
        ["deviation"] = ["Afwijking", "Écart", "Deviation"],
        ["deviationYes"] = ["afwijking", "écart", "deviation"],
        ["deviations"] = ["Afwijkingen", "Écarts", "Deviations"],
        ["sales"] = ["Verkopen", "Ventes", "Sales"],
        ["claimTitle"] = ["Vordering kansentarief", "Créance tarif social", "Social tariff claim"],
        ["municipalityPays"] = ["De gemeente betaalt", "La commune paie", "The municipality pays"],
        ["cardSystems"] = ["Kaartsysteem/-systemen", "Système(s) de carte", "Card system(s)"],
        ["keys"] = ["Verdeelsleutel(s) deelnemer/organisator/gemeente", "Clé(s) participant/organisateur/commune", "Key(s) participant/organizer/municipality"],
        ["deviationNote"] = ["Afwijking: de betaalde prijs verschilt van het aandeel van de deelnemer volgens de sleutel; de organisator draagt het verschil.",
            "Écart : le prix payé diffère de la part du participant selon la clé ; l'organisateur supporte la différence.",
            "Deviation: the price paid differs from the participant's share under the key; the organizer bears the difference."],
        ["noPassholderData"] = ["Dit document bevat geen gegevens over pashouders.", "Ce document ne contient aucune donnée de titulaire.", "This document holds no passholder data."],
        ["generated"] = ["Opgemaakt door de UiTPAS-edge-agent", "Établi par l'agent UiTPAS edge", "Made by the UiTPAS edge agent"],
    };

    private static readonly Dictionary<PolicyDomain, string[]> DomainNames = new()
    {
        [PolicyDomain.Cultuur] = ["cultuur", "culture", "culture"],
        [PolicyDomain.Jeugd] = ["jeugd", "jeunesse", "youth"],
        [PolicyDomain.Sport] = ["sport", "sport", "sport"],
        [PolicyDomain.Welzijn] = ["welzijn", "bien-être", "welfare"],
        [PolicyDomain.Overig] = ["overig", "autre", "other"],
        [PolicyDomain.Unknown] = ["onbekend", "inconnu", "unknown"],
    };

    private readonly int _index;

    private ReportLabels(string language, int index)
    {
        Language = language;
        _index = index;
        // Built here rather than from ICU's nl-BE/fr-BE, so the bytes never depend on the machine's culture data.
        Culture = new NumberFormatInfo { NumberDecimalSeparator = language == "en" ? "." : ",", NumberGroupSeparator = "", NegativeSign = "-" };
    }

    public static ReportLabels Dutch { get; } = new("nl", 0);

    /// <summary>"nl", "fr" or "en".</summary>
    public string Language { get; }

    /// <summary>Number format of the language: decimal comma for nl and fr (Excel nl-BE, fr-BE), point for en; no grouping.</summary>
    public NumberFormatInfo Culture { get; }

    /// <summary>The labels of <paramref name="language"/> (null or empty = Dutch); false with a sentence for anything else.</summary>
    public static bool TryGet(string? language, out ReportLabels labels, out string error)
    {
        var name = string.IsNullOrWhiteSpace(language) ? "nl" : language.Trim().ToLowerInvariant();
        var index = Languages.ToList().IndexOf(name);
        if (index < 0)
        {
            labels = Dutch;
            error = $"lang must be nl, fr or en, not '{language}'.";
            return false;
        }
        labels = index == 0 ? Dutch : new ReportLabels(name, index);
        error = string.Empty;
        return true;
    }

    public string this[string key] => Texts[key][_index];

    public string Domain(PolicyDomain domain) => DomainNames.TryGetValue(domain, out var names) ? names[_index] : DomainNames[PolicyDomain.Unknown][_index];

    /// <summary>A row's label in this language: domains and "unknown" translated, names as they are.</summary>
    public string RowLabel(ParticipationRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Domain is { } domain && row.From is null)
        {
            return Domain(domain);
        }
        if (row.Domain is { } crossed && row.From is not null)
        {
            return $"{Domain(crossed)} {row.Key[(row.Key.LastIndexOf(' ') + 1)..]}";
        }
        return row.IsUnknown ? this["unknown"] : row.Label;
    }

    /// <summary>A cell as text: "&lt;5" when suppressed, empty when not applicable, else the number ("33,3").</summary>
    public string Cell(Cell cell) => cell.Format(Culture);

    /// <summary>Euro cents as "3,20" (nl, fr) or "3.20" (en), always two decimals.</summary>
    public string Euro(long cents) => (cents / 100m).ToString("0.00", Culture);

    public string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
