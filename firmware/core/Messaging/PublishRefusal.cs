namespace Uitpas.Edge.Core.Messaging
{
    /// <summary>
    /// A publish the broker answered with an MQTT 5 PUBACK reason code of 0x80 or more: the agent
    /// did not take it. The terminal keeps a refused tap journaled and sends it again later.
    /// </summary>
    public sealed class PublishRefusal
    {
        /// <summary>0x97: the agent's store is at its cap (back-pressure), or the payload was too large.</summary>
        public const int QuotaExceeded = 0x97;

        /// <summary>0x80: the agent could not store the tap now.</summary>
        public const int UnspecifiedError = 0x80;

        public PublishRefusal(string topic, byte[] payload, int reasonCode)
        {
            Topic = topic;
            Payload = payload;
            ReasonCode = reasonCode;
        }

        public string Topic { get; }
        public byte[] Payload { get; }
        public int ReasonCode { get; }

        /// <summary>True when the agent is busy (QuotaExceeded, UnspecifiedError): replays should slow down.</summary>
        public bool IsBusy
        {
            get { return ReasonCode == QuotaExceeded || ReasonCode == UnspecifiedError; }
        }
    }
}
