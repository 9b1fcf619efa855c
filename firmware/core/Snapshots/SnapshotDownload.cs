using Uitpas.Edge.Core.Messaging;
using Uitpas.Edge.Core.Storage;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Protocol.Distribution;
using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.Core.Snapshots
{
    /// <summary>
    /// Fetches one file into a target file, stop-and-wait: one chunk request in flight (MQTT
    /// <c>…/snapshot/get</c>, or HTTP when the manifest gives a URL and the terminal has a client),
    /// its answer appended and flushed before the next request. An unanswered request is asked
    /// again after <see cref="SnapshotSettings.AnswerTimeoutMs"/>; after
    /// <see cref="SnapshotSettings.MaxAttempts"/> the download pauses for
    /// <see cref="SnapshotSettings.RetryBackoffMs"/> (HTTP falls back to MQTT first). A small
    /// state blob names what the target file holds (file, length, tag), so after a reconnect or a
    /// reboot the download resumes at the target file's length when the same file is wanted.
    /// RAM: the state fields and the received answer (the transport's buffer); nothing else.
    /// </summary>
    public sealed class SnapshotDownload
    {
        private readonly SnapshotSettings _settings;
        private readonly ISnapshotStorage _storage;
        private readonly IBlobStore _blobs;
        private readonly string _stateBlob;
        private readonly IMqttTransport _mqtt;
        private readonly ISnapshotHttp _http;
        private readonly string _getTopic;
        private ISnapshotAppendFile _target;
        private bool _awaiting;
        private bool _viaHttp;
        private bool _httpGaveUp;
        private long _deadlineMs;
        private long _pausedUntilMs;
        private int _attempts;

        public SnapshotDownload(SnapshotSettings settings, ISnapshotStorage storage, IBlobStore blobs, string stateBlob,
            IMqttTransport mqtt, ISnapshotHttp http)
        {
            _settings = settings;
            _storage = storage;
            _blobs = blobs;
            _stateBlob = stateBlob;
            _mqtt = mqtt;
            _http = http;
            _getTopic = DistributionTopics.Get(settings.DeviceId);
        }

        public DownloadState State { get; private set; }
        public string File { get; private set; }
        public string TargetName { get; private set; }
        public long Total { get; private set; }

        /// <summary>Bytes in the target file so far: the offset of the next request.</summary>
        public long Offset { get; private set; }

        /// <summary>Where this download started: 0 for a fresh one, the target's length for a resumed one.</summary>
        public long StartedAt { get; private set; }

        public string FailReason { get; private set; }

        /// <summary>Requests sent (for the health report and tests).</summary>
        public int Requests { get; private set; }

        /// <summary>
        /// Starts (or resumes) fetching <paramref name="file"/> of <paramref name="total"/> bytes into
        /// <paramref name="target"/>. <paramref name="contentTag"/> names the content the manifest
        /// announced; a target written for another file, length or tag is emptied first.
        /// </summary>
        public void Begin(string file, long total, byte[] contentTag, string target, string url, long nowMs)
        {
            Stop();
            File = file;
            Total = total;
            TargetName = target;
            Url = url;
            FailReason = null;
            _viaHttp = url != null && _http != null;
            _httpGaveUp = false;
            _attempts = 0;
            _awaiting = false;
            _pausedUntilMs = nowMs;
            byte[] wanted = EncodeState(file, total, contentTag, target);
            byte[] held = _blobs.Read(_stateBlob);
            long length = _storage.LengthOf(target);
            bool resumable = held != null && SameBytes(held, wanted) && length >= 0 && length <= total;
            try
            {
                if (!resumable)
                {
                    // Empty the target before the state blob names it: the blob never claims bytes of another file.
                    _target = _storage.OpenAppend(target, true);
                    _blobs.Write(_stateBlob, wanted);
                }
                else
                {
                    _target = _storage.OpenAppend(target, false);
                }
            }
            catch (System.Exception e)
            {
                Fail("the scratch file " + target + " could not be opened: " + e.Message);
                return;
            }
            Offset = _target.Length;
            StartedAt = Offset;
            State = DownloadState.Running;
            if (Offset == Total)
            {
                Complete();
            }
        }

        /// <summary>The HTTP base of the current download; null when it goes over MQTT only.</summary>
        public string Url { get; private set; }

        /// <summary>Sends the next request when one is due; counts timeouts. Never blocks.</summary>
        public void Step(long nowMs)
        {
            if (State != DownloadState.Running)
            {
                return;
            }
            if (_viaHttp)
            {
                ChunkAnswer answer = _http.Poll();
                while (answer != null)
                {
                    OnAnswer(answer, nowMs);
                    answer = State == DownloadState.Running ? _http.Poll() : null;
                }
                if (State != DownloadState.Running)
                {
                    return;
                }
            }
            if (_awaiting && nowMs >= _deadlineMs)
            {
                _awaiting = false;
                _attempts++;
                if (_attempts >= _settings.MaxAttempts)
                {
                    _attempts = 0;
                    if (_viaHttp)
                    {
                        _viaHttp = false;
                        _httpGaveUp = true;
                    }
                    else
                    {
                        _pausedUntilMs = nowMs + _settings.RetryBackoffMs;
                    }
                }
            }
            if (!_awaiting && nowMs >= _pausedUntilMs)
            {
                SendRequest(nowMs);
            }
        }

        /// <summary>A chunk answer for this terminal; ignored unless it answers the request in flight.</summary>
        public void OnAnswer(ChunkAnswer answer, long nowMs)
        {
            if (State != DownloadState.Running || answer.File != File)
            {
                return;
            }
            if (answer.Status == ChunkStatus.UnknownFile)
            {
                Fail("the agent has no file " + File);
                return;
            }
            if (answer.Status == ChunkStatus.BadRequest)
            {
                Fail("the agent refused the request for " + File + " at offset " + Offset);
                return;
            }
            if (answer.Offset != Offset)
            {
                return; // a late answer to an earlier request: that piece is written already
            }
            if (answer.Total != Total)
            {
                Fail("length mismatch: the agent serves " + File + " with " + answer.Total + " bytes, the manifest says " + Total);
                return;
            }
            if (answer.DataLength == 0)
            {
                if (Offset < Total)
                {
                    Fail("truncated: the agent ended " + File + " at " + Offset + " of " + Total + " bytes");
                }
                return;
            }
            try
            {
                _target.Write(answer.Buffer, answer.DataOffset, answer.DataLength);
                _target.Flush();
            }
            catch (System.Exception e)
            {
                Fail("the scratch file " + TargetName + " could not be written: " + e.Message);
                return;
            }
            Offset += answer.DataLength;
            _awaiting = false;
            _attempts = 0;
            if (Offset >= Total)
            {
                Complete();
                return;
            }
            SendRequest(nowMs);
        }

        /// <summary>Stops fetching; the target file and state blob stay, so a later <see cref="Begin"/> resumes.</summary>
        public void Stop()
        {
            SnapshotFileIo.CloseQuietly(_target);
            _target = null;
            _awaiting = false;
            State = DownloadState.Idle;
        }

        /// <summary>After a reconnect: the request in flight is probably lost, ask again now.</summary>
        public void Nudge()
        {
            if (State == DownloadState.Running && _awaiting)
            {
                _awaiting = false;
                _pausedUntilMs = 0;
            }
        }

        /// <summary>Forgets what the target held (after it was installed or refused): the next download of it starts at 0.</summary>
        public void Forget()
        {
            Stop();
            _blobs.Write(_stateBlob, new byte[0]);
            State = DownloadState.Idle;
        }

        private void SendRequest(long nowMs)
        {
            long left = Total - Offset;
            int count = left < _settings.ChunkSize ? (int)left : _settings.ChunkSize;
            bool sent;
            if (_viaHttp)
            {
                sent = _http.Request(Url, File, Offset, count);
                if (!sent)
                {
                    _viaHttp = false;
                    _httpGaveUp = true;
                }
            }
            if (!_viaHttp)
            {
                sent = _mqtt.IsConnected && _mqtt.Publish(_getTopic, new ChunkRequest(File, Offset, count).Encode());
                if (!sent)
                {
                    return; // offline: asked again at the next step
                }
            }
            Requests++;
            _awaiting = true;
            _deadlineMs = nowMs + _settings.AnswerTimeoutMs;
        }

        /// <summary>True once HTTP failed for this download and MQTT took over.</summary>
        public bool FellBackToMqtt
        {
            get { return _httpGaveUp; }
        }

        private void Complete()
        {
            SnapshotFileIo.CloseQuietly(_target);
            _target = null;
            _awaiting = false;
            State = DownloadState.Complete;
        }

        private void Fail(string reason)
        {
            SnapshotFileIo.CloseQuietly(_target);
            _target = null;
            _awaiting = false;
            FailReason = reason;
            State = DownloadState.Failed;
        }

        /// <summary>u8 1 · str8 file · str8 target · u32 length · 32-byte tag.</summary>
        private static byte[] EncodeState(string file, long total, byte[] tag, string target)
        {
            byte[] f = System.Text.Encoding.UTF8.GetBytes(file);
            byte[] t = System.Text.Encoding.UTF8.GetBytes(target);
            byte[] state = new byte[1 + 1 + f.Length + 1 + t.Length + 4 + SnapshotFormat.TagLength];
            int at = 0;
            state[at++] = 1;
            state[at++] = (byte)f.Length;
            System.Array.Copy(f, 0, state, at, f.Length);
            at += f.Length;
            state[at++] = (byte)t.Length;
            System.Array.Copy(t, 0, state, at, t.Length);
            at += t.Length;
            BigEndian.WriteUInt32(state, at, (uint)total);
            at += 4;
            if (tag != null)
            {
                System.Array.Copy(tag, 0, state, at, SnapshotFormat.TagLength);
            }
            return state;
        }

        private static bool SameBytes(byte[] a, byte[] b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }
            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }
            return true;
        }
    }
}
