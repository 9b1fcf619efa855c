using Uitpas.Edge.Agent.Devices;

namespace Uitpas.Edge.Agent.Configuration;

/// <summary>
/// The settings set per scope (region, municipality, venue, device) and scope id, in memory
/// (loaded from config_layers at start, written through on every change), and the merge that
/// makes a device's effective settings. Values are validated before they get here.
/// </summary>
internal sealed class ConfigLayers
{
    private readonly Dictionary<(string Scope, string Id), SortedDictionary<string, string>> _layers = [];
    private readonly Lock _gate = new();

    /// <summary>Replaces everything with the stored rows.</summary>
    public void Load(IEnumerable<(string Scope, string ScopeId, string Setting, string Value)> rows)
    {
        lock (_gate)
        {
            _layers.Clear();
            foreach (var (scope, id, setting, value) in rows)
            {
                Layer(scope, id)[setting] = value;
            }
        }
    }

    /// <summary>One layer's settings (empty when none were set).</summary>
    public IReadOnlyDictionary<string, string> Get(string scope, string scopeId)
    {
        lock (_gate)
        {
            return _layers.TryGetValue((scope, scopeId), out var layer)
                ? new SortedDictionary<string, string>(layer, StringComparer.Ordinal)
                : new SortedDictionary<string, string>(StringComparer.Ordinal);
        }
    }

    /// <summary>Applies changes (null removes the setting); returns the layer afterwards.</summary>
    public IReadOnlyDictionary<string, string> Apply(string scope, string scopeId, IReadOnlyDictionary<string, string?> changes)
    {
        lock (_gate)
        {
            var layer = Layer(scope, scopeId);
            foreach (var (setting, value) in changes)
            {
                if (value is null)
                {
                    layer.Remove(setting);
                }
                else
                {
                    layer[setting] = value;
                }
            }
            if (layer.Count == 0)
            {
                _layers.Remove((scope, scopeId));
            }
            return new SortedDictionary<string, string>(layer, StringComparer.Ordinal);
        }
    }

    /// <summary>Region, then municipality, venue and device layers over each other: the narrowest wins.</summary>
    public IReadOnlyDictionary<string, string> EffectiveFor(Device device)
    {
        var effective = new SortedDictionary<string, string>(StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var link in ConfigScope.ChainOf(device))
            {
                if (_layers.TryGetValue(link, out var layer))
                {
                    foreach (var (setting, value) in layer)
                    {
                        effective[setting] = value;
                    }
                }
            }
        }
        return effective;
    }

    private SortedDictionary<string, string> Layer(string scope, string scopeId)
    {
        if (!_layers.TryGetValue((scope, scopeId), out var layer))
        {
            _layers[(scope, scopeId)] = layer = new SortedDictionary<string, string>(StringComparer.Ordinal);
        }
        return layer;
    }
}
