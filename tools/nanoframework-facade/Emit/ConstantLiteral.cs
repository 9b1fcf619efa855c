using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Uitpas.Edge.Tools.NfFacade.Surface;

namespace Uitpas.Edge.Tools.NfFacade.Emit;

/// <summary>Turns the value of a <c>const field</c> line into a C# constant expression.</summary>
internal static class ConstantLiteral
{
    public static string For(string typeName, string value, int line, Func<string>? enumTypeName = null)
    {
        switch (typeName)
        {
            case "System.String":
                return IsStringLiteral(value) ? value : throw Bad(typeName, value, line);
            case "System.Char":
                return CharLiteral(value, line);
            case "System.Boolean":
                return value switch
                {
                    "True" or "true" => "true",
                    "False" or "false" => "false",
                    _ => throw Bad(typeName, value, line),
                };
            case "System.Single":
                return FloatingLiteral(value, "F", line, typeName);
            case "System.Double":
                return FloatingLiteral(value, "D", line, typeName);
            case "System.SByte" or "System.Int16" or "System.Int32":
                return IntegerLiteral(value, long.MinValue, long.MaxValue, string.Empty, line, typeName);
            case "System.Byte" or "System.UInt16":
                return IntegerLiteral(value, 0, long.MaxValue, string.Empty, line, typeName);
            case "System.UInt32":
                return IntegerLiteral(value, 0, long.MaxValue, "U", line, typeName);
            case "System.Int64":
                return IntegerLiteral(value, long.MinValue, long.MaxValue, "L", line, typeName);
            case "System.UInt64":
                return ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? value + "UL" : throw Bad(typeName, value, line);
            default:
                if (enumTypeName is null || !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                {
                    throw Bad(typeName, value, line);
                }

                return $"({enumTypeName()})({number.ToString(CultureInfo.InvariantCulture)})";
        }
    }

    private static bool IsStringLiteral(string value)
    {
        if (value.Length < 2 || value[0] != '"' || value[^1] != '"')
        {
            return false;
        }

        var token = SyntaxFactory.ParseToken(value);
        return token.IsKind(SyntaxKind.StringLiteralToken) && token.Span.Length == value.Length && !token.ContainsDiagnostics;
    }

    private static string CharLiteral(string value, int line)
    {
        if (value.Length == 6 && value.StartsWith("\\u", StringComparison.Ordinal)
            && int.TryParse(value[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
        {
            return $"'\\u{code:X4}'";
        }

        if (value.Length == 1)
        {
            return $"'\\u{(int)value[0]:X4}'";
        }

        throw Bad("System.Char", value, line);
    }

    private static string FloatingLiteral(string value, string suffix, int line, string typeName)
    {
        return value switch
        {
            "NaN" => $"0.0{suffix} / 0.0{suffix}",
            "Infinity" => $"1.0{suffix} / 0.0{suffix}",
            "-Infinity" => $"-1.0{suffix} / 0.0{suffix}",
            _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) => value + suffix,
            _ => throw Bad(typeName, value, line),
        };
    }

    private static string IntegerLiteral(string value, long min, long max, string suffix, int line, string typeName)
    {
        if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
        {
            throw Bad(typeName, value, line);
        }

        return number.ToString(CultureInfo.InvariantCulture) + suffix;
    }

    private static SurfaceFormatException Bad(string typeName, string value, int line) =>
        new(SurfaceErrors.MalformedLine, line, $"'{value}' is not a valid constant of type {typeName}");
}
