using Uitpas.Edge.Core.Messaging;
using Uitpas.Edge.Core.Storage;
using Uitpas.Edge.Protocol.Distribution;
using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.Core.Snapshots
{
    /// <summary>
    /// Keeps the terminal's snapshots current (docs/protocol.md, "Snapshot distribution (v1)"):
    /// follows the retained manifests of its card system's allowlist and of its own events,
    /// downloads one file at a time (events first), verifies, applies deltas, installs
    /// atomically (<see cref="SnapshotSlot"/>), switches <see cref="Rules"/> to the new files,
    /// and publishes what it applied or refused, with the reason, on <c>…/snapshot/applied</c>.
    /// Whatever fails, the installed snapshot stays in use. Driven by <see cref="Handle"/> (the
    /// tap flow routes inbound messages here) and <see cref="Step"/>; never blocks on the network.
    /// </summary>
    public sealed class SnapshotUpdater
    {
        private readonly SnapshotSettings _settings;
        private readonly ISnapshotStorage _storage;
        private readonly IMqttTransport _mqtt;
        private readonly IHmacSha256 _hmac;
        private readonly ISnapshotLog _log;
        private readonly SnapshotChannel _events;
        private readonly SnapshotChannel _allowlist;
        private readonly SnapshotOfflineRules _rules;
        private readonly string _allowlistTopic;
        private readonly string _eventsTopic;
        private readonly string _chunkTopic;
        private readonly string _appliedTopic;
        private readonly AppliedReport[] _unsent = new AppliedReport[2];
        private SnapshotChannel _active;
        private bool _wasConnected;

        public SnapshotUpdater(SnapshotSettings settings, ISnapshotStorage storage, IBlobStore blobs, IMqttTransport mqtt,
            IHmacSha256 hmac, ISnapshotLog log, ISnapshotHttp http)
        {
            string problem = settings == null ? "no snapshot settings" : settings.Validate();
            if (problem != null)
            {
                throw new System.ArgumentException(problem);
            }
            if (storage == null || blobs == null || mqtt == null || hmac == null)
            {
                throw new System.ArgumentException("the snapshot updater needs storage, blobs, a transport and HMAC-SHA256");
            }
            _settings = settings;
            _storage = storage;
            _mqtt = mqtt;
            _hmac = hmac;
            _log = log;
            SnapshotSlot allowlist = new SnapshotSlot(SnapshotKind.Allowlist, settings.CardSystemId, storage, blobs);
            SnapshotSlot events = new SnapshotSlot(SnapshotKind.Events, settings.CardSystemId, storage, blobs);
            Log(allowlist.Load());
            Log(events.Load());
            _allowlist = new SnapshotChannel(this, allowlist,
                new SnapshotDownload(settings, storage, blobs, "snap-al-dl", mqtt, http));
            _events = new SnapshotChannel(this, events,
                new SnapshotDownload(settings, storage, blobs, "snap-ev-dl", mqtt, http));
            _rules = new SnapshotOfflineRules(allowlist, events, settings.DeviceId);
            Log(_rules.Reload(SnapshotKind.Allowlist));
            Log(_rules.Reload(SnapshotKind.Events));
            _allowlistTopic = DistributionTopics.Allowlist(settings.CardSystemId);
            _eventsTopic = DistributionTopics.Events(settings.DeviceId);
            _chunkTopic = DistributionTopics.Chunk(settings.DeviceId);
            _appliedTopic = DistributionTopics.Applied(settings.DeviceId);
        }

        /// <summary>The offline rules over the installed snapshots; give them to the tap flow.</summary>
        public SnapshotOfflineRules Rules
        {
            get { return _rules; }
        }

        /// <summary>The topics the transport must subscribe to (at QoS 1, at every connect).</summary>
        public string[] Subscriptions
        {
            get { return new string[] { _allowlistTopic, _eventsTopic, _chunkTopic }; }
        }

        public uint AllowlistVersion
        {
            get { return _allowlist.Slot.Version; }
        }

        public uint EventsVersion
        {
            get { return _events.Slot.Version; }
        }

        /// <summary>The allowlist download (progress, resume point, requests), for health reports and tests.</summary>
        public SnapshotDownload AllowlistDownload
        {
            get { return _allowlist.Download; }
        }

        public SnapshotDownload EventsDownload
        {
            get { return _events.Download; }
        }

        /// <summary>The last refusal's reason; null when none in this boot.</summary>
        public string LastRefusal { get; private set; }

        /// <summary>Messages that could not be decoded (manifests, chunk answers).</summary>
        public int MalformedMessages { get; private set; }

        /// <summary>True when the message was on a snapshot topic (and is handled); false for anything else.</summary>
        public bool Handle(InboundMessage message, long nowMs)
        {
            string topic = message.Topic;
            if (topic == _chunkTopic)
            {
                ChunkAnswer answer;
                string error;
                if (!ChunkAnswer.TryParse(message.Payload, out answer, out error))
                {
                    MalformedMessages++;
                    Log("chunk answer ignored: " + error);
                }
                else if (_active != null)
                {
                    _active.OnChunk(answer, nowMs);
                }
                return true;
            }
            if (topic == _allowlistTopic)
            {
                OnManifest(_allowlist, message.Payload, nowMs);
                return true;
            }
            if (topic == _eventsTopic)
            {
                OnManifest(_events, message.Payload, nowMs);
                return true;
            }
            return false;
        }

        /// <summary>
        /// One turn: publish unsent reports, move the active download on, start the next one.
        /// <paramref name="idle"/>: nobody is waiting at the terminal, so verifying or merging a
        /// file (which holds the loop for as long as it reads the file) may run now.
        /// </summary>
        public void Step(long nowMs, bool idle)
        {
            bool connected = _mqtt.IsConnected;
            if (connected && !_wasConnected)
            {
                _allowlist.Download.Nudge();
                _events.Download.Nudge();
            }
            _wasConnected = connected;
            if (connected)
            {
                PublishReports();
            }
            if (_active != null)
            {
                _active.Step(nowMs, idle);
                if (!_active.IsBusy)
                {
                    _active = null;
                }
            }
            if (_active == null)
            {
                SnapshotChannel next = _events.HasWork ? _events : _allowlist.HasWork ? _allowlist : null;
                if (next != null)
                {
                    _active = next;
                    next.Start(nowMs);
                    if (!next.IsBusy)
                    {
                        _active = null;
                    }
                }
            }
        }

        private void OnManifest(SnapshotChannel channel, byte[] payload, long nowMs)
        {
            if (payload == null || payload.Length == 0)
            {
                return; // a retained manifest cleared by the agent
            }
            SnapshotManifest manifest;
            string error;
            if (!SnapshotManifest.TryParse(payload, out manifest, out error))
            {
                MalformedMessages++;
                Refuse(channel.Kind, channel.Slot.Version, 0, error);
                return;
            }
            if (manifest.Kind != channel.Kind)
            {
                Refuse(channel.Kind, channel.Slot.Version, manifest.Version, "manifest: kind "
                    + SnapshotFileNames.KindName(manifest.Kind) + " on the " + SnapshotFileNames.KindName(channel.Kind) + " topic");
                return;
            }
            bool wasActive = _active == channel;
            channel.OnManifest(manifest, nowMs);
            if (wasActive && !channel.IsBusy)
            {
                _active = null;
            }
        }

        internal void Log(string line)
        {
            if (_log != null && line != null)
            {
                _log.Write("[snapshot] " + line);
            }
        }

        internal void Report(AppliedReport report)
        {
            _unsent[report.Kind == SnapshotKind.Allowlist ? 0 : 1] = report;
            if (_mqtt.IsConnected)
            {
                PublishReports();
            }
        }

        internal void Refuse(int kind, uint versionInUse, uint refusedVersion, string reason)
        {
            LastRefusal = reason;
            Log(SnapshotFileNames.KindName(kind) + " version " + refusedVersion + " refused: " + reason
                + (versionInUse == 0 ? " (no snapshot in use)" : " (version " + versionInUse + " stays in use)"));
            Report(AppliedReport.ForRefused(kind, versionInUse, refusedVersion, reason));
        }

        internal void Installed(int kind)
        {
            string problem = _rules.Reload(kind);
            if (problem != null)
            {
                Log(problem);
            }
        }

        /// <summary>
        /// Checks a downloaded full file against the key, kind, card system, installed version and
        /// the manifest, and its structure; null when it may be installed.
        /// </summary>
        internal string Verify(ISnapshotReadFile file, int kind, uint installedVersion, SnapshotManifest manifest,
            out uint version, out byte[] tag)
        {
            version = 0;
            tag = null;
            if (file == null)
            {
                return "the downloaded file is missing";
            }
            SnapshotHeader header;
            string reason;
            if (!SnapshotVerifier.TryVerify(file, _settings.Key, _hmac, kind, _settings.CardSystemId, installedVersion, out header, out reason))
            {
                return reason;
            }
            if (header.IsDelta)
            {
                return "a delta where a full snapshot was announced";
            }
            if (manifest != null && header.Version != manifest.Version)
            {
                return "version mismatch: the file is version " + header.Version + ", the manifest announced " + manifest.Version;
            }
            tag = SnapshotFileIo.TagOf(file);
            if (tag == null)
            {
                return "truncated: the tag could not be read";
            }
            if (manifest != null && header.Version == manifest.Version && !SnapshotTag.AreEqual(tag, 0, manifest.Tag, 0))
            {
                return "tag differs from the manifest's: not the announced file";
            }
            if (kind == SnapshotKind.Allowlist)
            {
                AllowlistReader reader;
                if (!AllowlistReader.TryOpen(file, out reader, out reason))
                {
                    return reason;
                }
            }
            else
            {
                EventsReader reader;
                if (!EventsReader.TryOpen(file, _settings.DeviceId, out reader, out reason))
                {
                    return reason;
                }
            }
            version = header.Version;
            return null;
        }

        /// <summary>
        /// Verifies the downloaded delta against the installed allowlist, merges them into the
        /// scratch slot and verifies the result; null when the result may be installed.
        /// </summary>
        internal string ApplyDelta(SnapshotSlot slot, ManifestDelta delta, SnapshotManifest manifest, out uint version, out byte[] tag)
        {
            version = 0;
            tag = null;
            ISnapshotReadFile deltaFile = _storage.OpenRead(slot.DeltaName);
            ISnapshotReadFile current = null;
            ISnapshotAppendFile output = null;
            string reason;
            try
            {
                if (deltaFile == null)
                {
                    return "the downloaded delta is missing";
                }
                SnapshotHeader header;
                if (!SnapshotVerifier.TryVerify(deltaFile, _settings.Key, _hmac, SnapshotKind.Allowlist, _settings.CardSystemId,
                    slot.Version, out header, out reason))
                {
                    return reason;
                }
                if (!header.IsDelta || header.Version != delta.TargetVersion)
                {
                    return "not the announced delta: version " + header.Version + " from " + header.BaseVersion
                        + ", the manifest gives " + delta.TargetVersion + " from " + delta.BaseVersion;
                }
                current = slot.OpenCurrent();
                if (current == null)
                {
                    return "the installed allowlist could not be opened";
                }
                slot.ReleaseScratch();
                output = _storage.OpenAppend(slot.ScratchName, true);
                bool applied = AllowlistDelta.TryApply(current, deltaFile, _settings.Key, _hmac, output, out reason);
                output.Close();
                output = null;
                if (!applied)
                {
                    return reason;
                }
            }
            catch (System.Exception e)
            {
                return "the delta could not be applied: " + e.Message;
            }
            finally
            {
                SnapshotFileIo.CloseQuietly(output);
                SnapshotFileIo.CloseQuietly(current);
                SnapshotFileIo.CloseQuietly(deltaFile);
            }
            // Read back what was written: the flash holds what the tag says, or it is not installed.
            ISnapshotReadFile merged = _storage.OpenRead(slot.ScratchName);
            try
            {
                reason = Verify(merged, SnapshotKind.Allowlist, slot.Version,
                    delta.TargetVersion == manifest.Version ? manifest : null, out version, out tag);
            }
            finally
            {
                SnapshotFileIo.CloseQuietly(merged);
            }
            return reason;
        }

        private void PublishReports()
        {
            for (int i = 0; i < _unsent.Length; i++)
            {
                AppliedReport report = _unsent[i];
                if (report == null)
                {
                    continue;
                }
                byte[] payload = report.Encode();
                IRetainedPublisher retained = _mqtt as IRetainedPublisher;
                bool sent = retained != null ? retained.PublishRetained(_appliedTopic, payload) : _mqtt.Publish(_appliedTopic, payload);
                if (sent)
                {
                    _unsent[i] = null;
                }
            }
        }
    }
}
