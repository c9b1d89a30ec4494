"""Cut a human reply down to what its writer typed: no quote, no signature.

A reply to an invitation quotes that invitation, and the invitation says
"maximaal 2 personen", asks "laat weten wie er komt" and names the
organisers. Any of that left in the text poisons the decision and the names,
so the trimmer cuts generously: at the *first* line that looks like the start
of a quote (a separator, a header block, an attribution, a run of ``>``
lines). What it cut is kept (``quote``) for the review queue, never read.
Rules and their order follow ``shared/REPLIES.md`` §1.6.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LABELS_NL = "van|datum|verzonden|verstuurd|onderwerp|aan|kopie|cc|bcc|beantwoorden"
_LABELS_EN = "from|date|sent|subject|to|cc|bcc|reply-to"
# the same labels in the languages of foreign clients a contact may use
_LABELS_OTHER = (
    "von|an|betreff|gesendet|de|para|asunto|enviado|fecha|envoyé|à|objet|da|a|oggetto|"
    "inviato|data|från|till|ämne|skickat|fra|til|emne|sendt|od|do|temat|wysłano"
)
# a header block starts with one of these...
_FIRST_LABEL = re.compile(
    r"^(van|from|datum|date|verzonden|verstuurd|sent|onderwerp|subject|"
    r"von|de|da|från|fra|od|enviado|envoyé|gesendet|skickat|sendt)\s*:\s*\S",
    re.IGNORECASE,
)
# ...and has another label within a few lines
_ANY_LABEL = re.compile(
    rf"^({_LABELS_NL}|{_LABELS_EN}|{_LABELS_OTHER}|prioriteit|importance)\s*:",
    re.IGNORECASE,
)
_INLINE_LABEL = re.compile(
    r"(?<![A-Za-z])(van|from|aan|to|cc|verzonden|sent|onderwerp|subject|datum|date)\s*:",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(
    r"-{2,}\s*(original message|oorspronkelijk bericht|origineel bericht|"
    r"forwarded message|doorgestuurd bericht|forwarded|reply message|"
    r"message d'origine|urspr(ü|ue)ngliche nachricht|weitergeleitete nachricht)\s*-*",
    re.IGNORECASE,
)
_BEGIN_FORWARD = re.compile(
    r"^(begin (forwarded message|doorgestuurd bericht)|doorgestuurd bericht|"
    r"forwarded message)\s*:?\s*$",
    re.IGNORECASE,
)
_RULE_LINE = re.compile(r"^\s*[_\-=]{20,}\s*$")
_ATTRIBUTION_START = re.compile(r"^(op|on|am|le|el|il|den|em|dnia)\s", re.IGNORECASE)
_ATTRIBUTION_END = re.compile(
    r"(schreef|geschreven|wrote|schrieb|a écrit|escribió|scrisse|skrev|"
    r"het volgende geschreven|heeft .{0,80} geschreven)\b[^:]{0,120}:\s*$",
    re.IGNORECASE,
)
_ONE_LINE_ATTRIBUTION = re.compile(
    r"^.{0,160}(<[^>\s]+@[^>\s]+>|\d).{0,80}\b(schreef|geschreven|wrote)\b[^:]{0,80}:\s*$",
    re.IGNORECASE,
)
_GMAIL_ISO = re.compile(r"^\d{4}-\d{2}-\d{2} \d{1,2}:\d{2} GMT[+-]\d{1,2}:\d{2} .+$")
_GMAIL_OLD = re.compile(r"^\d{4}/\d{1,2}/\d{1,2} .{1,120}<[^>\s]+@[^>\s]+>:?\s*$")
# "-----Mensaje original-----": any separator text when a header line follows
_ANY_SEPARATOR = re.compile(r"^-{3,}\s*[^\W\d][\w '.]{2,40}?\s*-{3,}\s*$")
_ANDROID = re.compile(r"^-{3,}\s.{1,120}\s(wrote|schreef)\s-{3,}\s*$", re.IGNORECASE)
_EMPHASIS = re.compile(r"^[*_]+|(?<=:)[*_]+|[*_]+(?=\s*:)")

# a signature: the delimiter, a "sent from my phone" line, or a sign-off near the end
_SIG_DELIMITER = re.compile(r"^--\s*$")
_SENT_FROM = re.compile(
    r"^\(?(verstuurd|verzonden|sent|envoyé|von meinem|gesendet)\s+(vanaf|vanuit|met|from|via|with|"
    r"depuis|mijn)\b.*$|^(outlook voor|get outlook for|download outlook|outlook for)\b.*$",
    re.IGNORECASE,
)
# A closing line ("Met vriendelijke groet", "Kind regards"): the names reader uses it too
SIGN_OFF = re.compile(
    r"^(met\s+)?(vriendelijke|hartelijke|warme|zonnige|lieve|beste|collegiale|sportieve)?\s*"
    r"(groet|groeten|groetjes)\b|^(mvg|m\.v\.g\.?|vrgr|gr\.?|grt)\b|^hoogachtend\b|"
    r"^(kind|best|warm|many)\s+regards\b|^(regards|cheers|best wishes|all the best|yours)\b|"
    r"^best\s*[,!]?\s*$|^best\s*,",
    re.IGNORECASE,
)
_MAX_DEPTH = 3  # quote-above replies nested deeper than this are all quote
_SIGN_OFF_WINDOW = 8  # a sign-off counts only among the last non-empty lines


@dataclass(frozen=True)
class Trimmed:
    text: str  # what the writer typed, quote and signature removed
    signature: str  # the sign-off and what follows it (names the sender)
    quote: str  # what was cut as quoted or forwarded: for review, never read
    rule: str  # which cut point fired, e.g. "header-block", "attribution", "none"


def trim(body: str) -> Trimmed:
    """Split ``body`` (plain text, HTML already converted) into reply, signature, quote."""
    reply, quote, rule = cut_quote(body)
    reply, notice = cut_notice(reply)
    text, signature = split_signature(reply)
    if notice:
        quote = f"{notice}\n\n{quote}".strip()
    return Trimmed(text=text, signature=signature, quote=quote, rule=rule)


# A disclaimer under the reply ("Aan dit bericht kunnen geen rechten worden ontleend", "If
# you are not the intended recipient ... is prohibited"): full of "niet", "geen", "verboden"
_DISCLAIMER = re.compile(
    r"^(disclaimer\b|vertrouwelijk(heid)?\s*:|confidential(ity)?(\s+notice)?\s*:|"
    r"(dit|deze)\s+(e-?mail|bericht|e-?mailbericht)\b[^\n]{0,60}\b(uitsluitend|alleen|"
    r"vertrouwelijk|bestemd)|de\s+informatie\s+(in|verzonden\s+met)\s+(dit|deze)\b|"
    r"aan\s+(dit|deze)\s+(e-?mail|bericht|e-?mailbericht)\s+kunnen\s+geen\s+rechten|"
    r"this\s+(e-?mail|message|communication)\b[^\n]{0,60}\b(confidential|intended\s+(only|solely)|"
    r"privileged)|the\s+information\s+(contained\s+)?in\s+this\s+(e-?mail|message)|"
    r"if\s+you\s+are\s+not\s+the\s+intended\s+recipient|no\s+rights\s+can\s+be\s+derived)",
    re.IGNORECASE,
)
# A list of board members or colleagues in a signature ("Bestuur: ...", "Piet (voorzitter)"):
# people, but not the ones who come
_ROSTER_LABEL = re.compile(
    r"^(bestuur|bestuursleden|board|directie|coördinatoren|coordinatoren|coordinators|"
    r"medewerkers|staff|contactpersonen)\s*:",
    re.IGNORECASE,
)
_ROSTER_ROLE = re.compile(
    r"\((voorzitter|penningmeester|secretaris|lid|leden|chair|chairman|treasurer|secretary|"
    r"member|members|coördinator|coordinator|planning)\)",
    re.IGNORECASE,
)
_COMING = re.compile(
    r"\b(kom|komt|komen|aanwezig|erbij|meld|aanmelden|come|comes|coming|attend|attending|"
    r"join|be\s+there)\b",
    re.IGNORECASE,
)


def _roster(line: str) -> bool:
    """ "Bestuur: ..." or two "(role)" marks, and no word about coming."""
    marked = _ROSTER_LABEL.match(line) or len(_ROSTER_ROLE.findall(line)) >= 2
    return bool(marked) and not _COMING.search(line)


def cut_notice(reply: str) -> tuple[str, str]:
    """(reply, notice): a disclaimer or a roster of names under the writer's words is cut
    from its first line on; only below a first line, so a reply is never all notice."""
    lines = reply.split("\n")
    for index, line in enumerate(lines):
        text = line.strip()
        if index > 0 and text and (_DISCLAIMER.match(text) or _roster(text)):
            return "\n".join(lines[:index]).rstrip(), "\n".join(lines[index:]).strip()
    return reply, ""


def normalise(body: str) -> list[str]:
    text = body.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = text.replace("\u00a0", " ").replace("\u200b", "")
    return text.split("\n")


def clean(line: str) -> str:
    """The line as a cut rule sees it: no quote markers, no *bold* around labels."""
    stripped = re.sub(r"^(\s*>)+", "", line).strip()
    return _EMPHASIS.sub("", stripped).strip()


def cut_quote(body: str, depth: int = 0) -> tuple[str, str, str]:
    """Return (reply, quote, rule) for the first cut point, top-down."""
    lines = normalise(body)
    tail = _quoted_tail(lines)
    for index in range(len(lines)):
        found = _cut_at(lines, index, tail[index])
        if found is None:
            continue
        rule, column = found
        if rule == "quote-run":
            index = _attribution_above(lines, index)
        head = lines[:index] + ([lines[index][:column]] if column else [])
        reply = "\n".join(head).strip()
        quote = "\n".join(lines[index:]).strip()
        if reply or rule == "separator-inline":
            return reply, quote, rule
        if depth >= _MAX_DEPTH:
            return "", "\n".join(lines[index:]).strip(), rule
        return _quote_above(lines, index, rule, depth)
    return "\n".join(lines).strip(), "", "none"


def _quoted_tail(lines: list[str]) -> list[bool]:
    """For each line: are it and all lines after it quoted (``>``) or empty?"""
    tail = [True] * (len(lines) + 1)
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        tail[index] = tail[index + 1] and (not line.strip() or line.lstrip().startswith(">"))
    return tail


def _cut_at(lines: list[str], index: int, quoted_tail: bool) -> tuple[str, int] | None:
    """The rule that starts a quote at ``lines[index]`` and the column it starts at."""
    raw = lines[index]
    if _RULE_LINE.match(raw) and _header_follows(lines, index + 1):
        return "rule-line", 0
    line = clean(raw)
    if not line:
        return None
    inline = _SEPARATOR.search(raw)
    if inline:
        before = raw[: inline.start()]
        if re.search(r"\w", before) and not before.strip().startswith(">"):
            return "separator-inline", inline.start()
        return "separator", 0
    if _BEGIN_FORWARD.match(line) or _ANDROID.match(line):
        return "separator", 0
    if _ANY_SEPARATOR.match(line) and _header_follows(lines, index + 1):
        return "separator", 0
    if _FIRST_LABEL.match(line) and _more_labels(lines, index):
        return "header-block", 0
    if len(_INLINE_LABEL.findall(line)) >= 3:
        return "header-one-line", 0
    if _attribution(lines, index):
        return "attribution", 0
    if raw.lstrip().startswith(">") and quoted_tail:
        return "quote-run", 0
    return None


def _header_follows(lines: list[str], start: int) -> bool:
    for line in lines[start : start + 3]:
        if clean(line):
            return bool(_FIRST_LABEL.match(clean(line)))
    return False


def _more_labels(lines: list[str], index: int) -> bool:
    first = _ANY_LABEL.match(clean(lines[index]))
    first_label = first.group(1).lower() if first else ""
    for line in lines[index + 1 : index + 7]:
        match = _ANY_LABEL.match(clean(line))
        if match and match.group(1).lower() != first_label:
            return True
    return False


def _attribution(lines: list[str], index: int) -> bool:
    line = clean(lines[index])
    if _GMAIL_ISO.match(line) or _GMAIL_OLD.match(line):
        return True
    if _ONE_LINE_ATTRIBUTION.match(line) and len(line) < 240:
        return True
    if not _ATTRIBUTION_START.match(line):
        return False
    joined = line
    for extra in lines[index + 1 : index + 3]:
        if _ATTRIBUTION_END.search(joined):
            return True
        if not clean(extra):
            return False
        joined = f"{joined} {clean(extra)}"
    return bool(_ATTRIBUTION_END.search(joined)) and len(joined) < 300


def _attribution_above(lines: list[str], index: int) -> int:
    """Start of a short paragraph ending in ":" right above a quote, else ``index``.

    Catches attribution lines in forms and languages no rule knows
    ("X schrieb am ...:", "... пользователь X написал:").
    """
    end = index
    while end > 0 and not lines[end - 1].strip():
        end -= 1
    start = end
    while start > 0 and lines[start - 1].strip() and end - start < 3:
        start -= 1
    paragraph = " ".join(line.strip() for line in lines[start:end])
    alone = start < end and (start == 0 or not lines[start - 1].strip())
    attribution = re.search(r"@|\d", paragraph) and len(paragraph) < 300
    return start if paragraph.endswith(":") and alone and attribution else index


def _quote_above(lines: list[str], index: int, rule: str, depth: int) -> tuple[str, str, str]:
    """Nothing above the cut: keep unquoted text written below a ``>`` quote.

    Only a ``>``-marked quote is skipped; an unmarked one (an Outlook header
    block followed by the invitation as plain text) is all quote, so the
    reply is empty rather than the invitation.
    """
    body = lines[index + 1 :]
    start = _skip_header(body)
    rest = body[start:]
    quoted = [line for line in rest if line.strip()]
    if not quoted or not quoted[0].lstrip().startswith(">"):
        return "", "\n".join(lines[index:]).strip(), rule
    below = [line for line in rest if not line.lstrip().startswith(">")]
    kept_lines = [line for line in below if line.strip()]
    reply, quote_again, _ = cut_quote("\n".join(below), depth + 1) if kept_lines else ("", "", "")
    quoted_text = "\n".join(line for line in lines[index:] if line not in below)
    return reply, "\n".join(filter(None, [quoted_text.strip(), quote_again])), rule + "+below"


def _skip_header(body: list[str]) -> int:
    """Index of the first line after the remaining header or attribution lines."""
    for index, line in enumerate(body):
        text = clean(line)
        header = not text or _ANY_LABEL.match(text) or _ATTRIBUTION_END.search(text)
        if not header and (line.lstrip().startswith(">") or not text.endswith(":")):
            return index
    return len(body)


def split_signature(reply: str, *, keep_sign_off: bool = False) -> tuple[str, str]:
    """Return (text, signature); the signature starts at the delimiter or sign-off.

    With ``keep_sign_off`` only the delimiter and "sent from" lines are cut,
    the convention of the discourse test set.
    """
    lines = reply.split("\n")
    cut = _signature_start(lines, keep_sign_off)
    if cut is None:
        return reply.strip(), ""
    return "\n".join(lines[:cut]).strip(), "\n".join(lines[cut:]).strip()


def _signature_start(lines: list[str], keep_sign_off: bool) -> int | None:
    for index, line in enumerate(lines):
        if _SIG_DELIMITER.match(line) and index > 0:
            return index
    filled = [index for index, line in enumerate(lines) if line.strip()]
    for index in filled:
        if _SENT_FROM.match(lines[index].strip()) and index > 0:
            return _earlier_sign_off(lines, filled, index, keep_sign_off)
    if keep_sign_off:
        return None
    for index in filled[-_SIGN_OFF_WINDOW:]:
        if index > 0 and _is_sign_off(lines[index]):
            return index
    return None


def _earlier_sign_off(lines: list[str], filled: list[int], at: int, keep: bool) -> int:
    if keep:
        return at
    window = [index for index in filled if index < at][-_SIGN_OFF_WINDOW:]
    for index in window:
        if index > 0 and _is_sign_off(lines[index]):
            return index
    return at


def _is_sign_off(line: str) -> bool:
    text = line.strip()
    match = SIGN_OFF.match(text)
    if not match:
        return False
    rest = text[match.end() :].strip(" ,.!-")
    return len(rest.split()) <= 5
