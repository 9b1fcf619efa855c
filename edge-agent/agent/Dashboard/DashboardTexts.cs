namespace Uitpas.Edge.Agent.Dashboard;

/// <summary>
/// Every text of the dashboard in Dutch (the default), French and English: the pages take
/// theirs when rendered, the script gets the whole table of its language in the page.
/// </summary>
internal static class DashboardTexts
{
    /// <summary>The languages offered, the default first.</summary>
    public static readonly string[] Languages = ["nl", "fr", "en"];

    private static readonly Dictionary<string, (string Nl, string Fr, string En)> Table = new(StringComparer.Ordinal)
    {
        ["app.name"] = ("UiTPAS-terminals", "Terminaux UiTPAS", "UiTPAS terminals"),
        ["nav.fleet"] = ("Alle terminals", "Tous les terminaux", "All terminals"),
        ["nav.logout"] = ("Afmelden", "Déconnexion", "Sign out"),
        ["lang.label"] = ("Taal", "Langue", "Language"),
        ["login.title"] = ("Aanmelden", "Connexion", "Sign in"),
        ["login.username"] = ("Gebruikersnaam", "Nom d'utilisateur", "User name"),
        ["login.password"] = ("Wachtwoord", "Mot de passe", "Password"),
        ["login.submit"] = ("Aanmelden", "Se connecter", "Sign in"),
        ["login.failed"] = ("Gebruikersnaam of wachtwoord is onjuist.", "Nom d'utilisateur ou mot de passe incorrect.", "Wrong user name or password."),
        ["login.hint"] = ("Het eerste wachtwoord van gebruiker admin staat in dashboard.password in de datamap van de agent.",
            "Le premier mot de passe de l'utilisateur admin se trouve dans dashboard.password, dans le dossier de données de l'agent.",
            "The first password of user admin is in dashboard.password in the agent's data folder."),
        ["fleet.title"] = ("Terminals", "Terminaux", "Terminals"),
        ["fleet.alerts"] = ("Meldingen", "Alertes", "Alerts"),
        ["fleet.noAlerts"] = ("Geen meldingen.", "Aucune alerte.", "No alerts."),
        ["fleet.empty"] = ("Geen terminals voor deze filters.", "Aucun terminal pour ces filtres.", "No terminals match these filters."),
        ["fleet.count"] = ("{0} van {1} terminals", "{0} sur {1} terminaux", "{0} of {1} terminals"),
        ["fleet.updated"] = ("Bijgewerkt om {0}", "Mis à jour à {0}", "Updated at {0}"),
        ["fleet.unreachable"] = ("De agent antwoordt niet; nieuwe poging binnen 2 s.", "L'agent ne répond pas ; nouvel essai dans 2 s.", "The agent does not answer; retrying in 2 s."),
        ["filter.text"] = ("Zoeken", "Rechercher", "Search"),
        ["filter.textHint"] = ("terminal, locatie, evenement…", "terminal, lieu, événement…", "terminal, venue, event…"),
        ["filter.municipality"] = ("Gemeente", "Commune", "Municipality"),
        ["filter.venue"] = ("Locatie", "Lieu", "Venue"),
        ["filter.state"] = ("Status", "État", "State"),
        ["filter.all"] = ("Alle", "Tous", "All"),
        ["filter.alerting"] = ("Alleen met meldingen", "Seulement avec alertes", "Only with alerts"),
        ["col.id"] = ("Terminal", "Terminal", "Terminal"),
        ["col.state"] = ("Status", "État", "State"),
        ["col.lastSeen"] = ("Laatst gezien", "Vu pour la dernière fois", "Last seen"),
        ["col.lastTap"] = ("Laatste scan", "Dernier passage", "Last tap"),
        ["col.reader"] = ("Lezer", "Lecteur", "Reader"),
        ["col.journal"] = ("Journaal", "Journal", "Journal"),
        ["col.firmware"] = ("Firmware", "Micrologiciel", "Firmware"),
        ["col.config"] = ("Configuratie", "Configuration", "Configuration"),
        ["col.site"] = ("Plaats", "Emplacement", "Site"),
        ["col.event"] = ("Evenement", "Événement", "Event"),
        ["col.time"] = ("Tijd", "Heure", "Time"),
        ["col.outcome"] = ("Resultaat", "Résultat", "Outcome"),
        ["state.online"] = ("online", "en ligne", "online"),
        ["state.offline"] = ("offline", "hors ligne", "offline"),
        ["state.unknown"] = ("onbekend", "inconnu", "unknown"),
        ["state.retired"] = ("buiten dienst", "retiré", "retired"),
        ["reader.ok"] = ("ok", "ok", "ok"),
        ["reader.degraded"] = ("lezer verzwakt", "lecteur dégradé", "reader degraded"),
        ["reader.failed"] = ("lezer defect", "lecteur en panne", "reader failed"),
        ["reader.unknown"] = ("onbekend", "inconnu", "unknown"),
        ["config.applied"] = ("toegepast (versie {0})", "appliquée (version {0})", "applied (version {0})"),
        ["config.pending"] = ("in afwachting (versie {0})", "en attente (version {0})", "pending (version {0})"),
        ["config.refused"] = ("config geweigerd: {0}", "config refusée : {0}", "config refused: {0}"),
        ["config.none"] = ("zoals geïnstalleerd", "telle qu'installée", "as provisioned"),
        ["refusal.format"] = ("onleesbaar document", "document illisible", "unreadable document"),
        ["refusal.unsigned"] = ("niet ondertekend", "non signé", "unsigned"),
        ["refusal.signature"] = ("handtekening klopt niet", "signature invalide", "bad signature"),
        ["refusal.device"] = ("bestemd voor een andere terminal", "destiné à un autre terminal", "meant for another terminal"),
        ["refusal.stale"] = ("oudere versie", "version plus ancienne", "older version"),
        ["refusal.replay"] = ("herhaalde versie met andere inhoud", "version rejouée au contenu différent", "replayed version with other content"),
        ["refusal.invalid"] = ("ongeldige instelling", "réglage invalide", "invalid setting"),
        ["refusal.nokey"] = ("geen configuratiesleutel", "pas de clé de configuration", "no config key"),
        ["refusal.storage"] = ("kon niet bewaard worden", "n'a pas pu être enregistrée", "could not be stored"),
        ["severity.critical"] = ("kritiek", "critique", "critical"),
        ["severity.warning"] = ("waarschuwing", "avertissement", "warning"),
        ["alert.offline-during-event"] = ("Terminal {0} is offline tijdens een evenement.", "Le terminal {0} est hors ligne pendant un événement.", "Terminal {0} is offline during an event."),
        ["alert.reader-fault"] = ("De kaartlezer van terminal {0} werkt niet goed.", "Le lecteur de cartes du terminal {0} ne fonctionne pas bien.", "The card reader of terminal {0} is not working properly."),
        ["alert.config-refused"] = ("Terminal {0} weigerde de configuratie.", "Le terminal {0} a refusé la configuration.", "Terminal {0} refused the configuration."),
        ["alert.loan-overdue"] = ("Terminal {0} is niet teruggebracht na de uitlening.", "Le terminal {0} n'a pas été rendu après le prêt.", "Terminal {0} was not returned after the loan."),
        ["alert.since"] = ("sinds {0}", "depuis {0}", "since {0}"),
        ["device.title"] = ("Terminal", "Terminal", "Terminal"),
        ["device.health"] = ("Toestand", "État", "Health"),
        ["device.site"] = ("Plaats en evenement", "Emplacement et événement", "Site and event"),
        ["device.taps"] = ("Recente scans", "Passages récents", "Recent taps"),
        ["device.noTaps"] = ("Nog geen scans.", "Pas encore de passages.", "No taps yet."),
        ["device.notFound"] = ("Deze terminal bestaat niet.", "Ce terminal n'existe pas.", "This terminal does not exist."),
        ["device.events"] = ("Evenementen", "Événements", "Events"),
        ["device.loans"] = ("Uitleningen", "Prêts", "Loans"),
        ["field.region"] = ("Regio", "Région", "Region"),
        ["field.municipality"] = ("Gemeente", "Commune", "Municipality"),
        ["field.venue"] = ("Locatie", "Lieu", "Venue"),
        ["field.counter"] = ("Balie", "Guichet", "Counter"),
        ["field.organizer"] = ("Organisator", "Organisateur", "Organizer"),
        ["field.event"] = ("Huidig evenement", "Événement en cours", "Current event"),
        ["field.loan"] = ("Uitgeleend aan", "Prêté à", "Lent to"),
        ["field.cardSystem"] = ("Kaartsysteem", "Système de cartes", "Card system"),
        ["field.language"] = ("Taal van het scherm", "Langue de l'écran", "Screen language"),
        ["field.configApplied"] = ("Configuratie in gebruik", "Configuration utilisée", "Configuration in use"),
        ["field.configDesired"] = ("Gewenste versie", "Version souhaitée", "Desired version"),
        ["field.none"] = ("geen", "aucun", "none"),
        ["field.until"] = ("tot {0}", "jusqu'au {0}", "until {0}"),
        ["loan.returned"] = ("teruggebracht {0}: {1}", "rendu le {0} : {1}", "returned {0}: {1}"),
        ["loan.open"] = ("nog uitgeleend", "toujours prêté", "still on loan"),
        ["config.default"] = ("standaard", "par défaut", "default"),
        ["outcome.checked-in"] = ("ingecheckt", "enregistré", "checked in"),
        ["outcome.refused"] = ("geweigerd door UiTPAS", "refusé par UiTPAS", "refused by UiTPAS"),
        ["outcome.queued"] = ("in de wachtrij naar UiTPAS", "en file vers UiTPAS", "queued for UiTPAS"),
        ["outcome.rejected"] = ("geweigerd door de agent", "refusé par l'agent", "rejected by the agent"),
        ["outcome.pending"] = ("nog niet verwerkt", "pas encore traité", "not processed yet"),
        ["outcome.unknown"] = ("onbekend", "inconnu", "unknown"),
        ["config.title"] = ("Configuratie", "Configuration", "Configuration"),
        ["config.key"] = ("Instelling", "Réglage", "Setting"),
        ["config.effective"] = ("Geldt nu", "En vigueur", "In force"),
        ["config.device"] = ("Voor deze terminal", "Pour ce terminal", "For this terminal"),
        ["config.inherited"] = ("overgeërfd", "hérité", "inherited"),
        ["config.help"] = ("Leeg = de waarde van de locatie, gemeente of regio geldt.", "Vide = la valeur du lieu, de la commune ou de la région s'applique.", "Empty = the venue's, municipality's or region's value applies."),
        ["config.push"] = ("Configuratie versturen", "Envoyer la configuration", "Push configuration"),
        ["config.sent"] = ("Versie {0} verstuurd; wachten op de terminal.", "Version {0} envoyée ; en attente du terminal.", "Version {0} sent; waiting for the terminal."),
        ["config.done"] = ("Versie {0} is toegepast door de terminal.", "La version {0} est appliquée par le terminal.", "Version {0} is applied by the terminal."),
        ["config.unchanged"] = ("Opgeslagen; de instellingen van de terminal veranderen niet.", "Enregistré ; les réglages du terminal ne changent pas.", "Saved; the terminal's settings do not change."),
        ["config.failed"] = ("Versturen mislukt: {0}", "Échec de l'envoi : {0}", "Push failed: {0}"),
        ["setting.language"] = ("Taal (nl, fr, en)", "Langue (nl, fr, en)", "Language (nl, fr, en)"),
        ["setting.resultTimeoutMs"] = ("Wachten op resultaat (ms)", "Attente du résultat (ms)", "Result timeout (ms)"),
        ["setting.resultShownMs"] = ("Resultaat zichtbaar (ms)", "Résultat affiché (ms)", "Result shown (ms)"),
        ["setting.retapWindowMs"] = ("Venster dubbele scan (ms)", "Fenêtre de double passage (ms)", "Re-tap window (ms)"),
        ["setting.replayIntervalMs"] = ("Interval opnieuw versturen (ms)", "Intervalle de renvoi (ms)", "Replay interval (ms)"),
        ["setting.statusIntervalMs"] = ("Statusinterval (ms)", "Intervalle d'état (ms)", "Status interval (ms)"),
    };

    /// <summary>The language asked for when it is offered, otherwise Dutch.</summary>
    public static string Pick(string? asked) =>
        asked is { Length: > 0 } && Array.IndexOf(Languages, asked.ToLowerInvariant()) >= 0 ? asked.ToLowerInvariant() : Languages[0];

    /// <summary>True when <paramref name="key"/> has texts.</summary>
    public static bool Has(string key) => Table.ContainsKey(key);

    /// <summary>The text of <paramref name="key"/> in <paramref name="language"/>; the key itself when unknown.</summary>
    public static string Get(string key, string language)
    {
        if (!Table.TryGetValue(key, out var texts))
        {
            return key;
        }
        return language switch
        {
            "fr" => texts.Fr,
            "en" => texts.En,
            _ => texts.Nl,
        };
    }

    /// <summary>Every text in <paramref name="language"/> (for the script).</summary>
    public static IReadOnlyDictionary<string, string> All(string language) =>
        Table.Keys.ToDictionary(key => key, key => Get(key, language), StringComparer.Ordinal);
}
