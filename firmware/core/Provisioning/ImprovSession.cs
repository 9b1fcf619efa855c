using System.Collections;
using Uitpas.Edge.Protocol.Provisioning;

namespace Uitpas.Edge.Core.Provisioning
{
    /// <summary>
    /// The terminal's side of Improv Serial: feed it the bytes received on the serial port, send
    /// back the bytes it returns. WiFi settings and the Uitpas.Edge settings RPCs (0xA0-0xA3) are
    /// collected as pending device.cfg lines; a commit validates them with
    /// <see cref="DeviceConfig.Parse"/> and only then writes device.cfg through
    /// <see cref="IImprovDevice"/>. Nothing is written before a commit; an abort forgets the pending lines.
    /// </summary>
    public sealed class ImprovSession
    {
        /// <summary>The longest key or value one RPC sets.</summary>
        public const int MaxStringLength = 250;

        /// <summary>The most pending device.cfg text (keys and values) the session keeps.</summary>
        public const int MaxPendingLength = 8192;

        private readonly IImprovDevice _device;
        private readonly string[] _info;
        private readonly ImprovDecoder _decoder = new ImprovDecoder();
        private readonly ArrayList _keys = new ArrayList();
        private readonly Hashtable _values = new Hashtable();
        private readonly ArrayList _output = new ArrayList();
        private byte _state;

        /// <param name="firmwareName">Device info string 1, e.g. "Uitpas.Edge".</param>
        /// <param name="firmwareVersion">Device info string 2.</param>
        /// <param name="chip">Device info string 3: hardware chip or variant.</param>
        /// <param name="deviceName">Device info string 4: the device id, or a name saying it has none yet.</param>
        /// <param name="provisioned">Whether the terminal already has a usable device.cfg.</param>
        public ImprovSession(IImprovDevice device, string firmwareName, string firmwareVersion, string chip, string deviceName, bool provisioned)
        {
            _device = device;
            _info = new string[] { firmwareName, firmwareVersion, chip, deviceName };
            _state = provisioned ? ImprovState.Provisioned : ImprovState.Authorized;
        }

        /// <summary>The Improv state: Authorized, Provisioning (while joining WiFi) or Provisioned.</summary>
        public byte State
        {
            get { return _state; }
        }

        /// <summary>The configuration of the last successful commit; null before one.</summary>
        public DeviceConfig Committed { get; private set; }

        /// <summary>How many commits wrote device.cfg.</summary>
        public int Commits { get; private set; }

        /// <summary>How many setting lines wait for a commit.</summary>
        public int PendingCount
        {
            get { return _keys.Count; }
        }

        /// <summary>Handles received bytes; returns the bytes to send (empty when nothing). Never throws on bad bytes.</summary>
        public byte[] Feed(byte[] bytes, int offset, int count)
        {
            _decoder.Feed(bytes, offset, count);
            ImprovPacket packet = _decoder.Next();
            while (packet != null)
            {
                if (packet.Type == ImprovPacket.TypeRpcCommand)
                {
                    Handle(packet.Data);
                }
                packet = _decoder.Next();
            }
            return TakeOutput();
        }

        private void Handle(byte[] data)
        {
            string reason;
            ImprovRpc rpc = ImprovRpc.TryParse(data, out reason);
            if (rpc == null)
            {
                Send(ImprovPacket.ErrorState(ImprovError.InvalidRpc));
                return;
            }
            Send(ImprovPacket.ErrorState(ImprovError.None));
            switch (rpc.Command)
            {
                case ImprovCommand.WifiSettings:
                    Wifi(rpc.Strings);
                    return;
                case ImprovCommand.RequestState:
                    Send(ImprovPacket.CurrentState(_state));
                    if (_state == ImprovState.Provisioned)
                    {
                        Send(ImprovPacket.RpcResult(ImprovCommand.RequestState, new string[0]));
                    }
                    return;
                case ImprovCommand.RequestInfo:
                    Send(ImprovPacket.RpcResult(ImprovCommand.RequestInfo, _info));
                    return;
                case ImprovCommand.SetSetting:
                case ImprovCommand.AppendSetting:
                    Setting(rpc.Command, rpc.Strings);
                    return;
                case ImprovCommand.Commit:
                    Commit();
                    return;
                case ImprovCommand.Abort:
                    _keys.Clear();
                    _values.Clear();
                    Send(ImprovPacket.RpcResult(ImprovCommand.Abort, new string[0]));
                    return;
                default:
                    Send(ImprovPacket.ErrorState(ImprovError.UnknownRpc));
                    return;
            }
        }

