using System.Globalization;
using System.Text;

namespace Uitpas.Edge.Agent.Tests;

/// <summary>One sample of a Prometheus text exposition: metric name, labels, value.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>A small reader of the Prometheus text format (version 0.0.4), enough to assert on scraped values.</summary>
public sealed class PrometheusText
{
    private PrometheusText(IReadOnlyList<PrometheusSample> samples, string text)
    {
        Samples = samples;
        Text = text;
    }

    public IReadOnlyList<PrometheusSample> Samples { get; }

    public string Text { get; }

    public static PrometheusText Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            string name;
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            string rest;
            if (brace >= 0 && (space < 0 || brace < space))
            {
                name = line[..brace];
                var end = ReadLabels(line, brace + 1, labels);
                rest = line[(end + 1)..].Trim();
            }
            else
            {
                name = line[..space];
                rest = line[(space + 1)..].Trim();
            }
            var value = rest.Split(' ')[0];
            samples.Add(new PrometheusSample(name, labels, value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                "NaN" => double.NaN,
                _ => double.Parse(value, CultureInfo.InvariantCulture),
            }));
        }
        return new PrometheusText(samples, text);
    }

    /// <summary>The value of the one sample named <paramref name="name"/> carrying at least <paramref name="labels"/> ("key=value"); 0 when absent.</summary>
    public double Value(string name, params string[] labels)
    {
        var matches = Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l[..l.IndexOf('=')], out var v) && v == l[(l.IndexOf('=') + 1)..])).ToArray();
        Assert.True(matches.Length <= 1, $"{matches.Length} samples of {name} match {string.Join(",", labels)}:\n{Text}");
        return matches.Length == 0 ? 0 : matches[0].Value;
    }

    /// <summary>Asserts the value of <see cref="Value"/>, naming the sample and showing the scrape when it differs.</summary>
    public void AssertValue(double expected, string name, params string[] labels)
    {
        var actual = Value(name, labels);
        Assert.True(expected.Equals(actual), $"{name}{{{string.Join(",", labels)}}}: expected {expected}, scraped {actual}\n{Text}");
    }

    private static int ReadLabels(string line, int at, Dictionary<string, string> labels)
    {
        while (line[at] != '}')
        {
            var eq = line.IndexOf('=', at);
            var key = line[at..eq].Trim();
            var value = new StringBuilder();
            var i = eq + 2;
            for (; line[i] != '"'; i++)
            {
                if (line[i] == '\\')
                {
                    i++;
                    value.Append(line[i] == 'n' ? '\n' : line[i]);
                }
                else
                {
                    value.Append(line[i]);
                }
            }
            labels[key] = value.ToString();
            at = i + 1;
            if (line[at] == ',')
            {
                at++;
            }
        }
        return at;
    }
}
