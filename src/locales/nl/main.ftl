# Merkwaardig — de teksten van de interface in het Nederlands.
# Elke id staat ook in ../en/main.ftl; een test bewaakt dat.

## Algemeen
skip-to-content = Naar de inhoud
nav-label = Hoofdmenu
nav-values = Waarden
nav-stories = Verhalen
nav-share = Verhaal delen
nav-mine = Mijn verhalen
nav-moderation = Moderatie
nav-tokens = API-tokens
landmark-site-search = Zoeken in de verhalen
landmark-page-search = Je zoekopdracht
search-label-short = Zoek in verhalen
search-button-short = Zoek
sign-in = Aanmelden
sign-out = Afmelden
footer-tagline = Merkwaardig — waarden zichtbaar in het dagelijkse werk.
role-staff = medewerker
role-manager = leidinggevende
role-admin = beheerder
values-label = Waarden
featured = Uitgelicht
untitled = (nog zonder titel)
updated = bijgewerkt
submitted = ingediend
stories-count = { $count ->
    [one] 1 verhaal
   *[other] { $count } verhalen
}
pages-label = Pagina's
page-previous = Vorige
page-next = Volgende
page-of = Pagina { $page } van { $pages }
audience-customer = Een klant
audience-colleague = Een collega
about-customer = over een klant
about-colleague = over collega's
kind-brand = Merkwaarde · naar klanten
kind-core = Kernwaarde · naar collega's

## Wie schreef het
byline-former = een oud-collega
byline-colleague = een collega
byline-team = een collega van { $team }
byline-anonymous-seen = { $name } (anoniem gepubliceerd)

## Start
home-title = Onze waarden
home-heading = Onze waarden, in het echt
home-lead = Merkwaardig laat zien wat onze waarden hier betekenen: met uitleg per waarde en met verhalen van collega's die ze in de praktijk brengen. Deel wat jou lukte — zo ziet een ander hoe eenvoudig het kan zijn.
home-share = Deel je verhaal
group-brand = Merkwaarden
group-brand-lead = Wat klanten van ons merken.
group-core = Kernwaarden
group-core-lead = Hoe we met elkaar werken.
group-empty = Hier zijn nog geen waarden vastgelegd.
value-no-stories = Nog geen verhalen
value-be-first = wees de eerste
home-recent = Nieuwste verhalen
home-recent-empty = Nog geen gepubliceerde verhalen.
home-recent-first = Deel het eerste!

## Waarde
value-archived = gearchiveerd
value-stories-heading = Verhalen over { $value }
value-share = Deel een verhaal over { $value }
value-empty = Er is nog geen verhaal over deze waarde. Herken je haar in je eigen werk? Jouw verhaal kan het eerste zijn.
value-filtered-empty = Geen verhalen met deze filters.
filters-label = Verhalen filteren en sorteren
filter-sort = Sorteren
sort-newest = Nieuwste eerst
sort-inspiring = Meest inspirerend
filter-audience = Over
filter-team = Team
filter-lang = Taal
filter-period = Periode
filter-any = Alle
period-all = Altijd
period-month = Afgelopen maand
period-quarter = Afgelopen kwartaal
period-year = Afgelopen jaar
filter-apply = Toon
filter-clear = Filters wissen
featured-heading = Uitgelicht

## Verhaal
story-notice-draft = Dit is een concept: alleen jij ziet het.
story-finish-draft = Verder schrijven
story-notice-pending = Dit verhaal wacht op een leidinggevende; alleen jij en de moderatoren zien het nu.
story-notice-rejected = Dit verhaal is niet gepubliceerd.
story-reason = Reden: { $reason }
story-notice-withdrawn = Dit verhaal is ingetrokken en voor anderen niet meer zichtbaar.
history-link = Geschiedenis
inspired-button = Dit inspireerde me
inspired-by-me = Dit inspireerde je
inspired-none = Nog niemand heeft laten weten dat dit inspireerde
inspired-count = { $count ->
    [one] 1 collega werd hierdoor geïnspireerd
   *[other] { $count } collega's werden hierdoor geïnspireerd
}
inspired-short = { $count ->
    [one] 1 keer inspirerend
   *[other] { $count } keer inspirerend
}
related-heading = Meer verhalen zoals dit
report-summary = Hoort dit verhaal hier niet? Meld het
report-reason = Wat is er mis mee? Alleen leidinggevenden lezen dit.
report-button = Melden
moderate-heading = Modereren
feature-button = Uitlichten op de waardepagina's
unfeature-button = Niet meer uitlichten

## Modereren
publish-button = Publiceren
reject-reason = Reden voor de auteur
reject-button = Afwijzen
unpublish-button = Offline halen
retag-summary = Waarden aanpassen
retag-legend = Welke waarden laat het verhaal zien? (1 tot 3)
retag-note = Toelichting voor de geschiedenis (niet verplicht)
retag-button = Waarden opslaan
reported-heading = Gemelde verhalen
dismiss-button = Melding afhandelen: mag blijven staan
queue-heading = Wachtrij
queue-empty = Er wachten geen verhalen. Alles is bijgewerkt.
queue-count = { $count ->
    [one] 1 verhaal wacht, oudste eerst.
   *[other] { $count } verhalen wachten, oudste eerst.
}
others-summary = { $count ->
    [one] 1 ander verhaal van deze auteur
   *[other] { $count } andere verhalen van deze auteur
}

