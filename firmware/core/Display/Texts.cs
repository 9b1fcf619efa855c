namespace Uitpas.Edge.Core.Display
{
    /// <summary>
    /// Everything the terminal itself says, in Dutch (default), French and English. Central's
    /// own messages (endUserMessage) arrive already translated by the agent. Nothing here may
    /// name the social tariff: the screen faces the passholder and bystanders.
    /// </summary>
    public sealed class Texts
    {
        public static readonly Texts Dutch = new Texts(
            "nl", "Tik je UiTPAS", "Even geduld…", "Ingecheckt", "punt", "punten", "totaal",
            "Niet gelukt", "Tik bewaard", "Je punten volgen later",
            "Terminal niet actief", "Vraag hulp aan de balie",
            "Offline geregistreerd", "Al geregistreerd", "Nu niet opnieuw mogelijk", "Kaart geblokkeerd");

        public static readonly Texts French = new Texts(
            "fr", "Présentez votre UiTPAS", "Un instant…", "Enregistré", "point", "points", "total",
            "Échec", "Passage enregistré", "Vos points suivront",
            "Terminal inactif", "Adressez-vous à l'accueil",
            "Enregistré hors ligne", "Déjà enregistré", "Pas encore possible", "Carte bloquée");

        public static readonly Texts English = new Texts(
            "en", "Tap your UiTPAS", "One moment…", "Checked in", "point", "points", "total",
            "Not counted", "Tap saved", "Your points will follow",
            "Terminal not active", "Please ask at the desk",
            "Registered offline", "Already registered", "Not possible again yet", "Card blocked");

        private readonly string _point;
        private readonly string _points;
        private readonly string _total;

        private Texts(string language, string ready, string busy, string checkedIn, string point, string points, string total,
            string refused, string queued, string queuedDetail,
            string rejected, string rejectedDetail,
            string offlineRegistered, string limitReached, string limitReachedDetail, string blocked)
        {
            Language = language;
            Ready = ready;
            Busy = busy;
            CheckedIn = checkedIn;
            _point = point;
            _points = points;
            _total = total;
            Refused = refused;
            Queued = queued;
            QueuedDetail = queuedDetail;
            Rejected = rejected;
            RejectedDetail = rejectedDetail;
            OfflineRegistered = offlineRegistered;
            LimitReached = limitReached;
            LimitReachedDetail = limitReachedDetail;
            Blocked = blocked;
        }

        public string Language { get; }
        public string Ready { get; }
        public string Busy { get; }
        public string CheckedIn { get; }
        public string Refused { get; }
        public string Queued { get; }
        public string QueuedDetail { get; }
        public string Rejected { get; }
        public string RejectedDetail { get; }

        /// <summary>Decided alone: the check-in is registered; the detail is <see cref="QueuedDetail"/>.</summary>
        public string OfflineRegistered { get; }
        public string LimitReached { get; }
        public string LimitReachedDetail { get; }

        /// <summary>The allowlist lists the card as blocked; the detail is <see cref="RejectedDetail"/>.</summary>
        public string Blocked { get; }

        /// <summary>The texts for a language code ("nl", "fr", "en"); Dutch for anything else.</summary>
        public static Texts For(string language)
        {
            if (language == "fr") return French;
            if (language == "en") return English;
            return Dutch;
        }

        /// <summary>"+1 punt · totaal 12"; without the total when central did not give one.</summary>
        public string PointsLine(int added, int total)
        {
            string line = "+" + added + " " + (added == 1 || added == -1 ? _point : _points);
            return total < 0 ? line : line + " · " + _total + " " + total;
        }
    }
}
