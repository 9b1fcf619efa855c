namespace Uitpas.Edge.Central;

/// <summary>The Luhn (mod 10) check digit that ends every 13-digit UiTPAS number (part of the contract: the client, the agent's imports and the simulator all check it).</summary>
public static class Luhn
{
    /// <summary>The check digit to append to <paramref name="payload"/> (digits only).</summary>
    public static int ComputeCheckDigit(string payload)
    {
        ArgumentException.ThrowIfNullOrEmpty(payload);
        // Walking from the right, the payload's last digit is doubled (it becomes the
        // second-to-last once the check digit is appended).
        return (10 - (Sum(payload, doubleFirst: true) % 10)) % 10;
    }

    /// <summary>True when <paramref name="number"/> is all digits (at least two) and its last digit is the Luhn check digit.</summary>
    public static bool IsValid(string? number)
    {
        if (number is null || number.Length < 2 || !number.All(char.IsAsciiDigit))
        {
            return false;
        }
        return Sum(number, doubleFirst: false) % 10 == 0;
    }

    /// <summary>True when <paramref name="number"/> has the shape of a UiTPAS number: 13 digits with a valid check digit.</summary>
    public static bool IsValidUitpasNumber(string? number) => number is { Length: 13 } && IsValid(number);

    private static int Sum(string digits, bool doubleFirst)
    {
        var sum = 0;
        var doubleIt = doubleFirst;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            if (!char.IsAsciiDigit(digits[i]))
            {
                throw new ArgumentException("Only digits are allowed.", nameof(digits));
            }
            var d = digits[i] - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum;
    }
}