## Status
status-draft = Concept
status-pending = Wacht op moderatie
status-published = Gepubliceerd
status-rejected = Niet gepubliceerd
status-withdrawn = Ingetrokken

## Formulier
form-title-new = Verhaal delen
form-title-edit = Verhaal bewerken
form-heading-new = Deel je verhaal
form-lead = Vertel kort wat er gebeurde, wat je deed en wat het betekende voor de klant of collega. Kleine dingen tellen: juist die laten zien hoe eenvoudig het kan zijn.
form-not-saved-heading = Nog niet bewaard
form-errors-heading = Bijna klaar — kijk nog even naar:
form-field-title = Titel
form-field-body = Je verhaal
form-markdown-hint = (Markdown mag: **vet**, *cursief*, lijstjes)
prompts-intro = Een goed verhaal vertelt:
prompt-situation = de situatie: wie, waar, wat was er aan de hand?
prompt-action = wat jij deed — ook als het klein was;
prompt-meaning = wat het betekende voor de klant of collega;
prompt-value = welke waarde het laat zien, en waarom.
preview-heading = Voorbeeld
form-field-values = Welke waarde laat je verhaal zien?
form-values-hint = (1 tot 3)
form-guidance = uitleg
form-field-audience = Over wie gaat het?
form-audience-auto = Laat de gekozen waarden bepalen
form-field-team = Team
form-optional = (niet verplicht)
form-anonymous = Publiceer als „een collega van mijn team” in plaats van met mijn naam
form-anonymous-hint = Leidinggevenden zien wel wie het schreef.
form-field-lang = Taal van het verhaal
form-lang-auto = Automatisch herkennen
form-submit = Verhaal insturen
form-save = Wijzigingen opslaan
form-save-draft = Bewaren als concept
form-preview = Voorbeeld bekijken

## Mijn verhalen
mine-empty = Je hebt nog geen verhalen gedeeld. Wat ging er laatst goed bij een klant of collega?
mine-empty-link = Deel je eerste verhaal
mine-older = Eerdere verhalen
mine-newest = Meest recent
mine-anonymous = anoniem
mine-reason = Reden van de moderator: { $reason }
mine-resubmit = Bewerken en opnieuw insturen
mine-finish = Verder schrijven
mine-edit = Bewerken
mine-withdraw = Intrekken
privacy-heading = Jouw gegevens
privacy-lead = Download alles wat je hier deelde: je verhalen met hun geschiedenis, wat je inspireerde en wat je meldde.
privacy-download = Download je gegevens

## Geschiedenis
history-title = Geschiedenis van „{ $title }”
history-heading = Geschiedenis
history-changed = Gewijzigd:
history-diff = Wijzigingen in de tekst
diff-added = toegevoegd:
diff-removed = verwijderd:
field-title = titel
field-body = tekst
field-values = waarden
field-audience = over wie
field-team = team
field-lang = taal
field-anonymous = anonimiteit
revision-created = Geschreven
revision-resubmitted = Bewerkt en opnieuw ter beoordeling
revision-edited = Bewerkt
revision-retagged = Waarden aangepast
revision-published = Gepubliceerd
revision-rejected = Afgewezen
revision-withdrawn = Ingetrokken
revision-featured = Uitgelicht
revision-unfeatured = Niet meer uitgelicht

## Zoeken
search-title = Zoeken
search-title-query = { $query } — zoeken
search-heading = Zoeken in verhalen
search-label = Zoek op woorden, een "zin tussen aanhalingstekens" of sluit uit met -woord
search-button = Zoeken
facets-label = Filter op waarde
search-nothing = Niets gevonden
search-nothing-for = Niets gevonden voor “{ $query }”
search-nothing-help = Probeer een ander of korter woord, of kijk bij een van de waarden: misschien herken je er je eigen verhaal in.
search-found = { $count ->
    [one] 1 verhaal gevonden
   *[other] { $count } verhalen gevonden
}
search-all = Alle { $count } verhalen
search-fuzzy = geen exacte treffers, dit komt het dichtst in de buurt
search-corrected = geen verhalen met “{ $typed }”, wel met { $instead }

## API-tokens
tokens-lead = Programma's (intranetwidgets, koppelingen) gebruiken een token in de kop Authorization: Bearer. Een token wordt één keer getoond en alleen als hash bewaard.
tokens-created = Token aangemaakt
tokens-created-once = Kopieer het nu: het wordt niet nog eens getoond.
tokens-secret = Token
tokens-new = Nieuw token
tokens-name = Naam
tokens-scope = Toegang
scope-search = gepubliceerde verhalen zoeken en lezen
scope-submit = ook verhalen insturen
scope-admin = alles, ook modereren
tokens-create = Token aanmaken
tokens-list = Tokens
tokens-empty = Er zijn nog geen tokens.
tokens-created-at = Aangemaakt
tokens-state = Status
tokens-revoked = ingetrokken
tokens-revoke = Intrekken

