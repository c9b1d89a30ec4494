"""Attending, declined or maybe: read from the reply's own words, or abstain.

Each clause gets at most one polarity from an idiom table (nl/en) with
negation scoped to the clause, and an actor: the writer ("ik"), the
organisation ("wij"), or someone else ("mijn collega Els komt wel"). The
clauses are then combined; anything contradictory or unknown is
``UNCLEAR`` with a low confidence, so it goes to the review queue. A wrong
decision applied automatically is far worse than one more item to review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from mailer.inbound import clauses as clause_split
from mailer.inbound.clauses import Clause
from mailer.inbound.reading import Decision, Evidence

# Subjects of the invitation's two mailto: buttons ("Ja, wij komen: <title>"): the fixed
# part of mailer/render/answers.py's subjects (tests/inbound/test_decide.py holds them
# equal; not imported, so reading does not load the renderer), read with certainty.
SUBJECT_YES = {"nl": "Ja, wij komen", "en": "Yes, we will come"}
SUBJECT_NO = {"nl": "Nee, helaas", "en": "Sorry, we can't come"}
SUBJECT_SEPARATOR = ": "

STRONG, WEAK = 0.9, 0.6

_NUMBER = r"twee|drie|vier|vijf|zes|\d+|z'?n\s+\w+|two|three|four|five|six"
# Idioms that contain a negation but say yes, or say nothing: removed first.
_FLIPS = [
    (r"\b(voor\s+geen\s+goud|niet)\s+(willen\s+)?(missen|mislopen)\b", "yes"),
    (r"laat\s+(ik|we|wij)\s+(me|mij|ons)\s+niet\s+ontgaan", "yes"),
    (r"niets\s+(houdt|weerhoudt)\s+(mij|me|ons)", "yes"),
    (r"(kan|kunnen)\s+(bijna\s+)?niet\s+wachten", "yes"),
    (r"(wouldn't|would not|won't)\s+miss\s+it", "yes"),
    (r"can'?t\s+wait", "yes"),
    (r"niet\s+alleen", "neutral"),
    (r"nee\s+hoor", "neutral"),
    (r"geen\s+(probleem|punt|bezwaar|dieetwensen|bijzonderheden|vragen)", "neutral"),
    (r"no\s+(problem|worries)", "neutral"),
    (r"niet\s+vergeten|not\s+forget", "neutral"),
    (r"nog\s+niet\s+(eerder\s+)?(gereageerd|geantwoord|laten\s+weten|aangemeld)", "neutral"),
    (r"(hadden|had)\s+(nog\s+)?niet\s+gereageerd", "neutral"),
    # a correction of the number, not of coming: "niet met twee maar met één persoon"
    (rf"\bniet\s+met\s+({_NUMBER})\s+(\w+\s+)?maar\s+", "neutral"),
    (rf"\bnot\s+({_NUMBER})\s+(\w+\s+)?but\s+", "neutral"),
    # "daar kan ik geen nee tegen zeggen", "can't say no to that": a yes in negative words
    (r"geen\s+nee\s+(tegen\s+)?zeggen|(can'?t|cannot|could\s+(i|we))\s+say\s+no", "neutral"),
    # irony and politeness around a yes: "helaas voor jullie", "sorry for the late reply"
    (r"(helaas|jammer)\s+voor\s+(jullie|u|je)|(sadly|unfortunately)\s+for\s+you", "neutral"),
    (
        r"(helaas|jammer\s+genoeg)\s+(kan|moet|mag)\s+(ik|we|wij)\s+(u|jullie|je)\s+"
        r"(vertellen|melden|mededelen|laten\s+weten)(\s+dat)?",
        "neutral",
    ),
    (r"(won'?t|will\s+not|can'?t|cannot)\s+get\s+rid\s+of\s+(us|me)", "neutral"),
    (
        r"(sorry|excuses|pardon|apologies|my\s+apologies)\s+(voor|for)\s+(de|mijn|onze|het|the|my|"
        r"our)\s+(late|trage|verlate|vertraagde|delayed|slow)\s+(reactie|antwoord|reply|response)",
        "neutral",
    ),
    (
        r"(hopelijk\s+)?niet\s+te\s+laat(,?\s+hoop\s+ik)?|hoop\s+(ik\s+)?(dat\s+)?(het\s+|dit\s+)?"
        r"niet\s+te\s+laat|not\s+too\s+late",
        "neutral",
    ),
    # doubt about the time, not about coming: "misschien kom ik iets later binnen"
    (
        r"\b(misschien|wellicht|waarschijnlijk|vermoedelijk|probably|maybe|perhaps)\s+"
        r"((kom|ben|zijn|komen)\s+(ik|we|wij)\s+|(i'?ll|we'?ll)\s+(be|arrive)\s+)?"
        r"(iets\s+|wat\s+|een\s+beetje\s+|a\s+bit\s+|slightly\s+)?"
        r"(later|te\s+laat|late|rond\s+\S+(\s+uur)?|tegen\s+\S+\s+uur|around\s+\S+)",
        "neutral",
    ),
]
_FLIP_PATTERNS = [(re.compile(pattern, re.IGNORECASE), meaning) for pattern, meaning in _FLIPS]
_MAYBE = re.compile(
    r"\b(misschien|wellicht|mogelijk(erwijs)?\s+(kom|komen)|onder\s+voorbehoud|voorlopig|"
    r"waarschijnlijk|vermoedelijk|hopelijk|hoop\s+(te|ik|erbij)|proberen|probeer|"
    r"weet\s+(ik|we|wij)?\s*(nog\s+)?niet\s+(zeker\s+)?of|nog\s+niet\s+zeker|onzeker|twijfel|"
    r"kom\s+(ik|we|wij)\s+(nog\s+)?op\s+terug|kom(en)?\s+(er\s+)?(\w+\s+){0,3}op\s+terug|laat\s+(ik|we|wij)\s+(het\s+)?(nog\s+)?weten|"
    r"afhankelijk\s+van|hangt\s+(er\s+)?(van\s+)?af|tenzij|indien\s+mogelijk|als\s+het\s+lukt|"
    r"maybe|perhaps|might|not\s+(yet\s+)?sure|tentative(ly)?|possibly|probably|"
    r"try\s+to|hope\s+to|get\s+back\s+to\s+you|let\s+you\s+know|depends|unless|"
    # "can't promise anything yet", "kan nog niets beloven": not a no
    r"(can'?t|cannot|can\s+not)\s+(\w+\s+){0,2}(promise|commit|confirm)|"
    r"(kan|kunnen)\s+(\w+\s+){0,3}(beloven|toezeggen|bevestigen)|(i'?ll|we'?ll)\s+confirm)\b",
    re.IGNORECASE,
)
_NEGATION = re.compile(
    r"\b(niet|geen|nooit|niemand|not|never|nobody|no\s+one|none|cannot|unable|"
    r"niet\s+meer|no\s+longer)\b|n't\b",
    re.IGNORECASE,
)
_ATTEND_VERB = re.compile(
    r"\b(kom|komt|komen|kan|kunnen|aanwezig|erbij|er\s+bij|aansluiten|aanschuiven|deelnemen|"
    r"meedoen|mee|lukt|lukken|redden|halen|haalbaar|schikt|past|gaan|ga|beschikbaar|"
    r"(ben|zijn|is)\s+(\w+\s+){0,3}?(er|erbij|present)|in\s+de\s+gelegenheid|in\s+staat|"
    r"come|coming|attend|attending|make\s+it|join|be\s+there|able|available|manage|can|could|"
    r"will)\b",
    re.IGNORECASE,
)
_DECLINE = re.compile(
    r"\b(helaas\s+(niet|geen|moeten|moet|verhinderd)|verhinderd|afzeggen|zeggen\s+af|zeg\s+.*\baf\b|"
    r"meld(t|en)?\s+(\w+\s+){0,3}af\b|afmelden\s+voor\s+de\s+(bijeenkomst|middag|"
    r"ochtend|avond|werkmiddag|bijeenkomst)|afmelding|verstek|moeten\s+(we|wij|ik)?\s*passen|"
    r"moet\s+(ik|helaas)?\s*passen|sla(an)?\s+(deze|dit)\s+(keer|maal)\s+over|geen\s+tijd|"
    # "dit keer slaan we over", "deze keer sla ik over": the same skip, the time first
    r"(deze|dit)\s+(keer|maal)\s+(sla|slaan)\s+(ik|we|wij)\s+(\w+\s+)?over|"
    r"andere\s+(afspraak|afspraken|verplichting)|dubbel\s+geboekt|op\s+vakantie|met\s+vakantie|"
    r"(agenda|week)\b[^.?!]{0,30}\b(zit|staat|is)\b[^.?!]{0,30}\b(vol|propvol)|toch\s+niet|"
    r"unable\s+to\s+(attend|come|make)|have\s+to\s+(pass|decline)|must\s+decline|"
    r"regret(fully)?|apologies|double[- ]booked|on\s+(holiday|leave|vacation)|abroad|"
    r"send\s+(my|our)\s+regrets|decline|give\s+(it|this(\s+one)?|that(\s+one)?)\s+a\s+miss|"
    r"(zit|zitten)\b[^.?!]{0,40}\b(in|op|bij)\s+(een|de|het)?\s*(\w+\s+)?(vergadering|overleg|"
    r"cursus|training|congres)|(have|got)\s+(a|an|another)\s+(\w+\s+){0,2}(meeting|appointment|"
    r"commitment|engagement)\s+(that|on|at|then)|clash(es)?\s+with|"
    # "deze keer niet", "not this time"; "die middag hebben we onze ledenvergadering"
    r"^(deze|dit)\s+(keer|maal)\s+(helaas\s+)?niet|not\s+this\s+time|"
    r"(die|dan|op\s+die)\s+(dag|middag|ochtend|avond|datum)\s+(hebben|heb|heeft|is|zijn|zit|"
    r"zitten)\b[^.?!]{0,40}\b\w*(vergadering|overleg|cursus|training|congres|afspraak))\b",
    re.IGNORECASE,
)
_WEAK_DECLINE = re.compile(
    r"^(nee|neen|no|helaas|jammer\s+genoeg|sorry|unfortunately|sadly)\b", re.IGNORECASE
)
_ATTEND = re.compile(
    r"\b((ik|wij|we)\s+(kom|komen)\b|(kom|komen)\s+(ik|wij|we)\b|(kom|komen)\s+(graag|zeker|"
    r"sowieso|gewoon|met)|(ik|we|wij)\s+(ben|zijn)\s+(er\s*bij|aanwezig|van\s+de\s+partij|present)|"
    r"(ben|zijn)\s+(ik|we|wij)\s+(er\s*bij|aanwezig)|zal\s+er\s+zijn|zullen\s+er\s+zijn|"
    r"(ben|zijn|is)\s+(graag\s+|zeker\s+|sowieso\s+|in\s+(ieder|elk)\s+geval\s+)?(er\s*bij|aanwezig|"
    r"present)\b|"
    # the names the invitation asked for, under a heading: "Hierbij de namen:", "Attendees:"
    r"(hierbij|bij\s+deze)\s+(de|onze)\s+(namen|deelnemers)|^((onze|de|our)\s+)?(deelnemers|"
    r"aanwezigen|attendees|participants)(?=\b[^.?!,]{0,30}:)|^aanwezig\s+(namens|vanuit)\b|"
    # "Van onze kant komen:", "Namens ons gaan:" (a heading over the names)
    r"(van\s+onze\s+kant|van\s+ons|namens\s+ons|vanuit\s+ons)\s+(komen|gaan)\b|"
    # "Namens onze stichting komen:", "Attending on our behalf:": a heading over names
    r"^(namens|vanuit|van)\s+(ons|onze)\s+(\w+\s+){0,2}(komen|gaan)(?=\s*:)|"
    r"^(attending|coming|present)\s+(on\s+our\s+behalf|for\s+us|from\s+our\s+side)(?=\s*:)|"
    r"(ik|we|wij)\s+(ben|zijn)\s+er\s*([,.!](?!\s*(niet|not)\b)|$)|"
    r"(ik|wij|we)\s+(ga|gaan)\s+(graag\s+|zeker\s+|gewoon\s+)?(namens|erheen|ernaartoe|"
    r"er\s+naartoe|mee\b)|(delighted|pleased|keen|thrilled|honou?red)\s+to\s+"
    r"(come|attend|join|be\s+there)|"
    r"erbij\s+zijn|aanwezig\s+zijn|(we|wij|ik)\s+er\s+(\w+\s+){0,3}bij\s+(zijn|ben)|"
    r"meld(en)?\s+(me|mij|ons|hierbij|graag)\s+(\w+\s+)?aan|aanmelden|aanmelding|ingeschreven|"
    r"schrijf\s+(me|mij|ons)\s+(\w+\s+)?in|zet\s+(me|mij|ons)\s+(maar\s+)?op\s+de\s+lijst|"
    r"noteer\s+(me|mij|ons)|tot\s+dan|tot\s+(donderdag|dinsdag|woensdag|maandag|vrijdag|de\s+\w+)|"
    r"kijk(en)?\s+(er\s*)?naar\s+uit|zin\s+in|doen\s+(graag\s+)?mee|doe\s+(graag\s+)?mee|"
    r"sluit(en)?\s+(graag\s+)?aan|schuif(t|en)?\s+(graag\s+)?aan|van\s+de\s+partij|"
    r"count\s+(me|us)\s+in|i'?m\s+in|we'?re\s+in|sign\s+(me|us)\s+up|register\s+(me|us)|"
    r"put\s+(me|us|my\s+name|our\s+names)\s+down|pencil\s+(me|us)\s+in|"
    r"(will|shall|'ll)\s+(both\s+|all\s+|also\s+)?(be\s+there|attend|come|join)|"
    r"(love|like|happy|glad)\s+to\s+(come|attend|join|register|sign\s+up)|"
    # "Koen en ik (Roos) komen", "we zouden graag met drie mensen komen"
    r"(en|and|&)\s+(ik|i)(\s*\([^)]{1,40}\))?\s+(komen|gaan|zijn\s+er\s*bij)\b|"
    r"(zou|zouden)\s+(ik\s+|we\s+|wij\s+)?graag\s+met\s+(\S+\s+){1,2}komen|looking\s+forward|see\s+you\s+(there|then|on)|"
    r"(i|we)\s+(am|are)\s+(coming|attending)|"
    r"(kan|kunnen|zal|zullen|wil|willen)\s+(\w+\s+){0,3}(komen|aanwezig\s+zijn|erbij\s+zijn|"
    r"aansluiten|deelnemen)|(toch|nu|alsnog)\s+wel|(kan|kunnen)\s+(ik|we|wij)\s+(toch\s+)?wel|"
    r"lukt\s+(het\s+)?(toch|alsnog|wel)|alsnog\s+(aanmelden|komen)|"
    r"(sluit|sluiten|schuif|schuift|schuiven|meld|meldt|melden)\b[^?!]{0,80}\baan\b|"
    r"(schrijf|schrijven)\b[^?!]{0,80}\bin\b|(ben|zijn)\s+(ik\s+|we\s+|wij\s+)?er\b[^.?!]{0,40}\bbij\b|"
    r"nog\s+(een|iemand)\s+(\w+\s+)?erbij|^ja\s*,?\s*graag|^jazeker|"
    r"(i'?ll|i\s+will|we'?ll|we\s+will)\s+bring|neem\s+(\S+\s+){0,6}mee|nemen\s+(\S+\s+){0,6}mee)\b",
    re.IGNORECASE,
)
# a clause about coming that no rule could read: never confident then
_UNREAD_COMING = re.compile(
    r"\b(kom|komt|komen|erbij|er\s+bij|aanwezig|aansluiten|aanschuiven|deelnemen|meedoen|"
    r"lukt|lukken|wel|toch|come|coming|attend|join|make\s+it|be\s+there)\b",
    re.IGNORECASE,
)
# an out-of-office text without the headers that mark it: never an answer
_OUT_OF_OFFICE = re.compile(
    r"\b(ben\s+(ik\s+)?(afwezig|niet\s+aanwezig|met\s+verlof)\s+(tot|van|t/m)|"
    r"ben\s+(ik\s+)?er\s+(tot|t/m|tot\s+en\s+met)\b[^.?!\n]{0,30}\bniet\b|niet\s+op\s+kantoor|"
    r"wordt\s+niet\s+(doorgestuurd|gelezen)|will\s+not\s+be\s+(forwarded|read)|"
    r"afwezig\s+(tot|t/m|van)|lees\s+(mijn|de)\s+(e-?mail|mail)\s+(niet|beperkt)|"
    r"in\s+dringende\s+gevallen|voor\s+dringende\s+zaken|automatisch\s+(antwoord|bericht)|"
    r"out\s+of\s+(the\s+)?office|away\s+(until|from)|limited\s+access\s+to\s+(my\s+)?e-?mail|"
    r"for\s+urgent\s+matters)\b",
    re.IGNORECASE,
)
_THIRD_ATTEND = re.compile(
    r"\b(komt|komen|gaat|gaan|neemt|vervangt|in\s+mijn\s+plaats|namens\s+ons|instead|"
    r"in\s+my\s+place|will\s+(come|attend|go|be\s+there)|is\s+coming|comes)\b",
    re.IGNORECASE,
)
# a clause about another occasion ("volgende keer hopelijk wel") says nothing about this one
_OTHER_OCCASION = re.compile(
    r"\b(volgende|een\s+andere|next|another)\s+(keer|maal|time|bijeenkomst|editie|occasion)\b"
    # a past one: "vorige keer waren we er niet", "vorig jaar kwamen Anja en Pim", "last time"
    r"|\b(vorige|vorig|afgelopen|last|previous)\s+(keer|maal|jaar|time|year|bijeenkomst|editie|"
    r"occasion|session|meeting|\w*(ochtend|middag|avond|dag|café|cafe|event))\b",
    re.IGNORECASE,
)
# "wie er komt, laat ik nog weten", "who will come follows": the names (and the answer) later
_WHO_FOLLOWS = re.compile(
    r"^(wie|who)\b[^.?!]{0,40}\b(laat|laten|hoor|horen|volgt|volgen|weten|let\s+you\s+know|"
    r"follow|follows|confirm)\b",
    re.IGNORECASE,
)
# a question whether a thing will be there, not a person: "Komt er een verslag van de middag?"
_THING_QUESTION = re.compile(
    r"^(komt|komen)\s+er\s+(ook\s+|nog\s+)?(een|het|de)\s+(?!(collega|persoon|iemand|"
    r"vrijwilliger|chauffeur|medewerker|wethouder|spreker)\w*\b)[a-z]+\b[^?]*$|"
    r"^will\s+there\s+be\s+(a|an|the)\s+(?!(colleague|person|speaker)\b)[a-z]+\b[^?]*$",
    re.IGNORECASE,
)
# "ik zou graag komen, maar", "I would have loved to come": wishes, never the answer itself
_IRREALIS = re.compile(
    r"\b((zou|zouden)\s+(\w+\s+){0,3}(komen|gekomen|erbij\s+zijn|aanwezig\s+zijn|willen)|"
    r"(had|hadden)\s+(\w+\s+){0,3}(willen|gewild|gekomen)|would\s+have\s+(\w+\s+){0,2}"
    r"(loved|liked|come|attended|been|joined))\b",
    re.IGNORECASE,
)
# only the counterfactual past is never a yes ("ik zou graag komen" alone may be one)
_COUNTERFACTUAL = re.compile(
    r"\b((had|hadden)\s+(\w+\s+){0,3}(willen|gewild|gekomen)|would\s+have\s+(\w+\s+){0,2}"
    r"(loved|liked|come|attended|been|joined))\b",
    re.IGNORECASE,
)
# a condition on the answer: "als mijn trein op tijd is, kom ik", "only if it is online"
_CONDITION = re.compile(
    r"^(als|indien|wanneer|mits|if|provided|zolang|as\s+long\s+as)\b"
    # "als er nog plek is, kom ik graag": a condition only the organisers can fulfil
    r"(?!\s+(het\s+goed\s+is|alles\s+goed\s+gaat|gezegd|(dat|het)\s+(nog\s+)?(mag|kan)|"
    r"er\s+(nog\s+)?(plek|plaats|ruimte)|there('s|\s+is)\s+(still\s+)?(room|space|a\s+place)|"
    r"u\s+wilt|je\s+wilt|jullie\s+willen|you\s+like|needed|nodig|possible|mogelijk|"
    r"het\s+lukt|so|such|any|well|ever|vanouds|altijd)\b)"
    r"|\b(alleen|enkel|only)\s+(als|indien|if|wanneer)\b|\bmits\b|\bop\s+voorwaarde\b|"
    r"\bprovided\s+that\b|\bas\s+long\s+as\b|"
    # "Is er een lift? Zo ja, dan kom ik": the answer hangs on the answer to a question
    r"^(zo\s+(ja|nee|niet)|indien\s+(ja|nee|zo|niet)|als\s+dat\s+zo\s+is|in\s+dat\s+geval|"
    r"if\s+(so|yes|not)|in\s+that\s+case)\b|\b(i'?ll|we'?ll|i\s+will|we\s+will|kom\s+ik|"
    r"komen\s+we|komen\s+wij)\b[^,.;]{0,40}\b(if|als)\s+(my|our|the|it|mijn|onze|de|het|er)\b",
    re.IGNORECASE,
)
# "voor beide organisaties", "for both clubs": one writer answering for two organisations
_TWO_ORGANISATIONS = re.compile(
    r"\b(voor|namens|for|on\s+behalf\s+of)\s+(beide|allebei|both)(n|\s+(organisaties|clubs|"
    r"verenigingen|stichtingen|initiatieven|organi[sz]ations|groups))?\b|"
    r"\b(twee|two|beide|both)\s+(organisaties|clubs|verenigingen|stichtingen|"
    r"organi[sz]ations)\b|"
    # "Ik ben ook secretaris van Stichting X; daarvoor komt ...": the writer's other hat
    r"\b(ik\s+ben|ben\s+ik|i\s+am|i'm)\s+(ook|also)\s+(de\s+|het\s+|een\s+|the\s+|a\s+|an\s+)?"
    r"(secretaris|voorzitter|penningmeester|bestuurslid|lid|contactpersoon|co[öo]rdinator|"
    r"actief|betrokken|werkzaam|vrijwilliger|chair|secretary|treasurer|member|contact|"
    r"volunteer|involved|active)\s+(van|bij|voor|of|at|for|with)\s+(de\s+|het\s+|the\s+)?"
    r"(?-i:[A-Z])|"
    r"\b(voor|namens|for)\s+(de|het|the)\s+(andere|other)\s+(organisatie|club|vereniging|"
    r"stichting|organi[sz]ation)\b",
    re.IGNORECASE,
)
# a clause that is only an interjection ("Nee", "helaas", "Ja", "graag")
_INTERJECTION = re.compile(
    r"^(nee|neen|no|helaas|jammer\s+genoeg|sorry|unfortunately|sadly|ja|jazeker|jawel|yes|"
    r"graag|zeker|absoluut|prima|leuk)$",
    re.IGNORECASE,
)
_FORWARDED_SUBJECT = re.compile(
    r"^\s*(?:\[[^\]]{1,40}\]\s*|(?:re|aw|antw)\s*:\s*)*(fw|fwd|doorst|wg|tr)\s*:", re.IGNORECASE
)
_WEAK_ATTEND = re.compile(r"^(ja|jazeker|jawel|yes|yep|graag|zeker|absoluut|prima|leuk)\b", re.I)
_ACTOR_SELF = re.compile(r"\b(ik|ikzelf|mij|me|zelf|i|i'm|i'll|myself)\b", re.IGNORECASE)
_ACTOR_WE = re.compile(r"\b(wij|we|ons|us|onze|our)\b", re.IGNORECASE)
_ACTOR_OTHER = re.compile(
    r"\b(collega|collega's|college|colleague|colleagues|partner|vervanger|iemand\s+anders|"
    r"someone\s+else|hij|he|she)\b|\b(?<!^)[A-Z][a-z]+\b"
    # a name that opens the clause and does the coming: "Saskia komt", "Piet de Vries gaat"
    r"|^(?!(?:Er|Dan|Helaas|Graag|Ook|Wel|Toch|Nu|Daar|Hier|Zo|Dus|Die|Dat|Het|De|Een|Wie|"
    r"Wat|Ik|Wij|We|Zij|Ze|Hij|There|Then|It|Who|What|This|That|Nobody|Niemand)\b)"
    r"[A-Z][a-z]+(?:\s+(?:[a-z']+\s+){0,2}[A-Z][\w'-]+)?\s+(?:komt|gaat|neemt|vervangt|will|comes)\b"
)
_HE_FIRST = re.compile(r"^\s*(hij|he|she)\b", re.IGNORECASE)
_SEND = re.compile(r"\b(stuur|sturen|stuurt|send|sending)\b", re.IGNORECASE)
_REVISION = re.compile(
    r"\b(toch|alsnog|inmiddels|nu\s+(wel|toch|kan|kunnen)|after\s+all|now)\b", re.IGNORECASE
)
_ADDITION = re.compile(
    r"\b(aanvulling\s+op|in\s+aanvulling|(komt|komen|gaat|gaan)\s+ook\s+(nog\s+)?(mee|erbij)|"
    r"nog\s+(een|iemand)\s+(collega\s+)?(erbij|bij|extra)|erbij\s+aanmelden|extra\s+"
    # a colleague after the first answer: "ik kom ook mee! Door had zich al aangemeld"
    # (someone else registered: "wij hebben ons al aangemeld" may be the same answer again)
    r"(kom|ga)\s+ook\s+(nog\s+)?(mee|erbij)|(had|heeft|hadden)\s+zich\s+(\w+\s+){0,2}al\s+"
    r"(eerder\s+)?aangemeld|"
    r"(collega|persoon|aanmelding)|(one|someone)\s+(more|else)\s+(to|from)|add\s+(one|a))\b",
    re.IGNORECASE,
)
_SUBJECT_ITIP = [
    (re.compile(r"^(geaccepteerd|accepted|aanvaard)\s*:", re.I), Decision.ATTENDING),
    (
        re.compile(
            r"^(uitnodiging\s+geweigerd|geweigerd|declined|invitation\s+declined)\s*:", re.I
        ),
        Decision.DECLINED,
    ),
    (re.compile(r"^(voorlopig|tentative|voorlopig\s+geaccepteerd)\s*:", re.I), Decision.MAYBE),
]


@dataclass(frozen=True)
class ClauseReading:
    clause: Clause
    polarity: Decision | None  # None: says nothing about coming
    actor: str  # "self", "we", "other" or ""
    strength: float
    rule: str
    rest: str | None = None  # the words left after the idioms were taken out


@dataclass(frozen=True)
class Verdict:
    decision: Decision
    confidence: float
    evidence: tuple[Evidence, ...]
    readings: tuple[ClauseReading, ...]
    addition: bool = False  # "nog een collega erbij": adds to an earlier answer


def decide(text: str, subject: str = "") -> Verdict:
    """Read the decision from the trimmed reply ``text`` and the mail's ``subject``."""
    readings = tuple(read_clause(clause) for clause in clause_split.split(text))
    away = _OUT_OF_OFFICE.search(text)
    if away:
        absent = (Evidence("decide", "abstain:out-of-office", away.group()),)
        return Verdict(Decision.UNCLEAR, 0.0, absent, readings)
    decision, confidence, rule = combine(readings)
    evidence = [Evidence("decide", r.rule, r.clause.text) for r in readings if r.polarity]
    decision, confidence, rule = _with_subject(subject, decision, confidence, rule, evidence)
    decision, confidence, rule = _abstentions(text, subject, readings, decision, confidence, rule)
    evidence.append(Evidence("decide", rule, f"{decision.value} {confidence:.2f}"))
    addition = bool(_ADDITION.search(text)) and decision is Decision.ATTENDING
    return Verdict(decision, confidence, tuple(evidence), readings, addition)


