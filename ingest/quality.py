"""How much of a text is well-formed Vietnamese: what tells a real text from the output of a
broken font, a wrong encoding or a double-encoded file, before any rule reads it.

Two measures, both cheap and both from how Vietnamese is written (``data/vietnamese.toml``):

- the share of its words (those with a letter outside ASCII: abbreviations and foreign words
  are left out) that are syllables Vietnamese spelling allows: an onset, a rhyme and at most
  one tone mark, in one case or capitalised. A PDF font without a Unicode map gives words
  like "7+ѬѪ1*" and "GLӋQ"; a file read in the wrong encoding gives "Ä‘Æ°á»£c";
- the share of its characters that Vietnamese text never uses (Cyrillic, Latin letters of
  other languages, control characters).

A double-encoded file (UTF-8 read as Windows-1252 and saved again) is recognised by undoing
that once and finding well-formed Vietnamese under it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ingest.lexicon import _load

_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_WORD_RE = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class Quality:
    """What :func:`assess` found in a text."""

    words: int  # words judged (with a letter outside ASCII)
    syllables: int  # of those, well-formed Vietnamese syllables
    chars: int  # characters other than white space
    unknown: int  # of those, characters Vietnamese text does not use

    @property
    def syllable_share(self) -> float:
        return self.syllables / self.words if self.words else 1.0

    @property
    def unknown_share(self) -> float:
        return self.unknown / self.chars if self.chars else 0.0

    @property
    def readable(self) -> bool:
        """Does the text read as Vietnamese (or give too few words to say otherwise)?"""
        rules = _rules()
        if self.unknown_share > rules["max_unknown_share"]:
            return False
        return self.words < rules["min_words"] or \
            self.syllable_share >= rules["min_syllable_share"]

    def describe(self) -> str:
        """The figures in words, for a refusal message."""
        return (f"{self.syllable_share:.0%} of its {self.words} accented words are Vietnamese "
                f"syllables, {self.unknown_share:.1%} of its characters are not used in "
                "Vietnamese")


def suspect(text: str) -> bool:
    """Does ``text`` hold anything a Vietnamese text does not (a character it never uses, or
    the marks of a double encoding)? A fast test (one scan in C); only a suspect text needs
    :func:`assess`."""
    return _unknown_re().search(text) is not None or _MOJIBAKE_HINT.search(text) is not None


@lru_cache(maxsize=1)
def _unknown_re() -> re.Pattern[str]:
    known = "".join(sorted(chr(c) for c in _known_table()))
    return re.compile(f"[^{re.escape(known)}]")


def assess(text: str) -> Quality:
    """Measure ``text`` (any normalisation; it is composed first). Counted by distinct
    tokens and by a translation table, so a 30 KB plan costs well under a millisecond."""
    text = unicodedata.normalize("NFC", text)
    words = syllables = 0
    for token, n in Counter(text.split()).items():
        if not token.isascii():
            w, ok = _token(token)
            words += n * w
            syllables += n * ok
    chars = len(text) - sum(text.count(c) for c in " \n\t\r")
    unknown = len(text.translate(_known_table()))
    return Quality(words, syllables, chars, unknown)


@lru_cache(maxsize=65536)
def _token(token: str) -> tuple[int, int]:
    """A token's words outside ASCII, and how many of them are syllables."""
    found = [w for w in _WORD_RE.findall(token) if not w.isascii()]
    return len(found), sum(map(is_syllable, found))


@lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    """Is ``word`` a syllable Vietnamese spelling allows (in one case, or capitalised)?"""
    if not (word.islower() or word.isupper() or word.istitle()):
        return False
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(c in _TONES for c in decomposed) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    return _syllable_re().fullmatch(base) is not None


@lru_cache(maxsize=1)
def _syllable_re() -> re.Pattern[str]:
    data = _load("vietnamese.toml")

    def alt(items: list[str]) -> str:
        return "|".join(re.escape(x) for x in sorted(items, key=len, reverse=True))

    return re.compile(f"(?:{alt(data['onsets'])})?"
                      f"(?:(?:{alt(data['nuclei'])})(?:{alt(data['codas'])})?"
                      f"|(?:{alt(data['closed'])}))")


@lru_cache(maxsize=1)
def _known_table() -> dict[int, None]:
    """A translation table deleting every character Vietnamese text uses (printable ASCII,
    white space, its letters composed in both cases, the symbols plans use): what is left
    of a text is what it should not hold."""
    data = _load("vietnamese.toml")
    known = set(map(chr, range(0x20, 0x7F))) | set("\n\t\r\u00a0\u00ad") | set("đĐ")
    for v in "aăâeêioôơuưy":
        for tone in ("", *_TONES):
            c = unicodedata.normalize("NFC", v + tone)
            known.update((c, c.upper()))
    known.update(data["symbols"])
    return dict.fromkeys(map(ord, known))


@lru_cache(maxsize=1)
def _rules() -> dict[str, float]:
    data = _load("vietnamese.toml")
    return {k: float(data[k]) for k in ("min_syllable_share", "max_unknown_share", "min_words")}


def undo_double_encoding(text: str) -> str | None:
    """The text under a double encoding (its UTF-8 bytes once read as Windows-1252, or
    Latin-1, and saved again), when there is one that reads better as Vietnamese; else None.

    Such a file is valid UTF-8 full of "Ã", "á»", "Æ°": undoing the wrong reading gives
    the original bytes back."""
    if not _MOJIBAKE_HINT.search(text):
        return None
    under = _reread(text, strict=False)
    if under is None:
        return None
    before, after = assess(text), assess(under)
    if after.words >= 3 and after.syllable_share > before.syllable_share + 0.3:
        return under
    return None


def double_encoded_sample(text: str) -> tuple[str, str]:
    """A few words of a double-encoded text, and what they stand for: for a message."""
    found = _MOJIBAKE_HINT.search(text)
    if found is None:
        return "", ""
    start = text.rfind(" ", 0, max(0, found.start() - 12)) + 1
    end = text.find(" ", found.end() + 16)
    seen = " ".join(text[start:end if end > 0 else len(text)].split())
    return seen, (_reread(seen, strict=False) or seen).replace("\ufffd", "?")


def _reread(text: str, strict: bool = True) -> str | None:
    """The bytes the wrong reading made ``text`` of, read again as UTF-8."""
    raw = bytearray()
    for c in text:
        try:
            raw += c.encode("cp1252")
        except UnicodeEncodeError:
            if ord(c) < 256:
                raw.append(ord(c))  # the five bytes cp1252 leaves undefined, read as Latin-1
            else:
                raw += c.encode("utf-8")  # a character the wrong reading did not make
    try:
        return raw.decode("utf-8", errors="strict" if strict else "replace")
    except UnicodeDecodeError:
        return None


# what Vietnamese UTF-8 looks like read as Windows-1252: a lead byte 0xC3-0xC6 or 0xE1 ("á")
# before a continuation byte shown as a Windows-1252 character
_MOJIBAKE_HINT = re.compile("[ÃÂÄÅÆ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
                            "\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026"
                            "\u2030\u2039\u203a\u20ac\u2122]|á[»º¹¼½¾]")