## Aanmelden (ontwikkeling)
dev-title = Aanmelden (ontwikkeling)
dev-heading = Aanmelden om uit te proberen
dev-lead = Deze aanmelding bestaat alleen zolang Merkwaardig op je eigen computer draait (loopback). In productie meld je je aan via de single sign-on van je organisatie.
dev-name = Je naam
dev-name-error = Vul een naam in van hoogstens 80 tekens.
dev-role = Rol
dev-role-manager = Leidinggevende (modereert)

## Meldingen na een actie
flash-draft-saved = Concept bewaard. Alleen jij ziet het; maak het af wanneer je wilt.
flash-submitted-published = Dank je! Je verhaal staat online.
flash-submitted-pending = Dank je! Je verhaal wacht nu op een leidinggevende; je ziet het hier al.
flash-edited-pending = Opgeslagen. Je verhaal wacht weer op een leidinggevende.
flash-edited = Opgeslagen.
flash-published = “{ $title }” is gepubliceerd.
flash-rejected = “{ $title }” is afgewezen; de auteur ziet je reden.
flash-retagged = De waarden van “{ $title }” zijn aangepast.
flash-featured = “{ $title }” is uitgelicht op de waardepagina's.
flash-unfeatured = “{ $title }” wordt niet meer uitgelicht.
flash-dismissed = De meldingen zijn afgehandeld; het verhaal blijft staan.
flash-reported = Dank je. Een leidinggevende kijkt ernaar.
flash-withdrawn = Je verhaal is ingetrokken; niemand anders ziet het nog.
flash-token-revoked = Token “{ $name }” is ingetrokken.

## Foutpagina's
error-back = Naar de waarden
error-401-title = Aanmelden nodig
error-401-dev = Meld je eerst aan; daarna kom je hier terug.
error-401-sso = Meld je aan via de single sign-on van je organisatie en probeer het opnieuw.
error-403-title = Geen toegang
error-403 = Je rol geeft geen toegang tot deze pagina of actie.
error-404-title = Niet gevonden
error-404 = Deze pagina of dit verhaal bestaat niet (meer), of is niet voor jou zichtbaar.
error-409-title = Dat kan nu niet
error-409 = Dit verhaal is intussen veranderd (bijvoorbeeld ingetrokken). Ververs de pagina en kijk opnieuw.
error-413-title = Te groot
error-413 = Wat je instuurde is groter dan is toegestaan. Maak het verhaal korter.
error-429-title = Even rustig aan
error-429 = Je deed dit heel vaak achter elkaar. Probeer het over een paar minuten opnieuw.
error-disk-full = de schijf van de server is vol, dus er is niets bewaard; probeer het later nog eens
error-unavailable = de database is nu niet bereikbaar, dus er is niets bewaard; probeer het zo nog eens
error-503-title = Er kon nu niets worden bewaard
error-503 = De server kan op dit moment niets opslaan (de schijf is vol of de database is even weg). Wat je stuurde is niet bewaard. Ga terug en probeer het over een tijdje opnieuw; een ingevuld formulier bevat nog wat je typte.
error-other-title = Er ging iets mis ({ $code })
error-other = Probeer het later nog eens.

