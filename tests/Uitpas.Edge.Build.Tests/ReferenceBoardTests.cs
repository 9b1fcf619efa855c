using System.Text.RegularExpressions;
using Uitpas.Edge.Build.Tests.Infrastructure;
using Xunit;

namespace Uitpas.Edge.Build.Tests;

/// <summary>
/// hardware/wiring.md and the firmware's pin map (firmware/image/Board/ReferenceBoard.cs, read
/// as text: it is nanoFramework code) describe the same board, and the board keeps off the pins
/// the ESP32-WROOM-32 needs for itself.
/// </summary>
public sealed partial class ReferenceBoardTests
{
    /// <summary>The GPIOs the board must leave free, with the reason hardware/wiring.md gives.</summary>
    private static readonly Dictionary<int, string> ReservedPins = Reserved(
        ([0, 2, 5, 12, 15], "a strapping pin"),
        ([6, 7, 8, 9, 10, 11], "wired to the module's SPI flash"),
        ([1, 3], "UART0 (console, nanoff, provisioning)"),
        ([16, 17], "PSRAM on WROVER modules"),
        ([34, 35, 36, 37, 38, 39], "input only"));

    [Fact]
    public void Wiring_table_matches_the_firmware_pin_map()
    {
        var board = BoardPins();
        var rows = WiringTable.Read().Rows;

        Assert.True(board.Count >= 11, $"ReferenceBoard.cs declares only {board.Count} pin constants: did the parser miss them?");
        foreach (var (name, gpio) in board)
        {
            var named = rows.Where(r => r.Constant == name).ToList();
            Assert.True(named.Count == 1, $"hardware/wiring.md must have exactly one row naming `{name}`, found {named.Count}");
            Assert.True(named[0].Gpio == gpio, $"`{name}` is GPIO {gpio} in ReferenceBoard.cs but GPIO {named[0].Gpio} in hardware/wiring.md (line {named[0].Line})");
        }
    }

    [Fact]
    public void Every_wired_gpio_is_a_firmware_pin()
    {
        var board = BoardPins();

        foreach (var row in WiringTable.Read().Rows.Where(r => r.Gpio is not null))
        {
            Assert.True(row.Constant is not null && board.ContainsKey(row.Constant),
                $"hardware/wiring.md line {row.Line} wires GPIO {row.Gpio} but names no pin constant of ReferenceBoard.cs (`{row.Constant}`)");
        }
    }

    [Fact]
    public void No_gpio_is_used_twice()
    {
        var tableGpios = WiringTable.Read().Rows.Where(r => r.Gpio is not null).Select(r => r.Gpio!.Value);
        var boardGpios = BoardPins().Values;

        foreach (var (source, gpios) in new[] { ("hardware/wiring.md", tableGpios), ("ReferenceBoard.cs", boardGpios) })
        {
            var twice = gpios.GroupBy(g => g).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(twice.Count == 0, $"{source} uses GPIO {string.Join(", ", twice)} more than once");
        }
    }

    [Fact]
    public void No_pin_is_a_strapping_flash_uart_psram_or_input_only_pin()
    {
        var used = BoardPins().Select(p => (where: $"ReferenceBoard.{p.Key}", gpio: p.Value))
            .Concat(WiringTable.Read().Rows.Where(r => r.Gpio is not null).Select(r => (where: $"hardware/wiring.md line {r.Line}", gpio: r.Gpio!.Value)));

        var offending = used.Where(u => ReservedPins.ContainsKey(u.gpio))
            .Select(u => $"{u.where}: GPIO {u.gpio} is {ReservedPins[u.gpio]}")
            .ToList();

        Assert.True(offending.Count == 0, string.Join(Environment.NewLine, offending));
    }

    [Fact]
    public void Every_wiring_row_cites_a_listed_datasheet()
    {
        var table = WiringTable.Read();

        Assert.NotEmpty(table.Sources);
        foreach (var row in table.Rows)
        {
            var keys = CitationKey().Matches(row.Datasheet).Select(m => m.Groups["key"].Value).ToList();
            Assert.True(keys.Count > 0, $"hardware/wiring.md line {row.Line} ({row.Function}) cites no datasheet");
            var unknown = keys.Where(k => !table.Sources.Contains(k)).ToList();
            Assert.True(unknown.Count == 0, $"hardware/wiring.md line {row.Line} cites [{string.Join("], [", unknown)}], which the Sources list does not name");
        }
    }

