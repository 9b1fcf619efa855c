using System.Collections;
using System.Threading;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;
using Uitpas.Edge.Core.Messaging;
using Uitpas.Edge.Core.Provisioning;
using Uitpas.Edge.Core.Snapshots;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Protocol.Distribution;

namespace Uitpas.Edge.Firmware.Adapters
{
    /// <summary>
    /// The core's MQTT transport over nanoFramework.M2Mqtt (MQTT 5). A thread of its own
    /// connects and reconnects with backoff (1 s doubling to 30 s) so the main loop never waits
    /// for the network; received messages are queued for the core to poll. A terminal
    /// provisioned for snapshots also subscribes to its card system's allowlist manifest, its
    /// events manifest and its chunk answers.
    /// </summary>
    public sealed class M2MqttTransport : IMqttTransport, IRetainedPublisher
    {
        private const int MaxInbound = 8;

        private readonly DeviceConfig _config;
        private readonly Queue _inbound = new Queue();
        private readonly object _gate = new object();
        private MqttClient _client;
        private Thread _connector;
        private bool _stopping;

        public M2MqttTransport(DeviceConfig config)
        {
            _config = config;
        }

        public bool IsConnected
        {
            get
            {
                MqttClient client = _client;
                return client != null && client.IsConnected;
            }
        }

        public void Start()
        {
            _connector = new Thread(KeepConnected);
            _connector.Start();
        }

        /// <summary>Ends the reconnect loop and closes the session (before a planned reboot).</summary>
        public void Stop()
        {
            _stopping = true;
            MqttClient client = _client;
            if (client != null && client.IsConnected)
            {
                client.Disconnect();
            }
        }

        public bool Publish(string topic, byte[] payload)
        {
            return Send(topic, payload, false);
        }

        public bool PublishRetained(string topic, byte[] payload)
        {
            return Send(topic, payload, true);
        }

        private bool Send(string topic, byte[] payload, bool retain)
        {
            MqttClient client = _client;
            if (client == null || !client.IsConnected)
            {
                return false;
            }
            try
            {
                client.Publish(topic, payload, null, null, MqttQoSLevel.AtLeastOnce, retain);
                return true;
            }
            catch (System.Exception)
            {
                return false; // the journal keeps the tap and replays it after the reconnect
            }
        }

        public InboundMessage Receive()
        {
            lock (_gate)
            {
                return _inbound.Count == 0 ? null : (InboundMessage)_inbound.Dequeue();
            }
        }

        private void KeepConnected()
        {
            int backoffMs = 1000;
            while (!_stopping)
            {
                if (!IsConnected)
                {
                    if (TryConnect())
                    {
                        backoffMs = 1000;
                    }
                    else
                    {
                        Thread.Sleep(backoffMs);
                        backoffMs = backoffMs >= 15000 ? 30000 : backoffMs * 2;
                        continue;
                    }
                }
                Thread.Sleep(500);
            }
        }

        private bool TryConnect()
        {
            try
            {
                if (_client != null)
                {
                    _client.MqttMsgPublishReceived -= OnMessage;
                    _client.Dispose();
                }
                MqttClient client = new MqttClient(_config.BrokerHost, _config.BrokerPort, false, null, null, MqttSslProtocols.None);
                client.ProtocolVersion = MqttProtocolVersion.Version_5;
                client.MqttMsgPublishReceived += OnMessage;
                MqttReasonCode code = client.Connect(_config.DeviceId, _config.MqttUsername, _config.MqttPassword, false,
                    MqttQoSLevel.AtMostOnce, false, null, null, true, 15);
                if (code != MqttReasonCode.Success)
                {
                    client.Dispose();
                    return false;
                }
                if (_config.HasSnapshots)
                {
                    client.Subscribe(
                        new string[]
                        {
                            Topics.Result(_config.DeviceId), DistributionTopics.Allowlist(_config.CardSystemId),
                            DistributionTopics.Events(_config.DeviceId), DistributionTopics.Chunk(_config.DeviceId),
                        },
                        new MqttQoSLevel[] { MqttQoSLevel.AtLeastOnce, MqttQoSLevel.AtLeastOnce, MqttQoSLevel.AtLeastOnce, MqttQoSLevel.AtLeastOnce });
                }
                else
                {
                    client.Subscribe(new string[] { Topics.Result(_config.DeviceId) }, new MqttQoSLevel[] { MqttQoSLevel.AtLeastOnce });
                }
                _client = client;
                return true;
            }
            catch (System.Exception)
            {
                return false;
            }
        }

        private void OnMessage(object sender, MqttMsgPublishEventArgs e)
        {
            lock (_gate)
            {
                if (_inbound.Count < MaxInbound)
                {
                    _inbound.Enqueue(new InboundMessage(e.Topic, e.Message));
                }
            }
        }
    }
}