## Foutmeldingen bij invoer (ook in de API)
error-validation = de invoer klopt niet
error-bad-query = de zoekopdracht klopt niet
error-bad-request = het verzoek is niet te begrijpen
error-unauthorized = meld je aan om dit te doen
error-forbidden = je rol staat dit niet toe
error-not-found = niet gevonden
error-too-many = te veel verzoeken; probeer het over { $seconds } seconden opnieuw
error-too-large = wat je instuurde is groter dan { $limit }
error-internal = er ging bij ons iets mis; het is vastgelegd
error-body-unreadable = de inhoud van het verzoek is niet te lezen: { $detail }
error-json = de JSON klopt niet: { $detail }
error-content-type = stuur wijzigingen als JSON, met de kop Content-Type: application/json
error-cross-site = deze wijziging werd vanaf een andere site gevraagd en is geweigerd; doe haar vanuit Merkwaardig zelf
error-method = dit adres kent die methode niet; wel { $allow }
error-token-in-url = tokens worden alleen in de kop Authorization geaccepteerd, nooit in een URL
error-token-name = een tokennaam heeft 1 tot 80 tekens
error-token-scope = kies wat het token mag: search, submit of admin
error-title-short = geef je verhaal een titel van minstens { $min } tekens
error-title-long = de titel heeft { $length } tekens; er mogen er hoogstens { $max }
error-body-short = vertel het verhaal in minstens { $min } tekens
error-body-long = het verhaal heeft { $length } tekens; er mogen er hoogstens { $max }
error-value-unknown = `{ $value }` is geen van de huidige waarden van de organisatie
error-values-none = kies minstens één waarde die het verhaal laat zien
error-values-many = kies hoogstens { $max } waarden: de waarden die het verhaal het best laat zien
error-audience = over wie: `customer` of `colleague`
error-team-long = een teamnaam heeft hoogstens { $max } tekens
error-lang = taal: `nl` of `en`
error-reason-empty = vertel de auteur waarom, zodat die het verhaal kan verbeteren
error-reason-long = hoogstens { $max } tekens
error-number-range = { $field } is een geheel getal van { $min } tot { $max }
error-query-long = een zoekopdracht heeft hoogstens { $max } tekens
error-query-words = een zoekopdracht heeft hoogstens { $max } woorden
error-cursor = cursor is de waarde `next` van een vorige pagina
error-withdrawn = de auteur heeft dit verhaal ingetrokken
error-withdrawn-edit = een ingetrokken verhaal kan niet meer bewerkt worden
error-draft-only = alleen een concept kan als concept bewaard worden
error-feature-unpublished = alleen een gepubliceerd verhaal kan uitgelicht worden
error-inspire-unpublished = alleen gepubliceerde verhalen kunnen inspireren
error-report-pre = melden is er alleen bij moderatie achteraf; hier kijkt een leidinggevende elk verhaal vooraf na
error-report-unpublished = alleen een gepubliceerd verhaal kan gemeld worden
error-report-reason = vertel kort wat er mis is met het verhaal
error-submissions-limit = Je hebt het afgelopen uur al veel verhalen ingestuurd. Probeer het over { $minutes } minuten opnieuw; je tekst staat hieronder nog.
error-token-bound-scope = alleen een token met scope search kan aan herkomsten of waarden gebonden worden
error-origin = `{ $origin }` is geen herkomst zoals https://intranet.voorbeeld.nl (schema en host, zonder pad)
error-token-origin = dit token hoort bij een andere site
error-token-values = dit token is vastgezet op bepaalde waarden en kan niet breder zoeken
embed-more = Alle resultaten op Merkwaardig
embed-no-stories = Nog geen verhalen.
tokens-widget = Widgettoken (niet verplicht)
tokens-widget-hint = Bind een search-token aan de intranetsites waarop het staat en aan de waarden die het mag tonen. De widget kan daar niet buiten.
tokens-origins = Herkomsten, gescheiden door spaties
tokens-values = Alleen verhalen over:
tokens-bound = Gebonden aan
embed-read-more = Lees op Merkwaardig
embed-missing-title = Niet beschikbaar
embed-missing = Dit verhaal is niet (meer) beschikbaar.
feed-all = Merkwaardig — verhalen
feed-link = Volg deze verhalen (Atom-feed)
error-oembed-format = het formaat `{ $format }` wordt niet aangeboden; gebruik format=json
error-oembed-url = `url` noemt het verhaal dat ingebed wordt
mine-withdraw-confirm = Na intrekken ziet niemand anders dit verhaal meer, en kun je het niet meer bewerken.
mine-withdraw-yes = Ja, trek het in
tokens-revoke-confirm = Programma's met dit token krijgen vanaf het volgende verzoek geen toegang meer.
tokens-revoke-yes = Ja, trek het in
opensearch-description = Zoek in de verhalen over onze waarden.

stories-heading = Alle verhalen
stories-lead = Wat collega's deden om onze waarden waar te maken, het nieuwste eerst.
home-all-stories = Alle verhalen
reading-time = { $count ->
    [one] 1 min lezen
   *[other] { $count } min lezen
}
value-guidance-toggle = Wat deze waarde hier betekent
menu = Menu
user-menu-label = Jouw menu
sign-in-and-back = Aanmelden en verdergaan
inspired-sign-in = Aanmelden om te laten weten dat dit je inspireerde
stories-list-heading = De verhalen
privacy-download-note = Een bestand dat je kunt bewaren of aan een ander systeem kunt geven.
footer-api = API voor koppelingen
reject-open = Afwijzen, met een reden…
unpublish-open = Offline halen, met een reden…
copy = Kopiëren
copied = Gekopieerd
tokens-snippet = Plak dit in de intranetpagina
team-heading = Verhalen van team { $team }
person-heading = Verhalen van { $name }

