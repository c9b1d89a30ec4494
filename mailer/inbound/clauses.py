"""Split a trimmed reply into clauses, the unit a decision and a name belong to.

"Ik kan helaas niet, maar mijn collega Els de Boer komt wel" holds two
answers; the negation in the first must not reach the second. Sentences end
at . ! ? ; and line breaks (not after initials or titles such as "J." or
"mevr."); clauses end at commas and at contrast words (maar, but, echter),
and before "wel/toch komt" when another word carries it ("Jan niet, Els wel
komt"), never inside "toch wel komen" or "ik wel kom".
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# a period after these is no sentence end
_ABBREVIATIONS = _words(
    """
    mevr dhr mw mr mrs ms dr drs ir ing prof ds st bijv bv evt o.a ca nr tel vs etc jan feb
    mrt apr jun jul aug sep sept okt nov dec
    """
)
_SENTENCE_END = re.compile(r"[.!?;]+(?=\s|$)|\n")
_CONTRAST = re.compile(
    r",|\s(?=(?:doch|echter|but|however|though|although|behalve|except)\b)"
    r"|\s(?=maar\s+(?:ik|wij|we|mijn|onze|ons|de|het|er|hij|zij|ze|nu|toch|wel|dan|een|"
    r"(?-i:[A-Z]))\w*)"
    r"|(?<!\btoch)(?<!\balsnog)(?<!\bnu)(?<!\bik)(?<!\bwe)(?<!\bwij)(?<!\ber)(?<!\bdan)"
    r"\s(?=(?:wel|toch)\s+(?:komt|komen|kom|kan|kunnen|is|zijn|gaat|gaan)\b)",
    re.IGNORECASE,
)
CONTRAST_START = re.compile(r"^(maar|doch|echter|but|however|though|although)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Clause:
    text: str
    start: int  # offset in the text it came from
    sentence: int  # index of its sentence
    question: bool  # its sentence ends with "?"


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of ``text``."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.group().startswith(".") and _is_abbreviation(text, match.start()):
            continue
        end = match.end()
        if text[start:end].strip():
            spans.append((start, end))
        start = end
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def _is_abbreviation(text: str, dot: int) -> bool:
    word = re.search(r"([A-Za-z.]+)$", text[max(0, dot - 40) : dot])
    if not word:
        return False
    token = word.group(1)
    bare = token.rstrip(".")
    if len(bare) == 1 or re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", bare):
        return True
    return bare.lower() in _ABBREVIATIONS


def split(text: str) -> list[Clause]:
    """The clauses of ``text`` in order, with their offsets."""
    found: list[Clause] = []
    for number, (start, end) in enumerate(sentences(text)):
        sentence = text[start:end]
        question = sentence.rstrip().endswith("?")
        cut = 0
        for match in _CONTRAST.finditer(sentence):
            _add(found, sentence[cut : match.start()], start + cut, number, question)
            cut = match.end() if match.group() == "," else match.start()
        _add(found, sentence[cut:], start + cut, number, question)
    return found


def _add(found: list[Clause], piece: str, start: int, sentence: int, question: bool) -> None:
    stripped = piece.strip(" \t\n.!?;,")
    if stripped:
        offset = start + piece.find(stripped[0])
        found.append(Clause(stripped, offset, sentence, question))
