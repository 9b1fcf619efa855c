namespace Uitpas.Edge.Core.Display
{
    /// <summary>
    /// One screenful for the passholder: a big title, an optional detail line, and the LED and
    /// buzzer signal that goes with it. Texts are already in the terminal's language.
    /// </summary>
    public sealed class Screen
    {
        public Screen(string title, string detail, Signal signal)
            : this(title, detail, signal, false)
        {
        }

        public Screen(string title, string detail, Signal signal, bool staffCue)
        {
            Title = title;
            Detail = detail == null ? string.Empty : detail;
            Signal = signal;
            StaffCue = staffCue;
        }

        public string Title { get; }
        public string Detail { get; }
        public Signal Signal { get; }

        /// <summary>
        /// The discreet mark for the counter staff that the card has the social tariff (a small
        /// diamond in the corner). The words never appear on the passholder's side.
        /// </summary>
        public bool StaffCue { get; }

        /// <summary>The staff mark as the display draws it.</summary>
        public const string StaffMark = "◆";

        public override string ToString()
        {
            string text = Detail.Length == 0 ? Title : Title + " | " + Detail;
            return StaffCue ? text + " " + StaffMark : text;
        }
    }
}