## Voorbeeldgedrag, verhaal van de maand, drempels
error-approach-long = je eigen aanpak past in één regel van hoogstens { $max } tekens
error-leadership-manager = alleen het verhaal van een leidinggevende kan een voorbeeld van leiderschap zijn
error-leadership-author = alleen een verhaal van een leidinggevende kan een voorbeeld van leiderschap zijn
error-leadership-anonymous = een anoniem verhaal kan geen voorbeeld van leiderschap zijn: dat laat zien hoe een leidinggevende met naam een waarde leeft
error-text-short = schrijf minstens { $min } tekens
error-text-long = dit is { $length } tekens lang; hoogstens { $max } mag
error-text-nul = hier staat een NUL-teken in, en dat mag niet in tekst
error-monthly-story = het verhaal van de maand is een gepubliceerd verhaal over { $value }
error-barrier-status = status is new, acknowledged, in_progress, solved of wont_solve
error-barrier-owner = `{ $owner }` is hier geen bekende leidinggevende; gebruik `me` of het id van een leidinggevende
error-barrier-story = koppel een gepubliceerd verhaal
error-barrier-nothing = zeg wat er verandert: een status, een eigenaar, een verhaal of een antwoord
error-barrier-transition = een drempel kan niet van { $from } naar { $to }; niets gaat terug naar nieuw, en een gesloten drempel gaat opnieuw naar in behandeling
error-barrier-reply = zeg wat er gedaan is, of waarom het niet wordt opgelost: de melder leest het
revision-leadership = Gemarkeerd als voorbeeld van leiderschap
revision-leadership-off = Niet langer een voorbeeld van leiderschap
barrier-status-new = Nieuw
barrier-status-acknowledged = Gezien
barrier-status-in_progress = In behandeling
barrier-status-solved = Opgelost
barrier-status-wont_solve = Wordt niet opgelost
monthly-heading = Verhaal van de maand
nav-barriers = Drempels
leadership-badge = Het goede voorbeeld
leadership-on-button = Markeer als voorbeeld van leiderschap
leadership-off-button = Niet langer een voorbeeld van leiderschap
flash-leadership-on = Het verhaal staat nu als voorbeeld van leiderschap op de pagina's van zijn waarden.
flash-leadership-off = Het verhaal is geen voorbeeld van leiderschap meer.
monthly-button = Verhaal van de maand voor { $value }
flash-monthly = Gekozen als verhaal van de maand.
monthly-earlier = Eerdere verhalen van de maand
monthly-home-heading = Verhalen van de maand
monthly-home-lead = Gekozen door onze leidinggevenden: per waarde één verhaal dat laat zien hoe eenvoudig het kan.
leaders-heading = Zo laten onze leidinggevenden het zien
leaders-lead = Waarden beginnen bovenaan. In hun eigen woorden en in verhalen laten onze leidinggevenden zien hoe zij deze waarde zelf leven.
leaders-stories = Verhalen van leidinggevenden
commitment-write = Schrijf hoe jij deze waarde laat zien
commitment-edit = Pas aan hoe jij deze waarde laat zien
commitment-label = Hoe laat jij zelf zien wat { $value } is?
commitment-hint = Een paar zinnen in je eigen woorden, met een voorbeeld als het kan; Markdown werkt. Iedereen leest het op deze pagina.
commitment-save = Opslaan
commitment-withdraw = Trek de mijne in
flash-commitment-saved = Opgeslagen: je woorden staan op de pagina van de waarde.
flash-commitment-withdrawn = Je woorden zijn van de pagina van deze waarde gehaald.
form-field-approach = Je eigen aanpak
form-approach-hint = Eén regel over hoe jij het op jouw manier deed; die staat bij de titel.
form-leadership = Een voorbeeld van leiderschap
form-leadership-hint = Als leidinggevende laat je zien hoe je de waarde zelf leeft: het verhaal staat onder "Zo laten onze leidinggevenden het zien".
you-said-heading = Jullie zeiden, wij deden
you-said-empty = Hiervoor is nog geen drempel opgelost. Houdt iets je tegen? Vertel het ons.
you-said-did = Wat we deden
you-said-report = Houdt iets je tegen om { $value } te zijn?
barrier-days = { $count ->
    [0] opgelost op dezelfde dag
    [one] opgelost in 1 dag
   *[other] opgelost in { $count } dagen
}
barrier-new-title = Wat hield je tegen?
barrier-new-lead = We vragen veel van je; wat mag jij van ons verwachten? Vertel wat je in de weg zat om een van onze waarden te leven. Een leidinggevende pakt het op en je kunt volgen wat er gebeurt.
barrier-field-title = In één regel: wat zat in de weg?
barrier-title-hint = Bijvoorbeeld: "Voor het retourformulier zijn drie handtekeningen nodig".
barrier-field-body = Wat gebeurde er?
barrier-prompt-wanted = Wat wilde je doen?
barrier-prompt-stopped = Wat hield je tegen?
barrier-prompt-helps = Wat zou helpen?
barrier-field-values = Welke waarde wilde je leven?
barrier-anonymous = Verberg mijn naam
barrier-anonymous-hint = Alleen leidinggevenden zien wie het meldde; anderen lezen "een collega".
barrier-submit = Meld de drempel
barriers-board-title = Drempels
barriers-board-lead = Wat medewerkers van ons mogen verwachten: elke gemelde drempel, oudste eerst. Pak er een op, breng hem verder en zeg wat er gedaan is.
barriers-mine-title = Mijn drempels
barriers-mine-lead = De drempels die jij meldde, en wat ermee gebeurde.
barriers-report = Meld een drempel
barriers-filter-label = Drempels filteren
barriers-filter-value = Waarde
barriers-words = Woorden
barriers-mine-empty = Je hebt nog geen drempel gemeld. Zat iets je in de weg om een waarde te leven? Vertel het ons.
barriers-none = Geen.
barrier-anonymous-reporter = een collega
barrier-owned-by = opgepakt door { $name }
barrier-reported-by = Gemeld door { $name }
barrier-reported-anonymous = Gemeld door een collega
barrier-story = Het verhaal dat de verbetering laat zien:
barrier-history = Wat er gebeurde
barrier-event-reported = Gemeld.
barrier-event-status = Status: { $status }.
barrier-event-owner = Opgepakt door { $name }.
barrier-event-story = Gekoppeld verhaal:
barrier-change-heading = Breng hem verder
barrier-field-status = Status
barrier-field-owner = Eigenaar
barrier-owner-none = Nog niemand
barrier-owner-me = Ik
barrier-field-reply = Antwoord aan de melder
barrier-reply-hint = Nodig om op te lossen of af te wijzen: zeg wat er gedaan is, of waarom niet. Markdown werkt.
barrier-field-story = Een verhaal dat de verbetering laat zien
barrier-story-hint = Het nummer of adres van een gepubliceerd verhaal, zoals /stories/12.
barrier-change-save = Opslaan
flash-barrier-reported = Dank je. Je drempel is gemeld; een leidinggevende pakt hem op.
flash-barrier-changed = Opgeslagen.
home-barrier = Houdt iets je tegen? Meld een drempel

