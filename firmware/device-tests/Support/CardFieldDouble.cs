using Uitpas.Edge.Core.Reading;

namespace Uitpas.Edge.DeviceTests.Support
{
    /// <summary>The reader's RF field as the test sets it: the card in it, or none.</summary>
    public sealed class CardFieldDouble : ICardReader
    {
        public byte[] Card { get; set; }

        public int Reads { get; private set; }

        public byte[] ReadCardInField(long nowMs)
        {
            Reads++;
            return Card;
        }
    }
}
