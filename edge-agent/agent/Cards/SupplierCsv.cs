using System.Globalization;
using Uitpas.Edge.Agent.Ingest;
using Uitpas.Edge.Central;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Agent.Cards;

/// <summary>One card of the supplier's file: the chip's UID and the UiTPAS number printed on it.</summary>
public sealed record CardNumberPair(string ChipNumber, string UitpasNumber);

/// <summary>What reading a supplier file gave: every pair, or every problem with its line.</summary>
public sealed record SupplierCsvResult(IReadOnlyList<CardNumberPair> Pairs, IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// The card supplier's CSV, which links each chip to its UiTPAS number:
/// <c>"044D71DA862680";"0945000057915"</c>, one card per line, fields quoted or not, an optional
/// header line, blank lines ignored. A file is taken whole or not at all: any bad line (bad
/// hex, a number failing its Luhn check, a chip listed twice with different numbers) refuses the
/// file with every problem named by its line, so nothing is half-imported.
/// </summary>
public static class SupplierCsv
{
    public const int MaxErrorsReported = 50;

    public static SupplierCsvResult Read(TextReader reader)
    {
        var pairs = new Dictionary<string, CardNumberPair>(StringComparer.Ordinal);
        var byNumber = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<string>();
        int lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            line = line.Trim().TrimStart('\uFEFF');
            if (line.Length == 0 || (lineNumber == 1 && LooksLikeHeader(line)))
            {
                continue;
            }
            string? problem = ReadLine(line, pairs, byNumber);
            if (problem is not null)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"line {lineNumber}: {problem}"));
                if (errors.Count >= MaxErrorsReported)
                {
                    errors.Add($"more than {MaxErrorsReported} problems; stopped reading");
                    break;
                }
            }
        }
        if (errors.Count == 0 && pairs.Count == 0)
        {
            errors.Add("the file holds no cards");
        }
        return errors.Count == 0
            ? new SupplierCsvResult([.. pairs.Values], [])
            : new SupplierCsvResult([], errors);
    }

    private static string? ReadLine(string line, Dictionary<string, CardNumberPair> pairs, Dictionary<string, string> byNumber)
    {
        string[] fields = line.Split(';');
        if (fields.Length != 2)
        {
            return $"expected 2 fields separated by ';', found {fields.Length}";
        }
        string chip = Unquote(fields[0]).ToUpperInvariant();
        string number = Unquote(fields[1]);
        var uid = ChipUid.TryParseHex(chip);
        if (uid is null || uid.Length != 7 || uid[0] != 0x04)
        {
            // Problems are logged: they name lines and card tails, never a full card or UiTPAS number.
            return "chip number is not 14 hex digits starting with 04";
        }
        if (!Luhn.IsValidUitpasNumber(number))
        {
            return "UiTPAS number is not 13 digits with a valid check digit";
        }
        if (pairs.TryGetValue(chip, out var known))
        {
            return known.UitpasNumber == number ? null : $"chip {CardTail.Of(uid)} is listed twice with different UiTPAS numbers";
        }
        if (byNumber.TryGetValue(number, out var otherChip))
        {
            return $"a UiTPAS number is listed for two chips ({CardTail.Of(ChipUid.TryParseHex(otherChip)!)} and {CardTail.Of(uid)})";
        }
        pairs[chip] = new CardNumberPair(chip, number);
        byNumber[number] = chip;
        return null;
    }

    private static string Unquote(string field)
    {
        field = field.Trim();
        return field.Length >= 2 && field[0] == '"' && field[^1] == '"' ? field[1..^1].Trim() : field;
    }

    private static bool LooksLikeHeader(string line) => !line.Any(char.IsAsciiDigit);
}