## Inzichten
nav-insights = Inzichten
insights-title = Inzichten
insights-lead = Waar onze waarden leven, waar het stil is, en hoe snel we weghalen wat in de weg staat.
insights-filter-label = Periode en team
insights-from = Van
insights-to = Tot en met
insights-team = Team
insights-whole-organisation = De hele organisatie
insights-show = Tonen
insights-hidden = { $count ->
    [one] Minder dan { $count } persoon deelde hier een verhaal, dus er staan geen cijfers over verhalen.
   *[other] Minder dan { $count } mensen deelden hier een verhaal. Om hun privacy te beschermen staan er geen cijfers over verhalen.
}
insights-toc = Op deze pagina
insights-csv = Downloaden als CSV
insights-months = Verhalen per waarde, maand voor maand
insights-months-caption = Gepubliceerde verhalen per waarde en maand
insights-value = Waarde
insights-total = Totaal
insights-balance = Merkwaarden en kernwaarden
insights-balance-lead = Het aandeel in alle waarde-labels in deze periode: merkwaarden gaan over onze klanten, kernwaarden over onze collega's.
insights-stories = Verhalen
insights-leadership = Het goede voorbeeld
insights-leadership-caption = Verhalen per waarde, en hoeveel daarvan het goede voorbeeld van een leidinggevende zijn
insights-leadership-stories = Goede voorbeelden
insights-share = Aandeel
insights-teams = Teams en waarden
insights-teams-lead = { $count ->
   *[other] Gepubliceerde verhalen per team en waarde in deze periode. Teams waarin minder dan { $count } mensen deelden, tellen samen.
}
insights-teams-empty = Nog geen enkel team deelde een verhaal.
insights-teams-caption = Gepubliceerde verhalen per team en waarde
insights-other-teams = Kleinere teams en verhalen zonder team
insights-gaps = Waar het stil is
insights-silent = { $count ->
    [one] Geen verhaal op de laatste dag
   *[other] Geen verhaal in de laatste { $count } dagen
}
insights-silent-none = Elke waarde had onlangs een verhaal.
insights-last-story = laatste verhaal { $date }
insights-never = nog nooit een verhaal
insights-never-shared = Teams die nog nooit een verhaal deelden over
insights-never-shared-none = Elk team deelde over elke waarde.
insights-modelled-not-shown = Leidinggevenden laten het zien, teams (nog) niet
insights-shown-not-modelled = Teams laten het zien, geen leidinggevende geeft het voorbeeld
insights-gap-none = Geen: dit klopt met elkaar.
insights-barriers = Drempels per waarde
insights-barriers-lead = Drempels die nu openstaan, en drempels die in deze periode zijn opgelost. Drempels horen niet bij een team.
insights-barriers-board = Naar het drempelbord
insights-barriers-caption = Drempels per waarde: open, opgelost en de mediaan van het aantal dagen tot de oplossing
insights-open = Open
insights-solved = Opgelost
insights-median-days = Mediaan dagen tot oplossing
insights-inspiring = Meest inspirerende verhalen
insights-inspiring-none = Nog geen verhaal uit deze periode kreeg "dit inspireerde me".
insights-inspired = { $count ->
    [one] inspireerde 1 persoon
   *[other] inspireerde { $count } mensen
}
insights-fewer-than = minder dan { $count }
error-date = Geef een datum als JJJJ-MM-DD, zoals 2026-03-31.
error-period-order = Het begin ligt na het einde.
error-period-long = { $years ->
   *[other] Een periode van hoogstens { $years } jaar.
}

## De verhalen van een waarde naast elkaar
variety-label = Toon de verhalen
variety-list = Nieuwste eerst
variety-team = Naast elkaar per team
variety-audience = Voor klanten en voor collega's
variety-lead-team = Elk team leeft deze waarde op zijn eigen manier. Hier staan de nieuwste verhalen van elk team naast elkaar.
variety-lead-audience = Dezelfde waarde, richting klanten en richting collega's: de nieuwste verhalen van elk, naast elkaar.
variety-no-team = Geen team opgegeven
variety-customers = Voor klanten
variety-colleagues = Voor collega's
variety-all = { $count ->
   *[other] Alle { $count } verhalen
}
variety-more = { $count ->
    [one] En nog 1 groep met minder verhalen.
   *[other] En nog { $count } groepen met minder verhalen.
}

## Melding: een verhaal dat erop lijkt
similar-heading = Klinkt bekend!
similar-lead = Een collega vertelde een verhaal dat hier sterk op lijkt:
similar-encourage = Mooi dat het weer gebeurt. Wat deed jij op je eigen manier? Voeg die invalshoek toe, en deel je verhaal gewoon.

