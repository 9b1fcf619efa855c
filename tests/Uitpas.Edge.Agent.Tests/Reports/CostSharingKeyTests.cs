using Uitpas.Edge.Agent.Reports;

namespace Uitpas.Edge.Agent.Tests.Reports;

/// <summary>The cost-sharing key "participant/organizer/municipality": parsing, bounds and every refusal sentence (design §4).</summary>
public sealed class CostSharingKeyTests
{
    [Theory]
    [InlineData("20/40/40", 2000, 4000, 4000, "20/40/40")]
    [InlineData("25/35/40", 2500, 3500, 4000, "25/35/40")]
    [InlineData(" 12.5 / 37.5 / 50 ", 1250, 3750, 5000, "12.5/37.5/50")]
    [InlineData("0.01/10/89.99", 1, 1000, 8999, "0.01/10/89.99")]
    [InlineData("25/75/0", 2500, 7500, 0, "25/75/0")]
    [InlineData("20.50/39.5/40", 2050, 3950, 4000, "20.5/39.5/40")]
    public void A_valid_key_is_read_into_basis_points_and_written_back_as_percentages(string text, int participant, int organizer, int municipality, string written)
    {
        Assert.True(CostSharingKey.TryParse(text, out var key, out var error), error);
        Assert.Equal(new CostSharingKey(participant, organizer, municipality), key);
        Assert.Equal(string.Empty, error);
        Assert.Equal(written, key.ToString());
        Assert.True(CostSharingKey.TryParse(key.ToString(), out var again, out _));
        Assert.Equal(key, again);
    }

    [Theory]
    [InlineData("20/40", "a cost-sharing key is three percentages participant/organizer/municipality, e.g. 20/40/40, not '20/40'.")]
    [InlineData("20/40/40/0", "a cost-sharing key is three percentages participant/organizer/municipality, e.g. 20/40/40, not '20/40/40/0'.")]
    [InlineData("", "a cost-sharing key is three percentages participant/organizer/municipality, e.g. 20/40/40, not ''.")]
    [InlineData(null, "a cost-sharing key is three percentages participant/organizer/municipality, e.g. 20/40/40, not ''.")]
    [InlineData("twintig/40/40", "a cost-sharing key is three percentages participant/organizer/municipality, e.g. 20/40/40, not 'twintig/40/40'.")]
    [InlineData("20,5/39,5/40", "a cost-sharing key is three percentages participant/organizer/municipality, e.g. 20/40/40, not '20,5/39,5/40'.")]
    [InlineData("20//80", "a cost-sharing key is three percentages participant/organizer/municipality, e.g. 20/40/40, not '20//80'.")]
    [InlineData("1e1/50/40", "a cost-sharing key is three percentages participant/organizer/municipality, e.g. 20/40/40, not '1e1/50/40'.")]
    [InlineData("99999999999999999999/0/0", "a cost-sharing key is three percentages participant/organizer/municipality, e.g. 20/40/40, not '99999999999999999999/0/0'.")]
    [InlineData("20/40/35", "the shares add up to 100%, not 95% (20 + 40 + 35).")]
    [InlineData("20/40/40.5", "the shares add up to 100%, not 100.5% (20 + 40 + 40.5).")]
    [InlineData("30/40/30", "the participant's share must be more than 0% and at most 25%, not 30%.")]
    [InlineData("25.01/34.99/40", "the participant's share must be more than 0% and at most 25%, not 25.01%.")]
    [InlineData("0/50/50", "the participant's share must be more than 0% and at most 25%, not 0%.")]
    [InlineData("-5/55/50", "the participant's share must be more than 0% and at most 25%, not -5%.")]
    [InlineData("20/5/75", "the organizer's share must be at least 10%, not 5%.")]
    [InlineData("20/9.99/70.01", "the organizer's share must be at least 10%, not 9.99%.")]
    [InlineData("20/85/-5", "the municipality's share cannot be negative, not -5%.")]
    [InlineData("20.125/39.875/40", "shares have at most two decimals, not '20.125'.")]
    public void A_wrong_key_is_refused_with_a_sentence_that_says_what_is_wrong(string? text, string expected)
    {
        Assert.False(CostSharingKey.TryParse(text, out var key, out var error));
        Assert.Equal(expected, error);
        Assert.Equal(default, key);
    }

    [Fact]
    public void The_default_is_20_40_40_and_valid()
    {
        Assert.Equal("20/40/40", CostSharingKey.Default.ToString());
        Assert.True(CostSharingKey.Default.IsValid(out var error), error);
    }

    [Theory]
    [InlineData(2000, 4000, 4000, true, "")]
    [InlineData(2000, 4000, 3500, false, "the shares add up to 100%, not 95% (20 + 40 + 35).")]
    [InlineData(2600, 3400, 4000, false, "the participant's share must be more than 0% and at most 25%, not 26%.")]
    [InlineData(2000, 8500, -500, false, "the municipality's share cannot be negative, not -5%.")]
    public void A_key_read_from_the_store_is_checked_with_the_same_sentences(int participant, int organizer, int municipality, bool valid, string expected)
    {
        Assert.Equal(valid, new CostSharingKey(participant, organizer, municipality).IsValid(out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void An_unknown_card_system_is_named_with_the_known_ones_in_order()
    {
        Assert.Equal("card system 7 is not known to this agent (known: 1, 2).", CostSharingKey.UnknownCardSystem(7, [2, 1, 2]));
        Assert.Equal("card system 7 is not known to this agent (known: none).", CostSharingKey.UnknownCardSystem(7, []));
    }
}
