namespace Uitpas.Edge.Protocol.Provisioning
{
    /// <summary>Improv's provisioning states (the data byte of a current-state packet).</summary>
    public static class ImprovState
    {
        public const byte Authorized = 0x02;
        public const byte Provisioning = 0x03;
        public const byte Provisioned = 0x04;
    }

    /// <summary>Improv's error states (the data byte of an error-state packet).</summary>
    public static class ImprovError
    {
        public const byte None = 0x00;
        public const byte InvalidRpc = 0x01;
        public const byte UnknownRpc = 0x02;
        public const byte UnableToConnect = 0x03;
        public const byte Unknown = 0xFF;

        /// <summary>An English phrase for an error byte (for the host's messages).</summary>
        public static string Describe(byte error)
        {
            switch (error)
            {
                case None: return "no error";
                case InvalidRpc: return "invalid RPC packet";
                case UnknownRpc: return "unknown RPC command";
                case UnableToConnect: return "unable to connect to the WiFi network";
                default: return "unknown error 0x" + error.ToString("x2");
            }
        }
    }

    /// <summary>
    /// RPC commands: Improv's standard ones and the Uitpas.Edge extension in the 0xA0 range, which
    /// builds device.cfg on the board: set and append a setting, commit (validate with
    /// DeviceConfig.Parse and write device.cfg; the result is <c>ok</c> or the error line) and
    /// abort (forget what was not committed). Nothing is written before a commit.
    /// </summary>
    public static class ImprovCommand
    {
        public const byte WifiSettings = 0x01;
        public const byte RequestState = 0x02;
        public const byte RequestInfo = 0x03;

        /// <summary>Strings: key, value. Replaces the key's pending value.</summary>
        public const byte SetSetting = 0xA0;

        /// <summary>Strings: key, more of the value (for values longer than one packet, like broker.ca).</summary>
        public const byte AppendSetting = 0xA1;

        /// <summary>No strings. Result: <c>ok</c>, or the sentence saying why not.</summary>
        public const byte Commit = 0xA2;

        /// <summary>No strings. Forgets the pending settings and WiFi network.</summary>
        public const byte Abort = 0xA3;

        /// <summary>The commit result string that means device.cfg was written.</summary>
        public const string CommitOk = "ok";
    }
}
