using Uitpas.Edge.Central;
using System.Text.RegularExpressions;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Central.Tests;

public sealed partial class SeedTests
{
    [GeneratedRegex("^04[0-9A-F]{12}$")]
    private static partial Regex ChipNumberShape();

    [Fact]
    public void Same_seed_number_gives_the_same_catalogue()
    {
        var a = SeedGenerator.Generate(7);
        var b = SeedGenerator.Generate(7);

        Assert.Equal(a.Cards, b.Cards);
        Assert.Equal(a.Passholders, b.Passholders);
        Assert.Equal(a.Events, b.Events);
        Assert.Equal(a.Kiosks, b.Kiosks);
        Assert.Equal(a.UnknownChipNumbers, b.UnknownChipNumbers);
        Assert.Equal(a.UnknownUitpasNumbers, b.UnknownUitpasNumbers);
    }

    [Fact]
    public void Different_seed_numbers_give_different_cards()
    {
        var a = SeedGenerator.Generate(7);
        var b = SeedGenerator.Generate(8);

        Assert.Empty(a.Cards.Select(c => c.ChipNumber).Intersect(b.Cards.Select(c => c.ChipNumber)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(42)]
    [InlineData(-5)]
    public void Every_seeded_uitpas_number_has_13_digits_and_passes_luhn(int seedNumber)
    {
        var seed = SeedGenerator.Generate(seedNumber, 500);

        Assert.All(seed.Cards.Select(c => c.UitpasNumber).Concat(seed.UnknownUitpasNumbers), number =>
        {
            Assert.Equal(13, number.Length);
            Assert.True(Luhn.IsValid(number), number);
        });
        Assert.Equal(seed.Cards.Count, seed.Cards.Select(c => c.UitpasNumber).Distinct().Count());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(42)]
    public void Every_chip_number_is_14_uppercase_hex_characters_starting_with_04(int seedNumber)
    {
        var seed = SeedGenerator.Generate(seedNumber, 500);

        Assert.All(seed.Cards.Select(c => c.ChipNumber).Concat(seed.UnknownChipNumbers), chip => Assert.Matches(ChipNumberShape(), chip));
        Assert.Equal(seed.Cards.Count, seed.Cards.Select(c => c.ChipNumber).Distinct().Count());
    }

    [Fact]
    public void Unknown_numbers_belong_to_no_card()
    {
        var seed = SeedGenerator.Generate(3);

        Assert.All(seed.UnknownChipNumbers, chip => Assert.Null(seed.CardByChip(chip)));
        Assert.All(seed.UnknownUitpasNumbers, number => Assert.Null(seed.CardByUitpasNumber(number)));
    }

    [Fact]
    public void Catalogue_has_good_blocked_and_social_tariff_cards_and_kiosks_for_every_case()
    {
        var seed = SeedGenerator.Generate(1);

        Assert.NotEmpty(seed.GoodCards);
        Assert.NotEmpty(seed.BlockedCards);
        Assert.NotEmpty(seed.SocialTariffCards);
        Assert.NotEmpty(seed.ExpiredSocialTariffCards);
        Assert.All(seed.SocialTariffCards, c => Assert.Equal(1, c.CardSystemId));
        Assert.All(seed.Passholders, p => Assert.StartsWith("Testpas ", p.FirstName));
        Assert.All(seed.Events, e => Assert.Contains(seed.Organizers, o => o.Id == e.OrganizerId));
        Assert.NotNull(seed.DefaultKiosk.CurrentEventId);
        Assert.NotEqual(seed.DefaultKiosk, seed.KioskWithClosedEvent);
        Assert.Null(seed.KioskWithoutEvent.CurrentEventId);
        Assert.Equal(seed.Kiosks.Count, seed.Kiosks.Select(k => k.Token).Distinct().Count());
    }
}
