using Uitpas.Edge.Protocol.Distribution;
using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.Core.Snapshots
{
    /// <summary>
    /// Follows the manifests of one snapshot kind: plans the download (the delta chain from the
    /// installed version when the manifest offers a complete, smaller one, else the full file),
    /// verifies, applies and installs, and says what happened (<see cref="SnapshotUpdater"/>
    /// publishes it). Any failure leaves the installed snapshot in use. Heavy steps (verify,
    /// merge) run only when the caller says the terminal is idle.
    /// </summary>
    internal sealed class SnapshotChannel
    {
        private readonly SnapshotUpdater _owner;
        private readonly SnapshotSlot _slot;
        private readonly SnapshotDownload _download;
        private SnapshotManifest _manifest;
        private ManifestDelta[] _chain;
        private int _step;
        private bool _pending;
        private bool _deltasRefused;
        private string _refusedFile;
        private byte[] _refusedTag;

        public SnapshotChannel(SnapshotUpdater owner, SnapshotSlot slot, SnapshotDownload download)
        {
            _owner = owner;
            _slot = slot;
            _download = download;
        }

        public int Kind
        {
            get { return _slot.Kind; }
        }

        public SnapshotSlot Slot
        {
            get { return _slot; }
        }

        public SnapshotDownload Download
        {
            get { return _download; }
        }

        /// <summary>A manifest names a version to fetch and the channel has not started on it.</summary>
        public bool HasWork
        {
            get { return _pending; }
        }

        public bool IsBusy
        {
            get { return _download.State != DownloadState.Idle; }
        }

        public void OnManifest(SnapshotManifest manifest, long nowMs)
        {
            if (manifest.Version == _slot.Version)
            {
                Drop();
                _owner.Report(AppliedReport.ForApplied(Kind, _slot.Version));
                return;
            }
            if (manifest.Version < _slot.Version)
            {
                Drop();
                _owner.Refuse(Kind, _slot.Version, manifest.Version, "older than current: the manifest offers version "
                    + manifest.Version + ", version " + _slot.Version + " is installed");
                return;
            }
            if (_refusedFile == manifest.File && SameTag(_refusedTag, manifest.Tag))
            {
                _owner.Log(Name + " " + manifest.File + " was refused already in this boot; waiting for another version");
                return;
            }
            if (_manifest != null && IsBusy && _manifest.File == manifest.File && SameTag(_manifest.Tag, manifest.Tag))
            {
                return; // the same manifest again (a reconnect): the download goes on where it is
            }
            Drop();
            _manifest = manifest;
            _deltasRefused = false;
            _pending = true;
        }

        /// <summary>Starts on the pending manifest (called by the updater when no other kind is downloading).</summary>
        public void Start(long nowMs)
        {
            _pending = false;
            _chain = _deltasRefused ? null : _manifest.ChainFrom(_slot.Version);
            _step = 0;
            _owner.Log(Name + " version " + _manifest.Version + " announced: fetching "
                + (_chain == null ? _manifest.File : _chain.Length + " delta(s) from version " + _slot.Version));
            BeginStep(nowMs);
        }

        public void OnChunk(ChunkAnswer answer, long nowMs)
        {
            _download.OnAnswer(answer, nowMs);
        }

        public void Step(long nowMs, bool idle)
        {
            _download.Step(nowMs);
            if (_download.State == DownloadState.Failed)
            {
                string reason = _download.FailReason;
                bool refused = reason.StartsWith("length mismatch") || reason.StartsWith("truncated");
                _download.Forget();
                _slot.Storage.Delete(_download.TargetName);
                if (refused && _chain != null)
                {
                    RefuseDelta(_chain[_step], reason);
                }
                else if (refused)
                {
                    RefuseCurrent(reason, nowMs);
                }
                else
                {
                    _owner.Log(Name + " download stopped: " + reason + "; waiting for the next manifest");
                    _manifest = null;
                }
                return;
            }
            if (_download.State == DownloadState.Complete && idle)
            {
                if (_chain == null)
                {
                    FinishFull(nowMs);
                }
                else
                {
                    FinishDelta(nowMs);
                }
            }
        }

        private string Name
        {
            get { return SnapshotFileNames.KindName(Kind); }
        }

        private void BeginStep(long nowMs)
        {
            if (_chain == null)
            {
                _slot.ReleaseScratch();
                _download.Begin(_manifest.File, _manifest.Length, _manifest.Tag, _slot.ScratchName, _manifest.Url, nowMs);
            }
            else
            {
                ManifestDelta delta = _chain[_step];
                _download.Begin(delta.File, delta.Length, _manifest.Tag, _slot.DeltaName, _manifest.Url, nowMs);
            }
            if (_download.StartedAt > 0)
            {
                _owner.Log(Name + " " + _download.File + ": resuming at byte " + _download.StartedAt + " of " + _download.Total);
            }
        }

        private void FinishFull(long nowMs)
        {
            string scratch = _slot.ScratchName;
            string reason;
            uint version;
            byte[] tag;
            ISnapshotReadFile file = _slot.Storage.OpenRead(scratch);
            try
            {
                reason = _owner.Verify(file, Kind, _slot.Version, _manifest, out version, out tag);
            }
            finally
            {
                SnapshotFileIo.CloseQuietly(file);
            }
            _download.Forget();
            if (reason != null)
            {
                _slot.Storage.Delete(scratch);
                RefuseCurrent(reason, nowMs);
                return;
            }
            Install(version, tag);
            _manifest = null;
        }

        private void FinishDelta(long nowMs)
        {
            ManifestDelta delta = _chain[_step];
            uint version;
            byte[] tag;
            string reason = _owner.ApplyDelta(_slot, delta, _manifest, out version, out tag);
            _download.Forget();
            _slot.Storage.Delete(_slot.DeltaName);
            if (reason != null)
            {
                _slot.Storage.Delete(_slot.ScratchName);
                RefuseDelta(delta, reason);
                return;
            }
            Install(version, tag);
            _step++;
            if (_step < _chain.Length)
            {
                BeginStep(nowMs);
            }
            else
            {
                _manifest = null;
            }
        }

        /// <summary>Makes the verified file in the scratch slot the current one, and says so.</summary>
        private void Install(uint version, byte[] tag)
        {
            uint before = _slot.Version;
            _slot.InstallScratch(version, tag);
            _owner.Installed(Kind);
            _owner.Log(Name + " version " + version + " installed (was " + before + ")");
            _owner.Report(AppliedReport.ForApplied(Kind, version));
        }

        /// <summary>A delta of the chain was refused: report it, then fetch the full file of the announced version instead.</summary>
        private void RefuseDelta(ManifestDelta delta, string reason)
        {
            _owner.Refuse(Kind, _slot.Version, delta.TargetVersion, delta.File + ": " + reason);
            _deltasRefused = true;
            _pending = true;
        }

        private void RefuseCurrent(string reason, long nowMs)
        {
            _refusedFile = _manifest.File;
            _refusedTag = _manifest.Tag;
            _owner.Refuse(Kind, _slot.Version, _manifest.Version, reason);
            _manifest = null;
        }

        private void Drop()
        {
            if (IsBusy)
            {
                _download.Stop();
            }
            _manifest = null;
            _pending = false;
        }

        private static bool SameTag(byte[] a, byte[] b)
        {
            return a != null && b != null && SnapshotTag.AreEqual(a, 0, b, 0);
        }
    }
}
