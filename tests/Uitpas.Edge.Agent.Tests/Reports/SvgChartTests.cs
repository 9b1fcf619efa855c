using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Uitpas.Edge.Agent.Reports;
using Uitpas.Edge.Agent.Reports.Output;

namespace Uitpas.Edge.Agent.Tests.Reports;

/// <summary>The hand-written SVG charts: well-formed, legible, CSP-safe, and a hidden value drawn as a fixed stub.</summary>
public sealed class SvgChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static readonly string[] Charts = ["checkins-per-domein.svg", "trend-per-week.svg", "kansentarief-aandeel.svg"];

    public static TheoryData<string> ChartNames => [.. Charts];

    [Theory]
    [MemberData(nameof(ChartNames))]
    public void Every_chart_parses_with_a_viewbox_a_title_a_desc_texts_of_at_least_13px_and_no_style_attribute(string name)
    {
        var svg = Chart(ReportSamples.Participation(), name);

        var root = svg.Root!;
        Assert.Equal(Svg + "svg", root.Name);
        var box = root.Attribute("viewBox")!.Value.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(4, box.Length);
        Assert.True(box[2] >= 800 && box[3] > 100, root.Attribute("viewBox")!.Value);
        Assert.NotEmpty(root.Element(Svg + "title")!.Value);
        Assert.NotEmpty(root.Element(Svg + "desc")!.Value);
        var texts = root.Descendants(Svg + "text").ToArray();
        Assert.NotEmpty(texts);
        Assert.All(texts, t => Assert.True(int.Parse(t.Attribute("font-size")!.Value, CultureInfo.InvariantCulture) >= 13, t.ToString()));
        Assert.DoesNotContain(root.DescendantsAndSelf(), e => e.Attribute("style") is not null);
        Assert.DoesNotContain(root.DescendantsAndSelf(), e => e.Name.LocalName is "style" or "script" or "foreignObject" or "image");
    }

    [Fact]
    public void A_hidden_cell_draws_the_same_bytes_whatever_its_real_value()
    {
        // jeugd hidden either way (2 or 4 passholders, 3 or 9 check-ins); nothing else in the domain charts changes.
        var small = ReportSamples.Participation(jeugdTaps: 3, jeugdPassholders: 2);
        var larger = ReportSamples.Participation(jeugdTaps: 9, jeugdPassholders: 4);

        foreach (var name in new[] { "checkins-per-domein.svg", "kansentarief-aandeel.svg" })
        {
            Assert.Equal(Bytes(small, name), Bytes(larger, name));
        }
    }

    [Fact]
    public void A_hidden_bar_is_a_hatched_stub_of_fixed_size_labelled_lt5()
    {
        var svg = Chart(ReportSamples.Participation(jeugdTaps: 4, jeugdPassholders: 4), "checkins-per-domein.svg").Root!;

        var stubs = svg.Descendants(Svg + "rect").Where(r => r.Attribute("fill")!.Value == $"url(#{SvgChart.HatchId})").ToArray();
        Assert.Equal(2, stubs.Length); // jeugd and its complement sport, this period
        Assert.All(stubs, s => Assert.Equal(SvgChart.StubSize, double.Parse(s.Attribute("width")!.Value, CultureInfo.InvariantCulture)));
        Assert.Equal(2, svg.Descendants(Svg + "text").Count(t => t.Value == "<5"));
        Assert.DoesNotContain(svg.Descendants(Svg + "text"), t => t.Value == "4");
        Assert.Contains("jeugd: deze periode (2026-03-01 – 2026-03-31) <5", svg.Element(Svg + "desc")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Bars_are_proportional_to_the_published_values_and_labelled_with_them()
    {
        var svg = Chart(ReportSamples.Participation(), "checkins-per-domein.svg").Root!;

        var bars = svg.Descendants(Svg + "rect").Where(r => r.Attribute("fill")!.Value is SvgChart.CurrentFill or SvgChart.PreviousFill && r.Attribute("height")!.Value == "20").ToArray(); // not the legend
        var widths = bars.Select(b => double.Parse(b.Attribute("width")!.Value, CultureInfo.InvariantCulture)).ToArray();
        var cultuurNow = widths[0];
        var cultuurBefore = widths[1];
        Assert.Equal(12.0 / 9.0, cultuurNow / cultuurBefore, 2);
        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == "12");
        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == "welzijn");
    }

    [Fact]
    public void Charts_are_dutch_by_default_french_on_request_and_byte_for_byte_repeatable()
    {
        var report = ReportSamples.Participation();
        Assert.True(ReportLabels.TryGet("fr", out var french, out _));

        var dutch = Chart(report, "checkins-per-domein.svg");
        var frenchChart = XDocument.Parse(Encoding.UTF8.GetString(ReportFiles.Participation(report, "checkins-per-domein.svg", french)!.Content));

        Assert.StartsWith("Check-ins per domein", dutch.Root!.Element(Svg + "title")!.Value, StringComparison.Ordinal);
        Assert.StartsWith("Check-ins par domaine", frenchChart.Root!.Element(Svg + "title")!.Value, StringComparison.Ordinal);
        Assert.Contains(frenchChart.Root.Descendants(Svg + "text"), t => t.Value == "bien-être");
        Assert.Equal(Bytes(report, "trend-per-week.svg"), Bytes(ReportSamples.Participation(), "trend-per-week.svg"));
    }

    [Fact]
    public void The_weekly_chart_has_one_column_per_week_and_widens_for_a_year_instead_of_shrinking_text()
    {
        var month = Chart(ReportSamples.Participation(), "trend-per-week.svg").Root!;
        var year = EngineFacts.Report(EngineFacts.Period("2025-03-01", "2026-02-28"), []);
        var yearChart = Chart(year, "trend-per-week.svg").Root!;

        Assert.Equal(["W09", "W10", "W11", "W12", "W13", "W14"], month.Descendants(Svg + "text").Select(t => t.Value).Where(v => v.StartsWith('W')).ToArray());
        var width = double.Parse(yearChart.Attribute("viewBox")!.Value.Split(' ')[2], CultureInfo.InvariantCulture);
        Assert.True(width >= 53 * 56, $"{width}");
        Assert.Contains(yearChart.Descendants(Svg + "text"), t => t.Value == "25-W10");
    }

    private static byte[] Bytes(ParticipationReport report, string name) => ReportFiles.Participation(report, name, ReportLabels.Dutch)!.Content;

    private static XDocument Chart(ParticipationReport report, string name) => XDocument.Parse(Encoding.UTF8.GetString(Bytes(report, name)));
}
