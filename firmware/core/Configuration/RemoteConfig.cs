using Uitpas.Edge.Core.Flow;
using Uitpas.Edge.Core.Messaging;
using Uitpas.Edge.Core.Presence;
using Uitpas.Edge.Core.Snapshots;
using Uitpas.Edge.Core.Storage;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Protocol.Config;
using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.Core.Configuration
{
    /// <summary>
    /// The terminal's side of the configuration twin (docs/protocol.md, "Configuration"): takes
    /// the signed document retained on <c>…/config</c>, checks it (form, key, signature, device,
    /// version, every setting on a copy), persists it atomically (blob <see cref="BlobName"/>),
    /// then changes the live <see cref="TerminalSettings"/> and <see cref="PresenceSettings"/> and
    /// reports on <c>…/config-state</c> (retained). A refusal changes nothing: the running settings
    /// and the stored document stay the last good ones. Built at boot, before the tap flow, it
    /// verifies and applies the stored document again (a corrupt one is ignored and reported as
    /// <see cref="ConfigRefusal.Storage"/>), so the applied version is monotonic across reboots.
    /// Runs on the loop thread only.
    /// </summary>
    public sealed class RemoteConfig
    {
        public const string BlobName = "config";

        private readonly TerminalSettings _terminal;
        private readonly PresenceSettings _presence;
        private readonly byte[] _key;
        private readonly IHmacSha256 _hmac;
        private readonly IBlobStore _blobs;
        private readonly IMqttTransport _mqtt;
        private readonly IWallClock _clock;
        private readonly IConfigLog _log;
        private readonly TerminalSettings _provisioned;
        private readonly int _provisionedStatusIntervalMs;
        private byte[] _appliedPayload;
        private byte[] _unsent;

        /// <param name="configKey">The device's 32-byte config key (provisioned <c>configKey</c>); null = every document is refused with <see cref="ConfigRefusal.NoKey"/>.</param>
        /// <param name="log">Hears every report; may be null.</param>
        public RemoteConfig(TerminalSettings terminal, PresenceSettings presence, byte[] configKey, IHmacSha256 hmac,
            IBlobStore blobs, IMqttTransport mqtt, IWallClock clock, IConfigLog log)
        {
            if (terminal == null || presence == null || hmac == null || blobs == null || mqtt == null || clock == null)
            {
                throw new System.ArgumentException("the remote configuration needs settings, an HMAC, a blob store, a transport and a clock");
            }
            _terminal = terminal;
            _presence = presence;
            _key = configKey != null && configKey.Length == ConfigDocument.KeyLength ? configKey : null;
            _hmac = hmac;
            _blobs = blobs;
            _mqtt = mqtt;
            _clock = clock;
            _log = log;
            _provisioned = Copy(terminal);
            _provisionedStatusIntervalMs = presence.RoutineIntervalMs;
            Topic = Topics.Config(terminal.DeviceId);
            ReportTopic = Topics.ConfigState(terminal.DeviceId);
            Restore();
        }

        /// <summary>Where the agent retains this terminal's document.</summary>
        public string Topic { get; private set; }

        /// <summary>Where the terminal retains its report.</summary>
        public string ReportTopic { get; private set; }

        /// <summary>The version of the document in use; 0 = as provisioned.</summary>
        public uint AppliedVersion { get; private set; }

        /// <summary>The last report made (published or still waiting for the connection); null = none yet.</summary>
        public ConfigReport LastReport { get; private set; }

        /// <summary>True while the last report waits for the connection.</summary>
        public bool ReportPending
        {
            get { return _unsent != null; }
        }

        /// <summary>
        /// A message on <see cref="Topic"/>. Returns true when the live settings changed (the tap
        /// flow then picks up the language and the re-tap window). An empty payload (the agent
        /// cleared the retained document) is ignored.
        /// </summary>
        public bool Handle(byte[] payload, long nowMs)
        {
            if (payload == null || payload.Length == 0)
            {
                return false;
            }
            string reason;
            string detail;
            uint version;
            ConfigDocument doc = ConfigDocument.TryParse(payload, out reason, out detail, out version);
            if (doc == null)
            {
                return Refuse(version, reason, detail);
            }
            if (_key == null)
            {
                return Refuse(doc.Version, ConfigRefusal.NoKey, "this terminal has no config key (provision configKey)");
            }
            if (!doc.Verify(_hmac, _key))
            {
                return Refuse(doc.Version, ConfigRefusal.Signature, "the signature does not match this terminal's config key");
            }
            if (doc.DeviceId != _terminal.DeviceId)
            {
                return Refuse(doc.Version, ConfigRefusal.Device, "made for device " + ConfigReport.CleanDetail(doc.DeviceId)
                    + ", this is " + _terminal.DeviceId);
            }
            if (doc.Version < AppliedVersion)
            {
                return Refuse(doc.Version, ConfigRefusal.Stale, "older than " + AppliedVersion);
            }
            if (doc.Version == AppliedVersion)
            {
                if (ConfigDocument.SameBytes(_appliedPayload, payload))
                {
                    Report(ConfigReport.ForApplied(AppliedVersion, _clock.UnixMs));
                    return false;
                }
                return Refuse(doc.Version, ConfigRefusal.Replay, "version " + AppliedVersion + " is in use with other content");
            }
            TerminalSettings next;
            int statusIntervalMs;
            string problem = Effective(doc, out next, out statusIntervalMs);
            if (problem != null)
            {
                return Refuse(doc.Version, ConfigRefusal.Invalid, problem);
            }
            byte[] stored = (byte[])payload.Clone();
            try
            {
                _blobs.Write(BlobName, stored);
            }
            catch (System.Exception ex)
            {
                return Refuse(doc.Version, ConfigRefusal.Storage, "could not store the configuration: " + ex.Message);
            }
            Apply(doc.Version, stored, next, statusIntervalMs);
            Report(ConfigReport.ForApplied(AppliedVersion, _clock.UnixMs));
            return true;
        }

        /// <summary>Publishes the report still waiting, once connected.</summary>
        public void Step(long nowMs)
        {
            TryPublish();
        }

        /// <summary>The stored document, verified again: applied when good, otherwise provisioned values and a storage report.</summary>
        private void Restore()
        {
            byte[] stored = _blobs.Read(BlobName);
            if (stored == null || stored.Length == 0)
            {
                return;
            }
            string reason;
            string detail;
            uint version;
            ConfigDocument doc = ConfigDocument.TryParse(stored, out reason, out detail, out version);
            string problem = null;
            if (doc == null)
            {
                problem = "stored configuration is unreadable (" + reason + ": " + detail + ")";
            }
            else if (_key == null)
            {
                Refuse(doc.Version, ConfigRefusal.NoKey, "a configuration is stored but this terminal has no config key to verify it");
                return;
            }
            else if (!doc.Verify(_hmac, _key))
            {
                problem = "stored configuration does not verify";
            }
            else if (doc.DeviceId != _terminal.DeviceId)
            {
                problem = "stored configuration is for another device";
            }
            TerminalSettings next = null;
            int statusIntervalMs = 0;
            if (problem == null)
            {
                string invalid = Effective(doc, out next, out statusIntervalMs);
                if (invalid != null)
                {
                    problem = "stored configuration is invalid: " + invalid;
                }
            }
            if (problem != null)
            {
                Refuse(version, ConfigRefusal.Storage, problem + "; running as provisioned");
                return;
            }
            Apply(doc.Version, stored, next, statusIntervalMs);
        }

        /// <summary>The settings a document asks for: the provisioned values with the document's on top, checked as a whole.</summary>
        private string Effective(ConfigDocument doc, out TerminalSettings next, out int statusIntervalMs)
        {
            next = null;
            statusIntervalMs = 0;
            string problem = doc.ValidateSettings();
            if (problem != null)
            {
                return problem;
            }
            TerminalSettings candidate = Copy(_provisioned);
            int status = _provisionedStatusIntervalMs;
            string language = doc.Settings[ConfigSettings.Language] as string;
            if (language != null)
            {
                candidate.Language = language;
            }
            candidate.ResultTimeoutMs = Number(doc, ConfigSettings.ResultTimeoutMs, candidate.ResultTimeoutMs);
            candidate.ResultShownMs = Number(doc, ConfigSettings.ResultShownMs, candidate.ResultShownMs);
            candidate.RetapWindowMs = Number(doc, ConfigSettings.RetapWindowMs, candidate.RetapWindowMs);
            candidate.ReplayIntervalMs = Number(doc, ConfigSettings.ReplayIntervalMs, candidate.ReplayIntervalMs);
            status = Number(doc, ConfigSettings.StatusIntervalMs, status);
            PresenceSettings presence = new PresenceSettings(_presence.FirmwareVersion, doc.Version);
            presence.UrgentIntervalMs = _presence.UrgentIntervalMs;
            presence.HeartbeatMs = _presence.HeartbeatMs;
            presence.RoutineIntervalMs = status;
            problem = candidate.Validate();
            if (problem == null)
            {
                problem = presence.Validate();
            }
            if (problem != null)
            {
                return problem;
            }
            next = candidate;
            statusIntervalMs = status;
            return null;
        }

        private void Apply(uint version, byte[] payload, TerminalSettings next, int statusIntervalMs)
        {
            _terminal.Language = next.Language;
            _terminal.ResultTimeoutMs = next.ResultTimeoutMs;
            _terminal.ResultShownMs = next.ResultShownMs;
            _terminal.RetapWindowMs = next.RetapWindowMs;
            _terminal.ReplayIntervalMs = next.ReplayIntervalMs;
            _presence.RoutineIntervalMs = statusIntervalMs;
            _presence.ConfigVersion = version;
            _appliedPayload = payload;
            AppliedVersion = version;
        }

        private bool Refuse(uint version, string reason, string detail)
        {
            Report(ConfigReport.ForRefused(version, AppliedVersion, reason, detail, _clock.UnixMs));
            return false;
        }

        private void Report(ConfigReport report)
        {
            LastReport = report;
            _unsent = report.Encode();
            if (_log != null)
            {
                _log.Reported(report);
            }
            TryPublish();
        }

        private void TryPublish()
        {
            if (_unsent == null || !_mqtt.IsConnected)
            {
                return;
            }
            IRetainedPublisher retained = _mqtt as IRetainedPublisher;
            bool queued = retained != null ? retained.PublishRetained(ReportTopic, _unsent) : _mqtt.Publish(ReportTopic, _unsent);
            if (queued)
            {
                _unsent = null;
            }
        }

        private static int Number(ConfigDocument doc, string key, int fallback)
        {
            int value;
            return ConfigSettings.TryParseNumber(doc.Settings[key] as string, out value) ? value : fallback;
        }

        private static TerminalSettings Copy(TerminalSettings s)
        {
            TerminalSettings copy = new TerminalSettings(s.DeviceId);
            copy.Language = s.Language;
            copy.ResultTimeoutMs = s.ResultTimeoutMs;
            copy.ResultShownMs = s.ResultShownMs;
            copy.RetapWindowMs = s.RetapWindowMs;
            copy.ReplayIntervalMs = s.ReplayIntervalMs;
            return copy;
        }
    }
}