def _abstentions(
    text: str,
    subject: str,
    readings: tuple[ClauseReading, ...],
    decision: Decision,
    confidence: float,
    rule: str,
) -> tuple[Decision, float, str]:
    """What makes a clear-looking answer one a person must read: a condition on it, one
    writer answering for two organisations, a note forwarded to a colleague."""
    if decision in (Decision.ATTENDING, Decision.DECLINED) and _conditional(readings):
        return Decision.UNCLEAR, 0.3, "abstain:condition"
    if decision is not Decision.UNCLEAR and _TWO_ORGANISATIONS.search(text):
        return Decision.UNCLEAR, 0.3, "abstain:two-organisations"
    if decision in (Decision.ATTENDING, Decision.MAYBE) and _CORRECTION.search(text):
        return decision, 0.6, rule + "+swap"  # which list is meant: the whole, or a swap?
    if _PURE_FORWARD.match(subject) and confidence >= 0.8 and rule != "subject:button":
        return decision, 0.6, rule + "+forwarded"  # "FW: ..." to us: written for a colleague?
    return decision, confidence, rule


def _conditional(readings: tuple[ClauseReading, ...]) -> bool:
    """A decisive clause whose sentence sets a condition on it."""
    decisive = {r.clause.sentence for r in readings if r.polarity in _YES_NO}
    return any(
        r.clause.sentence in decisive and not r.clause.question and _CONDITION.search(r.clause.text)
        for r in readings
    )