        private void Wifi(string[] strings)
        {
            if (strings.Length != 2 || strings[0].Length == 0 || !IsLineSafe(strings[0]) || !IsLineSafe(strings[1]))
            {
                Send(ImprovPacket.ErrorState(ImprovError.InvalidRpc));
                return;
            }
            byte before = _state;
            _state = ImprovState.Provisioning;
            Send(ImprovPacket.CurrentState(_state));
            if (!_device.ConnectWifi(strings[0], strings[1]))
            {
                _state = before == ImprovState.Provisioned ? ImprovState.Provisioned : ImprovState.Authorized;
                Send(ImprovPacket.ErrorState(ImprovError.UnableToConnect));
                Send(ImprovPacket.CurrentState(_state));
                return;
            }
            Put("wifi.ssid", strings[0]);
            Put("wifi.password", strings[1]);
            _state = ImprovState.Provisioned;
            Send(ImprovPacket.CurrentState(_state));
            Send(ImprovPacket.RpcResult(ImprovCommand.WifiSettings, new string[0]));
        }

        private void Setting(byte command, string[] strings)
        {
            if (strings.Length != 2 || !IsKey(strings[0]) || strings[1].Length > MaxStringLength || !IsLineSafe(strings[1]))
            {
                Send(ImprovPacket.ErrorState(ImprovError.InvalidRpc));
                return;
            }
            string key = strings[0];
            string value = strings[1];
            if (command == ImprovCommand.AppendSetting)
            {
                if (!_values.Contains(key))
                {
                    Send(ImprovPacket.ErrorState(ImprovError.InvalidRpc));
                    return;
                }
                value = (string)_values[key] + value;
            }
            if (PendingLength() - LengthOf(key) + key.Length + value.Length > MaxPendingLength)
            {
                Send(ImprovPacket.ErrorState(ImprovError.InvalidRpc));
                return;
            }
            Put(key, value);
            Send(ImprovPacket.RpcResult(command, new string[0]));
        }

        private void Commit()
        {
            if (_keys.Count == 0)
            {
                Send(ImprovPacket.RpcResult(ImprovCommand.Commit, new string[] { "no settings to commit" }));
                return;
            }
            string text = PendingText();
            string error;
            DeviceConfig config = DeviceConfig.Parse(text, out error);
            if (config == null)
            {
                Send(ImprovPacket.RpcResult(ImprovCommand.Commit, new string[] { Clip(error) }));
                return;
            }
            string problem = _device.WriteDeviceConfig(text);
            if (problem != null)
            {
                Send(ImprovPacket.RpcResult(ImprovCommand.Commit, new string[] { Clip("could not write device.cfg: " + problem) }));
                return;
            }
            _keys.Clear();
            _values.Clear();
            Committed = config;
            Commits++;
            _info[3] = config.DeviceId;
            _state = ImprovState.Provisioned;
            Send(ImprovPacket.CurrentState(_state));
            Send(ImprovPacket.RpcResult(ImprovCommand.Commit, new string[] { ImprovCommand.CommitOk }));
        }

        private void Put(string key, string value)
        {
            if (!_values.Contains(key))
            {
                _keys.Add(key);
            }
            _values[key] = value;
        }

        private string PendingText()
        {
            string text = string.Empty;
            for (int i = 0; i < _keys.Count; i++)
            {
                string key = (string)_keys[i];
                text += key + "=" + (string)_values[key] + "\n";
            }
            return text;
        }

        private int PendingLength()
        {
            int length = 0;
            for (int i = 0; i < _keys.Count; i++)
            {
                length += LengthOf((string)_keys[i]);
            }
            return length;
        }

        private int LengthOf(string key)
        {
            return _values.Contains(key) ? key.Length + ((string)_values[key]).Length : 0;
        }

        /// <summary>A device.cfg key: 1-250 characters, printable ASCII, no '=', not a comment.</summary>
        private static bool IsKey(string key)
        {
            if (key.Length == 0 || key.Length > MaxStringLength || key[0] == '#')
            {
                return false;
            }
            for (int i = 0; i < key.Length; i++)
            {
                char c = key[i];
                if (c <= ' ' || c > '~' || c == '=')
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>No line breaks: a value stays one device.cfg line.</summary>
        private static bool IsLineSafe(string value)
        {
            return value.IndexOf('\n') < 0 && value.IndexOf('\r') < 0;
        }

        /// <summary>Fits a sentence into one RPC string: printable ASCII (others become '?'), at most 250 characters.</summary>
        private static string Clip(string text)
        {
            int length = text.Length < MaxStringLength ? text.Length : MaxStringLength;
            char[] chars = new char[length];
            for (int i = 0; i < length; i++)
            {
                char c = text[i];
                chars[i] = c >= ' ' && c <= '~' ? c : '?';
            }
            return new string(chars);
        }

        private void Send(byte[] packet)
        {
            _output.Add(packet);
        }

        private byte[] TakeOutput()
        {
            int length = 0;
            for (int i = 0; i < _output.Count; i++)
            {
                length += ((byte[])_output[i]).Length;
            }
            byte[] all = new byte[length];
            int at = 0;
            for (int i = 0; i < _output.Count; i++)
            {
                byte[] part = (byte[])_output[i];
                for (int k = 0; k < part.Length; k++)
                {
                    all[at++] = part[k];
                }
            }
            _output.Clear();
            return all;
        }
    }
}
