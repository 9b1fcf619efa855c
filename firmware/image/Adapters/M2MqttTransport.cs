using System.Collections;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;
using Uitpas.Edge.Core.Diagnostics;
using Uitpas.Edge.Core.Messaging;
using Uitpas.Edge.Core.Network;
using Uitpas.Edge.Core.Provisioning;
using Uitpas.Edge.Core.Snapshots;
using Uitpas.Edge.Core.Watchdog;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Protocol.Distribution;

namespace Uitpas.Edge.Firmware.Adapters
{
    /// <summary>
    /// The core's MQTT transport over nanoFramework.M2Mqtt (MQTT 5). A thread of its own
    /// connects and reconnects with backoff (1 s doubling to 30 s, ± the device's jitter) so the
    /// main loop never waits for the network; received messages are queued for the core to poll.
    /// It connects only while the WiFi link is joined and, over TLS, only while the clock guard
    /// trusts the clock (a certificate check against an unset clock fails: it waits and says so
    /// once, "[clock] not set: TLS waits"). Each connect runs inside the watchdog's "mqtt" lane.
    /// A terminal provisioned for snapshots also subscribes to its card system's allowlist
    /// manifest, its events manifest and its chunk answers.
    /// </summary>
    public sealed class M2MqttTransport : IMqttTransport, IRetainedPublisher, IWillTransport
    {
        private const int MaxInbound = 8;
        private const int WaitMs = 500;

        private readonly DeviceConfig _config;
        private readonly NetworkSupervisor _network;
        private readonly ClockGuard _clock;
        private readonly TickClock _ticks;
        private readonly LoopWatchdog _watchdog;
        private readonly int _lane;
        private readonly ILineLog _log;
        private readonly JitteredBackoff _backoff;
        private readonly Queue _inbound = new Queue();
        private readonly object _gate = new object();
        private MqttClient _client;
        private Thread _connector;
        private bool _stopping;
        private string _willTopic;
        private string _willMessage;

        public M2MqttTransport(DeviceConfig config, NetworkSupervisor network, ClockGuard clock, TickClock ticks,
            LoopWatchdog watchdog, ILineLog log)
        {
            _config = config;
            _network = network;
            _clock = clock;
            _ticks = ticks;
            _watchdog = watchdog;
            _lane = watchdog.AddLane("mqtt", LoopWatchdog.MqttConnectTimeoutMs);
            _log = log;
            _backoff = new JitteredBackoff(config.DeviceId, 1000, 30000);
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

        /// <summary>The last will (QoS 1, retained) for the next connect; the connector waits for the first one.</summary>
        public void SetWill(string topic, byte[] payload)
        {
            string message = System.Text.Encoding.UTF8.GetString(payload, 0, payload.Length);
            lock (_gate)
            {
                _willMessage = message;
                _willTopic = topic;
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
            int failures = 0;
            bool saidClock = false;
            while (!_stopping)
            {
                if (_willTopic == null || IsConnected || _network.State != NetworkState.Joined)
                {
                    Thread.Sleep(_willTopic == null ? 100 : WaitMs); // the core sets the will right after boot; no session without it
                    continue;
                }
                if (_config.BrokerTls && !_clock.IsSet(_ticks.RawUnixMs))
                {
                    if (!saidClock)
                    {
                        _log.Write("[clock] not set: TLS waits");
                        saidClock = true;
                    }
                    Thread.Sleep(WaitMs);
                    continue;
                }
                saidClock = false;
                _watchdog.Enter(_lane, _ticks.NowMs);
                bool connected;
                try
                {
                    connected = TryConnect();
                }
                finally
                {
                    _watchdog.Leave(_lane, _ticks.NowMs);
                }
                if (connected)
                {
                    failures = 0;
                    _log.Write("[mqtt] connected to " + _config.BrokerHost + ":" + _config.BrokerPort + (_config.BrokerTls ? " (TLS)" : string.Empty));
                    continue;
                }
                int delay = _backoff.DelayMs(failures++);
                _log.Write("[mqtt] connect failed: next try in " + delay / 1000 + " s");
                Thread.Sleep(delay);
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
                MqttClient client = _config.BrokerTls
                    ? new MqttClient(_config.BrokerHost, _config.BrokerPort, true, BrokerCa(), null, MqttSslProtocols.TLSv1_2)
                    : new MqttClient(_config.BrokerHost, _config.BrokerPort, false, null, null, MqttSslProtocols.None);
                client.ProtocolVersion = MqttProtocolVersion.Version_5;
                client.MqttMsgPublishReceived += OnMessage;
                string willTopic;
                string willMessage;
                lock (_gate)
                {
                    willTopic = _willTopic;
                    willMessage = _willMessage;
                }
                MqttReasonCode code = client.Connect(_config.DeviceId, _config.MqttUsername, _config.MqttPassword, true,
                    MqttQoSLevel.AtLeastOnce, true, willTopic, willMessage, true, 15);
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
                            Topics.Config(_config.DeviceId),
                        },
                        new MqttQoSLevel[]
                        {
                            MqttQoSLevel.AtLeastOnce, MqttQoSLevel.AtLeastOnce, MqttQoSLevel.AtLeastOnce, MqttQoSLevel.AtLeastOnce,
                            MqttQoSLevel.AtLeastOnce,
                        });
                }
                else
                {
                    client.Subscribe(new string[] { Topics.Result(_config.DeviceId), Topics.Config(_config.DeviceId) },
                        new MqttQoSLevel[] { MqttQoSLevel.AtLeastOnce, MqttQoSLevel.AtLeastOnce });
                }
                _client = client;
                return true;
            }
            catch (System.Exception)
            {
                return false;
            }
        }

        /// <summary>The provisioned region CA (broker.ca) as the only trust anchor; null = the device's own CA store.</summary>
        private X509Certificate BrokerCa()
        {
            string pem = _config.BrokerCaPem;
            return pem == null ? null : new X509Certificate(pem);
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