_YES_NO = (Decision.ATTENDING, Decision.DECLINED)
# one name swapped for another: "niet Ans maar Joke komt", "in plaats van Ans": the rest of
# the earlier list may stand or not; a person reads it
_CORRECTION = re.compile(
    r"\b(niet|not)\s+(?-i:[A-Z])\w+(\s+[\w']+){0,3}\s+"
    r"(maar|but)\b|\b(in\s+plaats\s+van|i\.?p\.?v\.?|instead\s+of)\s+(?-i:[A-Z])",
    re.IGNORECASE,
)
# a forward, not a reply to one: "FW: Uitnodiging", never "RE: FW: Uitnodiging"
_PURE_FORWARD = re.compile(r"^\s*(?:\[[^\]]{1,40}\]\s*)*(fw|fwd|doorst|wg|tr)\s*:", re.IGNORECASE)


def pure_forward(subject: str) -> bool:
    """A forward to us ("FW: ..."): words in it may be written for a colleague."""
    return bool(_PURE_FORWARD.match(subject))


def read_clause(clause: Clause) -> ClauseReading:
    """The polarity one clause carries on its own, and who it is about."""
    text, flip = _remove_flips(clause.text)
    actor = _actor(text)
    if flip:
        return ClauseReading(
            clause, Decision.ATTENDING, actor or "self", STRONG, "idiom:flip", text
        )
    if clause.question and _THING_QUESTION.search(text):  # "Komt er een verslag?"
        return ClauseReading(clause, None, actor, 0.0, "question:thing", text)
    if clause.question:
        return ClauseReading(clause, None, actor, 0.0, "question", text)
    if _OTHER_OCCASION.search(text):
        return ClauseReading(clause, None, actor, 0.0, "other-occasion", text)
    if _WHO_FOLLOWS.search(text):  # "wie er komt laat ik nog weten": not yet an answer
        return ClauseReading(clause, None, actor, 0.0, "who-follows", text)
    if _COUNTERFACTUAL.search(text):
        return ClauseReading(clause, None, actor, 0.0, "irrealis", text)
    found = _polarity(text, actor)
    if found is None:
        rule = "irrealis" if _IRREALIS.search(text) else "none"
        return ClauseReading(clause, None, actor, 0.0, rule, text)
    polarity, strength, rule = found
    return ClauseReading(clause, polarity, actor, strength, rule, text)


