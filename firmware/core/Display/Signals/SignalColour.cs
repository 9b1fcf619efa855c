namespace Uitpas.Edge.Core.Display.Signals
{
    /// <summary>LED colours as bits of the three LED pins (red 1, green 2, blue 4).</summary>
    public static class SignalColour
    {
        public const int Off = 0;
        public const int Red = 1;
        public const int Green = 2;
        public const int Blue = 4;

        /// <summary>Red and green together.</summary>
        public const int Amber = Red | Green;

        public static bool HasRed(int colour)
        {
            return (colour & Red) != 0;
        }

        public static bool HasGreen(int colour)
        {
            return (colour & Green) != 0;
        }

        public static bool HasBlue(int colour)
        {
            return (colour & Blue) != 0;
        }

        /// <summary>"green", "red", "amber", …, for the console and the test messages.</summary>
        public static string NameOf(int colour)
        {
            switch (colour)
            {
                case Off: return "off";
                case Red: return "red";
                case Green: return "green";
                case Blue: return "blue";
                case Amber: return "amber";
                default: return "rgb" + colour;
            }
        }
    }
}
