namespace Uitpas.Edge.Core.Display
{
    /// <summary>
    /// One screenful for the passholder: a big title, an optional detail line, and the LED and
    /// buzzer signal that goes with it. Texts are already in the terminal's language.
    /// </summary>
    public sealed class Screen
    {
        public Screen(string title, string detail, Signal signal)
        {
            Title = title;
            Detail = detail == null ? string.Empty : detail;
            Signal = signal;
        }

        public string Title { get; }
        public string Detail { get; }
        public Signal Signal { get; }

        public override string ToString()
        {
            return Detail.Length == 0 ? Title : Title + " | " + Detail;
        }
    }
}