## Meldingen
notice-published = Je verhaal “{ $title }” is gepubliceerd.
notice-rejected = Je verhaal “{ $title }” is niet gepubliceerd: { $reason }
notice-taken-down = Je verhaal “{ $title }” is offline gehaald: { $reason }
notice-named = { $name ->
    [anonymous] Een collega
   *[other] { $name }
} noemde je in het verhaal “{ $title }”.
notice-note = { $name } liet een bedankje achter bij je verhaal “{ $title }”.
notice-inspired = Je verhaal “{ $title }” heeft al { $count } collega's geïnspireerd.
notice-monthly = Je verhaal “{ $title }” is gekozen tot verhaal van de maand.
notice-barrier = De belemmering “{ $title }” die je meldde is nu: { $status ->
    [new] nieuw
    [acknowledged] gezien
    [in_progress] in behandeling
    [solved] opgelost
    [wont_solve] wordt niet opgelost
   *[other] { $status }
}.
notice-waiting = “{ $title }” wacht op moderatie.
notice-reported = { $what ->
    [note] Een bedankje bij “{ $title }”
   *[other] “{ $title }”
} is gemeld: { $reason }
notice-digest = Je week in Merkwaardig: { $count } gepubliceerd, { $waiting } wachtend op moderatie, { $reported } gemeld.
notice-kind-published = Mijn verhaal is gepubliceerd
notice-kind-rejected = Mijn verhaal is niet gepubliceerd
notice-kind-taken-down = Mijn verhaal is offline gehaald
notice-kind-named = Ik ben genoemd in een verhaal
notice-kind-note = Een bedankje bij mijn verhaal
notice-kind-inspired = Mijn verhaal inspireerde veel collega's
notice-kind-monthly = Mijn verhaal werd verhaal van de maand
notice-kind-barrier = Een belemmering die ik meldde kwam verder
notice-kind-waiting = Een verhaal wacht op moderatie
notice-kind-reported = Een verhaal is gemeld
notice-kind-digest = Het wekelijkse overzicht
channel-off = Niet
channel-site = Op de site
channel-email = Op de site en per mail
channel-digest = Op de site en wekelijks per mail
nav-notifications = Meldingen
notifications-title = Meldingen
notifications-badge = { $count ->
    [one] 1 ongelezen melding
   *[other] { $count } ongelezen meldingen
}
notifications-lead = Wat er met je verhalen gebeurde, en wat je aandacht vraagt.
notifications-empty = Hier staat nog niets. Als een verhaal van je gepubliceerd wordt, of een collega je noemt of bedankt, lees je het hier.
notifications-unread = nieuw
notifications-mark-all = Alles als gelezen markeren
notifications-marked = Gemarkeerd als gelezen.
notifications-settings-link = Kies hoe je wat hoort
notice-settings-title = Hoe je wat hoort
notice-settings-lead = Kies per soort nieuws waar het je bereikt.
notice-settings-mail-to = Mails gaan naar { $email }.
notice-settings-no-email = We hebben geen mailadres van je, dus alles blijft op de site.
notice-settings-mail-off = Mail is hier niet ingesteld, dus alles blijft op de site.
notice-settings-save = Keuzes bewaren
notice-settings-saved = Je keuzes zijn bewaard.
notice-settings-managers = Voor managers
notice-settings-own = Over jou en je verhalen
unsubscribe-title = Geen mails meer hierover
unsubscribe-confirm = Geen mails meer over “{ $kind }”? Op de site zie je ze nog wel.
unsubscribe-button = Stop deze mails
unsubscribe-done = Je krijgt geen mails meer over “{ $kind }”. Op de site zie je ze nog wel; in je instellingen zet je het terug.
unsubscribe-invalid = Deze link is niet (meer) geldig. Meld je aan en kies in je instellingen welke mails je krijgt.
mail-greeting = Hallo { $name },
mail-open = Bekijk in Merkwaardig
mail-why = Je krijgt deze mail omdat je voor “{ $kind }” mail hebt gekozen.
mail-unsubscribe = Geen mails meer hierover
mail-settings = Al je instellingen voor meldingen
webhook-published = Nieuw verhaal: { $title }
webhook-monthly = Verhaal van de maand: { $title }
webhook-barrier = Opgelost: { $title }
webhook-waiting = Er wacht een verhaal op moderatie.
webhook-reported = Er is een verhaal gemeld.
error-notice-kind = er is geen soort melding “{ $kind }” voor jou
error-notice-channel = “{ $channel }” is geen keuze voor deze soort: off, site, email of digest
error-webhook-name = geef de webhook een naam van 1 tot 80 tekens
error-webhook-url = geef het adres van de webhook, beginnend met https:// of http://
error-webhook-format = het formaat is teams, slack of json
error-webhook-events = kies een of meer van published, monthly, barrier, waiting en reported
nav-webhooks = Webhooks
webhooks-lead = Laat een Teams- of Slack-kanaal, of een ander intranetsysteem, weten wat er gebeurt: nieuwe verhalen, verhalen van de maand, opgeloste belemmeringen; en voor een kanaal van managers dat er iets wacht of gemeld is (nooit welk verhaal).
webhooks-new = Webhook toevoegen
webhooks-name = Naam
webhooks-url = Adres
webhooks-url-hint = Het adres van de inkomende webhook dat Teams, Slack of het andere systeem je gaf.
webhooks-format = Formaat
webhooks-format-teams = Microsoft Teams (een Adaptive Card)
webhooks-format-slack = Slack (tekst met een link)
webhooks-format-json = JSON, ondertekend met HMAC-SHA256 (voor andere systemen)
webhooks-events = Gebeurtenissen
webhooks-event-published = Een verhaal is gepubliceerd
webhooks-event-monthly = Er is een verhaal van de maand gekozen
webhooks-event-barrier = Een belemmering is opgelost
webhooks-event-waiting = Een verhaal wacht op moderatie (zonder titel)
webhooks-event-reported = Een verhaal is gemeld (zonder titel)
webhooks-values = Waarden
webhooks-values-hint = Alleen verhalen en belemmeringen bij deze waarden; niets gekozen: alle.
webhooks-add = Webhook toevoegen
webhooks-list = Webhooks
webhooks-empty = Nog geen webhooks.
webhooks-all-values = Alle waarden
webhooks-remove = Verwijderen
webhooks-remove-confirm = Deze webhook verwijderen? Wat hij nog niet verstuurde, vervalt.
webhooks-remove-yes = Ja, verwijderen
webhooks-removed = De webhook is verwijderd.
webhooks-created = Webhook toegevoegd
webhooks-secret-once = Het geheim ondertekent elke aanroep; het ontvangende systeem controleert het. Je ziet het alleen nu.
webhooks-secret = Geheim
deliveries-heading = Berichten die niet aankwamen
deliveries-lead = Mails en webhook-aanroepen die mislukten. Ze worden opnieuw geprobeerd, steeds minder vaak; na de ingestelde tijd wordt het opgegeven, en hier kun je ze opnieuw versturen.
deliveries-empty = Alles is aangekomen.
deliveries-what = Bericht
deliveries-since = Sinds
deliveries-error = Laatste fout
deliveries-state = Stand
deliveries-attempts = { $count ->
    [one] 1 poging
   *[other] { $count } pogingen
}
deliveries-failed = Opgegeven
deliveries-trying = Wordt opnieuw geprobeerd
deliveries-retry = Opnieuw versturen
deliveries-retried = Het bericht wordt opnieuw verstuurd.
story-with = Met
unname-button = Haal mijn naam van dit verhaal
unname-confirm = Je naam staat dan niet meer bij dit verhaal. Het verhaal zelf blijft; de geschiedenis houdt bij dat je je naam eraf haalde.
unname-yes = Ja, haal mijn naam eraf
flash-unnamed = Je naam staat niet meer bij het verhaal.
revision-unnamed = Een genoemde collega haalde de eigen naam eraf
form-field-people = Collega's die meededen
form-people-hint = Hun namen zoals Merkwaardig ze kent, gescheiden door komma's (hoogstens 10). Ze horen het zodra het verhaal online staat, en kunnen hun naam eraf halen.
error-people-many = noem hoogstens { $max } collega's
error-people-self = jezelf hoef je niet te noemen: jij bent de schrijver
error-people-unknown = Merkwaardig kent “{ $person }” nog niet: controleer de spelling, of vraag de collega Merkwaardig één keer te openen
error-people-ambiguous = er heten meer collega's “{ $person }”: gebruik hun id
mine-named-heading = Verhalen waarin je genoemd wordt
mine-named-lead = Collega's noemden je in deze verhalen. Op het verhaal zelf kun je je naam eraf halen.
notes-heading = Bedankjes
notes-empty = Nog geen bedankjes. Heeft dit verhaal je geholpen of geraakt? Laat het weten: het betekent veel voor wie erin staan.
note-label = Jouw bedankje
note-hint = Een paar woorden voor de schrijver en de collega's in het verhaal (Markdown, hoogstens 1.000 tekens). Iedereen die het verhaal kan lezen, ziet het.
note-send = Bedankje plaatsen
note-sign-in = Meld je aan om te bedanken
note-remove = Mijn bedankje weghalen
note-report = Dit bedankje melden
note-report-reason = Waarom moet een manager ernaar kijken?
note-report-send = Melden
note-take-down = Bedankje weghalen
flash-note-written = Dank je! Je bedankje staat onder het verhaal.
flash-note-removed = Het bedankje is weggehaald.
flash-note-reported = Dank je. Een manager kijkt naar het bedankje.
flash-note-kept = Het bedankje blijft staan.
reported-notes-heading = Gemelde bedankjes
reported-note-on = Een bedankje bij “{ $title }”
reported-note-open = (bekijk het bij het verhaal)
error-note-short = schrijf een bedankje van minstens { $min } tekens
error-note-long = houd het bedankje op hoogstens { $max } tekens
error-note-unpublished = bedankjes staan alleen onder gepubliceerde verhalen
digest-subject = Je week in Merkwaardig
digest-for-managers = Voor managers
digest-waiting = { $count ->
    [one] 1 verhaal wacht op moderatie
   *[other] { $count } verhalen wachten op moderatie
}
digest-reported = { $count ->
    [one] 1 verhaal of bedankje gemeld
   *[other] { $count } verhalen of bedankjes gemeld
}
digest-published-heading = Deze week gepubliceerd
digest-published = { $count ->
    [one] 1 verhaal gepubliceerd
   *[other] { $count } verhalen gepubliceerd
}
digest-items-heading = Wat er deze week gebeurde
digest-why = Je krijgt deze wekelijkse mail omdat je die koos in je instellingen voor meldingen.
digest-unsubscribe = Geen wekelijkse mails meer
