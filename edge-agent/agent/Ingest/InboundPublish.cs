using System.Buffers;
using Uitpas.Edge.Agent.Access;

namespace Uitpas.Edge.Agent.Ingest;

/// <summary>A message a client published, as the broker hands it over (the payload is only valid during the call).</summary>
public readonly record struct InboundPublish(MqttIdentity Publisher, string Topic, ReadOnlySequence<byte> Payload);
