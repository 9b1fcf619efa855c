using Uitpas.Edge.Central;
using System.Globalization;

namespace Uitpas.Edge.Simulator;

/// <summary>Builds a <see cref="SeedCatalogue"/> from a seed number: same number, same catalogue.</summary>
public static class SeedGenerator
{
    private static readonly DateOnly Forever = new(2099, 12, 31);
    private static readonly DateOnly LongAgo = new(2000, 1, 1);

    /// <summary>Generates the catalogue; <paramref name="passholderCount"/> passholders, one card each.</summary>
    public static SeedCatalogue Generate(int seedNumber, int passholderCount = 40)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(passholderCount, 8);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(passholderCount, 10_000);
        var random = new Random(seedNumber);

        SeedCardSystem[] cardSystems =
        [
            new(1, "UiTPAS Simulatorregio", [new("9990", "Proefdorp"), new("9991", "Testervelde")]),
            new(2, "UiTPAS Voorbeeldstad", [new("9992", "Voorbeeldstad")]),
        ];
        SeedOrganizer[] organizers =
        [
            new(NewId(random), "CC Proefdorp (simulator)"),
            new(NewId(random), "Sporthal Testervelde (simulator)"),
            new(NewId(random), "Bibliotheek Voorbeeldstad (simulator)"),
        ];
        SeedEvent[] events =
        [
            Event(random, "Voorstelling in CC Proefdorp", organizers[0], 1, LongAgo, Forever, TimeOnly.MinValue, TimeOnly.MaxValue),
            Event(random, "Vrij zwemmen in Testervelde", organizers[1], 2, LongAgo, Forever, TimeOnly.MinValue, TimeOnly.MaxValue),
            Event(random, "Avondleesclub Voorbeeldstad", organizers[2], 1, LongAgo, Forever, new TimeOnly(19, 0), new TimeOnly(22, 0)),
            Event(random, "Afgelopen tentoonstelling in CC Proefdorp", organizers[0], 1, new DateOnly(2020, 1, 1), new DateOnly(2020, 12, 31), TimeOnly.MinValue, TimeOnly.MaxValue),
            Event(random, "Voorleesuurtje Voorbeeldstad", organizers[2], 1, LongAgo, Forever, TimeOnly.MinValue, TimeOnly.MaxValue),
        ];
        SeedKiosk[] kiosks =
        [
            new(NewId(random), "SIM-KIOSK-01", organizers[0].Id, events[0].Id),
            new(NewId(random), "SIM-KIOSK-02", organizers[1].Id, events[1].Id),
            new(NewId(random), "SIM-KIOSK-03", organizers[2].Id, events[2].Id),
            new(NewId(random), "SIM-KIOSK-04", organizers[0].Id, events[3].Id),
            new(NewId(random), "SIM-KIOSK-05", organizers[2].Id, null),
        ];

        var chips = new HashSet<string>(StringComparer.Ordinal);
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        var passholders = new List<SeedPassholder>(passholderCount);
        var cards = new List<SeedCard>(passholderCount);
        for (var i = 0; i < passholderCount; i++)
        {
            var cardSystem = i % 3 == 2 ? cardSystems[1] : cardSystems[0];
            var city = cardSystem.Cities[random.Next(cardSystem.Cities.Count)];
            var (tariff, endDate) = cardSystem.Id != 1 ? (SocialTariffStatus.None, (DateTimeOffset?)null)
                : i % 4 == 0 ? (SocialTariffStatus.Active, new DateTimeOffset(2099, 12, 31, 22, 59, 59, TimeSpan.Zero))
                : i % 10 == 1 ? (SocialTariffStatus.Expired, new DateTimeOffset(2020, 12, 31, 22, 59, 59, TimeSpan.Zero))
                : (SocialTariffStatus.None, null);
            var passholder = new SeedPassholder(
                NewId(random),
                string.Create(CultureInfo.InvariantCulture, $"Testpas {i + 1:00}"),
                city.PostalCode,
                cardSystem.Id,
                random.Next(0, 60),
                tariff,
                endDate);
            passholders.Add(passholder);
            var status = i % 8 == 5 ? CardStatus.Blocked : CardStatus.Active;
            cards.Add(new SeedCard(Unique(chips, () => NewChip(random)), Unique(numbers, () => NewUitpasNumber(random, cardSystem.Id)), passholder.Id, cardSystem.Id, status));
        }

        var unknownChips = Enumerable.Range(0, 5).Select(_ => Unique(chips, () => NewChip(random))).ToArray();
        // Card system 8 does not exist, so these numbers can never collide with a seeded card.
        var unknownNumbers = Enumerable.Range(0, 5).Select(_ => Unique(numbers, () => NewUitpasNumber(random, 8))).ToArray();
        return new SeedCatalogue(seedNumber, cardSystems, organizers, events, passholders, cards, kiosks, (kiosks[0], kiosks[3], kiosks[4]), unknownChips, unknownNumbers);
    }

    private static SeedEvent Event(Random random, string title, SeedOrganizer organizer, int points, DateOnly first, DateOnly last, TimeOnly opens, TimeOnly closes) =>
        new(NewId(random), title, organizer.Id, points, NewCheckinCode(random), first, last, opens, closes);

    /// <summary>A version-4-shaped GUID from the seeded generator.</summary>
    private static string NewId(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString();
    }

    /// <summary>A 7-byte NXP UID (first byte 0x04) as 14 uppercase hex characters.</summary>
    private static string NewChip(Random random)
    {
        Span<byte> uid = stackalloc byte[7];
        random.NextBytes(uid);
        uid[0] = 0x04;
        return Convert.ToHexString(uid);
    }

    /// <summary>"09", the card system digit, nine random digits and the Luhn check digit: 13 digits.</summary>
    private static string NewUitpasNumber(Random random, int cardSystemId)
    {
        var payload = string.Create(CultureInfo.InvariantCulture, $"09{cardSystemId % 10}{random.Next(0, 1_000_000_000):D9}");
        return payload + Luhn.ComputeCheckDigit(payload).ToString(CultureInfo.InvariantCulture);
    }

    private static string NewCheckinCode(Random random)
    {
        const string Letters = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        return string.Create(7, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Letters[r.Next(Letters.Length)];
            }
        });
    }

    private static string Unique(HashSet<string> taken, Func<string> next)
    {
        while (true)
        {
            var candidate = next();
            if (taken.Add(candidate))
            {
                return candidate;
            }
        }
    }
}
