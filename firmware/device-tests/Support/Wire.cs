using nanoFramework.TestFramework;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.DeviceTests.Support
{
    /// <summary>Tap and result payloads as the agent reads and writes them.</summary>
    public static class Wire
    {
        public static readonly byte[] Card = new byte[] { 0x04, 0x4D, 0x71, 0xDA, 0x86, 0x26, 0x80 };

        public static TapEvent DecodeTap(byte[] payload)
        {
            TapEvent tap;
            string error;
            Assert.IsTrue(TapEventCodec.TryDecode(payload, out tap, out error), "a tap payload: " + error);
            return tap;
        }

        public static byte[] Result(TapEvent tap, TapOutcome outcome, int points, int total, string reason, string message)
        {
            return TapResultCodec.Encode(new TapResult(tap.BootEpoch, tap.Sequence, outcome, points, total, reason, message));
        }

        public static byte[] Result(TapEvent tap, TapOutcome outcome, int points, int total)
        {
            return Result(tap, outcome, points, total, "", "");
        }
    }
}
