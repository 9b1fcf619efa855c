using Uitpas.Edge.Central;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Central.Tests;

public sealed class LuhnTests
{
    [Theory]
    [InlineData("7992739871", 3)]
    [InlineData("090000009590", 2)]
    [InlineData("000000000000", 0)]
    [InlineData("1", 8)]
    public void Check_digit_is_computed_over_the_payload(string payload, int expected) =>
        Assert.Equal(expected, Luhn.ComputeCheckDigit(payload));

    [Theory]
    [InlineData("79927398713", true)]
    [InlineData("0900000095902", true)]
    [InlineData("79927398710", false)]
    [InlineData("0900000095903", false)]
    [InlineData("09000000959O2", false)]
    [InlineData("", false)]
    [InlineData("7", false)]
    [InlineData(null, false)]
    public void Validity_is_decided_by_the_last_digit(string? number, bool valid) =>
        Assert.Equal(valid, Luhn.IsValid(number));

    [Fact]
    public void Uitpas_numbers_must_have_13_digits()
    {
        Assert.True(Luhn.IsValidUitpasNumber("0900000095902"));
        Assert.False(Luhn.IsValidUitpasNumber("79927398713"));
    }

    [Fact]
    public void Every_single_digit_error_is_detected()
    {
        const string Valid = "0900000095902";
        for (var position = 0; position < Valid.Length; position++)
        {
            for (var digit = '0'; digit <= '9'; digit++)
            {
                if (digit != Valid[position])
                {
                    var changed = Valid[..position] + digit + Valid[(position + 1)..];
                    Assert.False(Luhn.IsValid(changed), changed);
                }
            }
        }
    }

    [Fact]
    public void Non_digits_in_a_payload_are_misuse() =>
        Assert.Throws<ArgumentException>(() => Luhn.ComputeCheckDigit("12a4"));
}
