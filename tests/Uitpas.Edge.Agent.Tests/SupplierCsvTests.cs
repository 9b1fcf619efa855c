using Uitpas.Edge.Agent.Cards;

namespace Uitpas.Edge.Agent.Tests;

public sealed class SupplierCsvTests
{
    [Fact]
    public void Supplier_rows_are_read_quoted_or_not_with_header_and_blank_lines()
    {
        const string file = "\uFEFFchip;uitpas\n\"044D71DA862680\";\"0945000057915\"\n\n044d71da862681 ; 0945000057923\r\n";

        var result = SupplierCsv.Read(new StringReader(file));

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(
            [new CardNumberPair("044D71DA862680", "0945000057915"), new CardNumberPair("044D71DA862681", "0945000057923")],
            result.Pairs.OrderBy(p => p.ChipNumber));
    }

    [Theory]
    [InlineData("\"044D71DA862680\";\"0945000057916\"", "line 1: UiTPAS number is not 13 digits with a valid check digit")]
    [InlineData("\"054D71DA862680\";\"0945000057915\"", "line 1: chip number is not 14 hex digits starting with 04")]
    [InlineData("\"044D71DA8626\";\"0945000057915\"", "line 1: chip number is not 14 hex digits starting with 04")]
    [InlineData("044D71DA862680,0945000057915", "line 1: expected 2 fields separated by ';', found 1")]
    [InlineData("044D71DA862680;0945000057915\n044D71DA862680;0945000057923", "line 2: chip …2680 is listed twice with different UiTPAS numbers")]
    [InlineData("044D71DA862680;0945000057915\n044D71DA862681;0945000057915", "line 2: a UiTPAS number is listed for two chips (…2680 and …2681)")]
    [InlineData("", "the file holds no cards")]
    public void A_bad_line_refuses_the_whole_file_naming_the_line(string file, string expected)
    {
        var result = SupplierCsv.Read(new StringReader(file));

        Assert.False(result.IsValid);
        Assert.Empty(result.Pairs);
        Assert.Contains(expected, result.Errors);
    }

    [Fact]
    public void The_same_row_twice_is_harmless()
    {
        var result = SupplierCsv.Read(new StringReader("044D71DA862680;0945000057915\n044D71DA862680;0945000057915"));
        Assert.Single(result.Pairs);
    }

    [Fact]
    public void A_file_full_of_errors_is_reported_up_to_a_limit()
    {
        string file = string.Join('\n', Enumerable.Repeat("garbage", 500));
        var result = SupplierCsv.Read(new StringReader(file));
        Assert.Equal(SupplierCsv.MaxErrorsReported + 1, result.Errors.Count);
    }
}