    [Fact]
    public void Image_sources_take_their_pins_from_the_reference_board()
    {
        var image = Repository.File("firmware", "image");
        var board = Path.Combine(image, "Board");
        var sources = Directory.EnumerateFiles(image, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(board + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

        var literals = sources
            .SelectMany(f => File.ReadLines(f).Select((text, i) => (file: Path.GetRelativePath(Repository.Root, f), line: i + 1, text)))
            .Where(l => PinLiteral().IsMatch(l.text))
            .Select(l => $"{l.file}:{l.line}: {l.text.Trim()}")
            .ToList();

        Assert.True(literals.Count == 0,
            "pin numbers outside Board/ReferenceBoard.cs (use its constants):" + Environment.NewLine + string.Join(Environment.NewLine, literals));
    }

    private static Dictionary<string, int> BoardPins()
    {
        var text = File.ReadAllText(Repository.File("firmware", "image", "Board", "ReferenceBoard.cs"));
        return PinConstant().Matches(text).ToDictionary(m => m.Groups["name"].Value, m => int.Parse(m.Groups["gpio"].Value, System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
    }

    private static Dictionary<int, string> Reserved(params (int[] Pins, string Why)[] groups) =>
        groups.SelectMany(g => g.Pins.Select(p => (p, g.Why))).ToDictionary(x => x.p, x => x.Why);

    [GeneratedRegex(@"public\s+const\s+int\s+(?<name>\w+Pin)\s*=\s*(?<gpio>\d+)\s*;")]
    private static partial Regex PinConstant();

    [GeneratedRegex(@"\[(?<key>[^\]]+)\]")]
    private static partial Regex CitationKey();

    /// <summary>A pin constant of its own, or a literal pin handed to a GPIO/PWM/pin-function call.</summary>
    [GeneratedRegex(@"const\s+int\s+\w*Pin\s*=\s*\d+|\b(OpenPin|CreateFromPin|SetPinFunction)\s*\(\s*\d+")]
    private static partial Regex PinLiteral();

    /// <summary>One row of the pin map: GPIO null for the power rows.</summary>
    private sealed record WiringRow(int Line, string Function, string? Constant, int? Gpio, string ModulePin, string Datasheet);

    /// <summary>The pin map table of hardware/wiring.md and the keys of its Sources list.</summary>
    private sealed partial record WiringTable(IReadOnlyList<WiringRow> Rows, IReadOnlySet<string> Sources)
    {
        private const string Header = "| function | ESP32 GPIO | module pin | datasheet |";

        public static WiringTable Read()
        {
            var path = Repository.File("hardware", "wiring.md");
            var lines = File.ReadAllLines(path);
            var header = Array.FindIndex(lines, l => l.Trim() == Header);
            Assert.True(header >= 0, $"{path} has no table with the header {Header}");
            Assert.True(header + 1 < lines.Length && lines[header + 1].Trim().StartsWith("|---", StringComparison.Ordinal), $"{path} line {header + 2}: the header is not followed by |---|");

            var rows = new List<WiringRow>();
            for (var i = header + 2; i < lines.Length && lines[i].TrimStart().StartsWith('|'); i++)
            {
                rows.Add(Row(lines[i], i + 1));
            }
            Assert.True(rows.Count > 0, $"{path}: the pin map table has no rows");

            var sources = lines.SkipWhile(l => l.Trim() != "## Sources").Skip(1)
                .Select(l => SourceLine().Match(l)).Where(m => m.Success).Select(m => m.Groups["key"].Value)
                .ToHashSet(StringComparer.Ordinal);
            return new WiringTable(rows, sources);
        }

        private static WiringRow Row(string text, int line)
        {
            var cells = text.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            Assert.True(cells.Length == 4, $"hardware/wiring.md line {line}: {cells.Length} cells instead of 4 (no '|' inside a cell)");
            int? gpio = null;
            if (cells[1] is not ("—" or "-"))
            {
                Assert.True(int.TryParse(cells[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number),
                    $"hardware/wiring.md line {line}: ESP32 GPIO '{cells[1]}' is neither a number nor — (power rows)");
                gpio = number;
            }
            var constant = ConstantName().Match(cells[0]);
            return new WiringRow(line, cells[0], constant.Success ? constant.Groups["name"].Value : null, gpio, cells[2], cells[3]);
        }

        [GeneratedRegex(@"`(?<name>\w+Pin)`")]
        private static partial Regex ConstantName();

        [GeneratedRegex(@"^\s*-\s*\[(?<key>[^\]]+)\]")]
        private static partial Regex SourceLine();
    }
}