def _remove_flips(text: str) -> tuple[str, bool]:
    flip = False
    for pattern, meaning in _FLIP_PATTERNS:
        changed, count = pattern.subn(" ", text)
        if count:
            flip = flip or meaning == "yes"
            text = changed
    return text, flip


def _actor(text: str) -> str:
    if _HE_FIRST.match(text):  # "Hij kan zelf niet": his "zelf", not the writer's
        return "other"
    if _ACTOR_OTHER.search(text) and not re.match(r"^\s*(ik|wij|we|i)\b", text, re.I):
        return "other"
    if _ACTOR_SELF.search(text):
        return "self"
    if _ACTOR_WE.search(text):
        return "we"
    return ""


def _polarity(text: str, actor: str) -> tuple[Decision, float, str] | None:
    if _MAYBE.search(text):
        return Decision.MAYBE, STRONG, "maybe:word"
    if _DECLINE.search(text):
        return Decision.DECLINED, STRONG, "decline:idiom"
    negated = _NEGATION.search(text)
    if negated and _ATTEND_VERB.search(text):
        return Decision.DECLINED, STRONG, "decline:negated-verb"
    if negated:
        return None
    if _ATTEND.search(text):
        return Decision.ATTENDING, STRONG, "attend:idiom"
    if actor == "other" and (_THIRD_ATTEND.search(text) or _SEND.search(text)):
        return Decision.ATTENDING, STRONG, "attend:other-person"
    if actor == "other" and clause_split.CONTRAST_START.match(text) and _ELLIPSIS_YES.search(text):
        return Decision.ATTENDING, STRONG, "attend:other-ellipsis"  # "maar mijn collega wel"
    if _WEAK_DECLINE.search(text):
        return Decision.DECLINED, WEAK, "decline:word"
    if _WEAK_ATTEND.search(text):
        return Decision.ATTENDING, WEAK, "attend:word"
    return None


