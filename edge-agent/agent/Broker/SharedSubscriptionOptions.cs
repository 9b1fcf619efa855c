using Microsoft.Extensions.Options;

namespace Uitpas.Edge.Agent.Broker;

/// <summary>
/// Several agent instances behind one external broker. Bound from "Agent:Broker:External" (beside
/// <see cref="ExternalBrokerOptions"/>). With a group, the agent subscribes to
/// $share/{group}/… for taps, chunk requests and applied reports: the broker hands each message
/// to one instance of the group (MQTT 5 shared subscriptions; Mosquitto 2.0 has them). Every
/// instance needs its own Agent:Broker:External:ClientId (two clients with one id throw each
/// other off the broker) and, as soon as there are two, the PostgreSQL store.
/// </summary>
public sealed class SharedSubscriptionOptions
{
    /// <summary>The share name (one MQTT topic level), e.g. "uitpas-agents"; empty: plain subscriptions (one instance).</summary>
    public string SharedSubscriptionGroup { get; set; } = "";

    /// <summary>True when a group is set.</summary>
    public bool IsShared => !string.IsNullOrEmpty(SharedSubscriptionGroup);

    /// <summary>The filter to subscribe: $share/{group}/{filter} in a group, else <paramref name="filter"/>.</summary>
    public string Filter(string filter) => IsShared ? $"$share/{SharedSubscriptionGroup}/{filter}" : filter;
}

/// <summary>Checks the share name, and that instances sharing work do not share a client id.</summary>
internal sealed class SharedSubscriptionOptionsValidator(IOptions<BrokerOptions> broker) : IValidateOptions<SharedSubscriptionOptions>
{
    private const string DefaultClientId = "uitpas-edge-agent";

    public ValidateOptionsResult Validate(string? name, SharedSubscriptionOptions options)
    {
        if (!options.IsShared)
        {
            return ValidateOptionsResult.Success;
        }
        var failures = new List<string>();
        if (options.SharedSubscriptionGroup.IndexOfAny(['/', '+', '#']) >= 0 || options.SharedSubscriptionGroup.Any(char.IsWhiteSpace))
        {
            failures.Add("Agent:Broker:External:SharedSubscriptionGroup must be one topic level: no '/', '+', '#' or white space.");
        }
        var external = broker.Value.External;
        if (broker.Value.Mode != BrokerMode.External)
        {
            failures.Add("Agent:Broker:External:SharedSubscriptionGroup needs Agent:Broker:Mode External.");
        }
        if (string.IsNullOrWhiteSpace(external.ClientId) || external.ClientId == DefaultClientId)
        {
            failures.Add("Agent instances sharing a subscription group need each their own Agent:Broker:External:ClientId "
                + $"(not the default '{DefaultClientId}'), e.g. the instance's Agent:InstanceId.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