def combine(readings: tuple[ClauseReading, ...]) -> tuple[Decision, float, str]:
    """One decision from the clauses; contradictions abstain."""
    decisive = _paired_interjections([r for r in readings if r.polarity is not None])
    if not decisive:
        return Decision.UNCLEAR, 0.0, "none"
    kinds = {r.polarity for r in decisive}
    if kinds == {Decision.DECLINED, Decision.ATTENDING} and _someone_else_comes(decisive):
        return Decision.ATTENDING, 0.85, "combine:sender-no-other-yes"
    if kinds == {Decision.DECLINED, Decision.ATTENDING} and _only_another_cannot(decisive):
        return Decision.ATTENDING, 0.85, "combine:other-no-sender-yes"
    if kinds == {Decision.DECLINED, Decision.ATTENDING} and _listed_not_myself(readings, decisive):
        return Decision.ATTENDING, 0.85, "combine:listed-not-myself"
    if len(kinds) == 1:
        (only,) = kinds
        assert only is not None
        best = max(r.strength for r in decisive)
        bonus = 0.05 if len(decisive) > 1 else 0.0
        decision, confidence, rule = only, min(0.97, best + bonus), "combine:agree"
    else:
        decision, confidence, rule = _revision(decisive)
    unread = [
        r
        for r in readings
        if r.polarity is None
        and r.rule not in ("other-occasion", "irrealis", "question:thing")
        and _UNREAD_COMING.search(r.clause.text if r.rest is None else r.rest)
    ]
    if unread and confidence >= 0.8:
        return (
            decision,
            0.75,
            rule + ("+question" if unread[0].clause.question else "+unread-clause"),
        )
    return decision, confidence, rule


def _paired_interjections(decisive: list[ClauseReading]) -> list[ClauseReading]:
    """ "Nee, helaas." / "Ja, graag!": a sentence of two or more interjections that agree
    (the comma split them into weak clauses) says it as plainly as an idiom."""
    out = list(decisive)
    sentences = {r.clause.sentence for r in decisive}
    for sentence in sentences:
        own = [i for i, r in enumerate(decisive) if r.clause.sentence == sentence]
        words = [decisive[i] for i in own]
        if (
            len(words) >= 2
            and len({r.polarity for r in words}) == 1
            and all(r.strength < STRONG and _INTERJECTION.match(r.clause.text) for r in words)
        ):
            for i in own:
                out[i] = replace(decisive[i], strength=STRONG, rule="word:pair")
    return out


def _someone_else_comes(decisive: list[ClauseReading]) -> bool:
    """ "Ik kan niet, maar mijn collega komt wel": yes only by others, no by the writer.

    Every no before every yes; or, when the writer's no comes after ("Namens ons komt
    Saskia, ik heb zelf een andere afspraak"), a no said by "ik" that revises nothing.
    """
    yes = [i for i, r in enumerate(decisive) if r.polarity is Decision.ATTENDING]
    no = [i for i, r in enumerate(decisive) if r.polarity is Decision.DECLINED]
    if not yes or not no or any(decisive[i].actor != "other" for i in yes):
        return False
    if max(no) > min(yes):
        said_yes = " ".join(decisive[i].clause.text for i in yes)
        return all(_also_out(decisive[i], said_yes) for i in no)
    contrast = all(_INSTEAD.search(decisive[i].clause.text) for i in yes)
    return contrast or all(decisive[i].actor in ("self", "") for i in no)


def _also_out(reading: ClauseReading, said_yes: str) -> bool:
    """A no after the yes that revises nothing: the writer's own ("ik kan zelf niet"), or
    one more person who stays away ("en Marco ook niet"), never one the yes named."""
    if _REVISION.search(reading.clause.text):
        return False
    if reading.actor == "self":
        return True
    capitals = re.findall(r"\b(?-i:[A-Z])\w+", reading.clause.text)
    return (
        reading.actor == "other"
        and bool(_ALSO_NOT.search(reading.clause.text))
        and not any(re.search(rf"\b{re.escape(word)}\b", said_yes) for word in capitals)
    )


_ALSO_NOT = re.compile(r"\b(ook\s+niet|also\s+not|not\s+\w+\s+either|neither)\b", re.I)


def _only_another_cannot(decisive: list[ClauseReading]) -> bool:
    """ "Niels kan toch niet mee. Ik kom wel gewoon.": the no is said of someone else
    (a named person, never "ik"/"wij"), the yes by the writer; that person's name is left
    out by names.py (a no-clause), so the list is the writer's."""
    yes = [r for r in decisive if r.polarity is Decision.ATTENDING]
    no = [r for r in decisive if r.polarity is Decision.DECLINED]
    return (
        bool(yes and no)
        and all(r.actor == "self" and r.strength >= STRONG for r in yes)
        and all(r.actor == "other" and not _WRITER_WORD.search(r.clause.text) for r in no)
        and all(not _ACTOR_WE.search(r.clause.text) for r in no)
    )


def _listed_not_myself(readings: tuple[ClauseReading, ...], decisive: list[ClauseReading]) -> bool:
    """ "Aanmelding: <names>. Ik ben er zelf helaas niet bij.": a heading over a list that
    says yes, then a no the writer says of themself only ("zelf", "myself"), after it."""
    yes = [i for i, r in enumerate(readings) if r.polarity is Decision.ATTENDING]
    no = [i for i, r in enumerate(readings) if r.polarity is Decision.DECLINED]
    return (
        bool(yes and no)
        and max(yes) < min(no)
        and all(
            readings[i].strength >= STRONG and readings[i].clause.text.rstrip().endswith(":")
            for i in yes
        )
        and any(r.polarity is None for r in readings[max(yes) + 1 : min(no)])
        and all(
            readings[i].actor == "self"
            and _MYSELF.search(readings[i].clause.text)
            and not _REVISION.search(readings[i].clause.text)
            and not _ACTOR_WE.search(readings[i].clause.text)
            for i in no
        )
    )


# the writer in a clause about someone else; "zelf" there is that person's ("hij kan zelf niet")
_WRITER_WORD = re.compile(r"\b(ik|ikzelf|mij|me|i|i'm|i'll|myself)\b", re.IGNORECASE)
_MYSELF = re.compile(r"\b(zelf|ikzelf|myself)\b", re.IGNORECASE)


# the verb left out after a contrast: "ik niet, maar mijn collega's Dora en Ahmed wel"
_ELLIPSIS_YES = re.compile(r"\b(wel|do|does|will|can)\s*$", re.IGNORECASE)
_INSTEAD = re.compile(
    r"\b(wel|instead|in\s+(mijn|zijn|haar)\s+plaats|namens|but|dus|alleen|only|so)\b", re.I
)


def _revision(decisive: list[ClauseReading]) -> tuple[Decision, float, str]:
    """Mixed clauses: the last strong one wins only when it says it revises."""
    strong = [r for r in decisive if r.strength >= STRONG]
    if len({r.polarity for r in strong}) == 1 and strong:
        polarity = strong[0].polarity
        assert polarity is not None
        return polarity, 0.7, "combine:strong-over-weak"
    last = decisive[-1]
    revises = _REVISION.search(last.clause.text) or clause_split.CONTRAST_START.match(
        last.clause.text
    )
    others = [r for r in decisive if r.polarity is not last.polarity and r.actor == "other"]
    if others and last.actor == "self":  # "Saskia komt, ik kom toch niet": two people
        return Decision.UNCLEAR, 0.3, "combine:conflict"
    if revises and last.strength >= STRONG and last.polarity is not Decision.MAYBE:
        assert last.polarity is not None
        return last.polarity, 0.8, "combine:revision"
    return Decision.UNCLEAR, 0.3, "combine:conflict"


def _with_subject(
    subject: str, decision: Decision, confidence: float, rule: str, evidence: list[Evidence]
) -> tuple[Decision, float, str]:
    button = subject_button(subject)
    if button is not None:
        evidence.append(Evidence("decide", "subject:button", subject))
        if decision in (Decision.UNCLEAR, button):
            return button, 0.97, "subject:button"
        return Decision.UNCLEAR, 0.3, "subject:button-contradicted"
    if decision is Decision.UNCLEAR and confidence == 0.0 and not _FORWARDED_SUBJECT.match(subject):
        for pattern, meaning in _SUBJECT_ITIP:
            if pattern.search(_strip_prefixes(subject)):
                evidence.append(Evidence("decide", "subject:itip", subject))
                return meaning, 0.85, "subject:itip"
    return decision, confidence, rule


def subject_button(subject: str) -> Decision | None:
    """The decision of a mailto: button's subject, whatever client prefixes it got."""
    plain = " ".join(_strip_prefixes(subject).split()).casefold()
    for text in SUBJECT_YES.values():
        if plain.startswith(text.casefold()):
            return Decision.ATTENDING
    for text in SUBJECT_NO.values():
        if plain.startswith(text.casefold()):
            return Decision.DECLINED
    return None


_PREFIXES = re.compile(
    r"^\s*(?:(?:re|aw|antw|antwoord|fw|fwd|doorst|tr|wg|sv)\s*(?:\[\d+\])?\s*:\s*"
    r"|\[[^\]]{1,40}\]\s*)*",
    re.IGNORECASE,
)


def _strip_prefixes(subject: str) -> str:
    """Reply and forward prefixes and tags ("Re:", "Antw:", "[EXTERN]"), as the renderer's
    ``answer_of_subject`` skips them."""
    return _PREFIXES.sub("", subject).strip()
