"""The spotting scan: one walk over a plan's tokens finds every pattern of the spotting
components (documents, pinpoints, bodies, roles, timeframes).

Trying each of ~150 patterns at each of a plan's ~3,500 word starts would cost more than the
rest of the extraction together. Instead, the ``regex`` module's partial matching tells
which patterns a piece of text could open (``pattern.match(text, partial=True)``: the text
matches, or could be the start of a match). That is asked once per distinct token, and once
per run of tokens after an opener (:class:`Run`, learned once and kept, on disk too), so most
tokens are ruled out by one dictionary look-up and most openers by the token after them;
the few patterns left are matched in full.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, compress

import regex

from ingest import bodynames, cache
from ingest.nlp import PIECE
from ingest.regexes import (
    ROLES,
    Deferred,
    anaphora,
    bodies,
    body_heads,
    department_list,
    document_ref,
    law_title,
    law_title_head,
    pinpoint,
    short_name,
)

# tokens after an opener that narrow its patterns down (measured: 2 is fastest on the samples
# and corpus-wide; more look-ups cost more than the failed matches they save)
NARROWING_TOKENS = 2
# characters a pattern may match from where it opens. The longest match in the samples,
# corpus-wide and probe plans is ~330 characters (a timeframe, a law's title); without a
# bound, a list pattern tried at each of a long list's openers reads the rest of the list each
# time, quadratic in its length (80,000 characters of "Điều 1, Điều 2, ..." took 14 s)
MAX_MATCH = 3000
_WORD_START = re.compile(r"\w")
CACHE_FORMAT = 1  # of the cached answers (OpeningIndex.keep)
Pattern = re.Pattern[str] | Deferred  # the bodies' patterns are compiled when first matched


@dataclass(slots=True)
class Run:
    """A run of tokens from an opener: its text (the tokens with their trailing spaces),
    the patterns that can match a text opening with it, and the runs one token longer."""

    text: str
    patterns: tuple[int, ...]
    longer: dict[str, Run] = field(default_factory=dict)


class OpeningIndex:
    """Which patterns may match where a token (or a run of tokens) opens.

    Patterns must be able to match at a token start: the scan tries no other position.
    ``heads`` (by default the patterns themselves) are what is asked: for each pattern, the
    part of it before a tail that may match nothing, which a text may open on exactly where
    the whole pattern may (compiled for partial matching, a long tail costs its time for
    nothing).

    The answers depend on the heads alone, so they are kept on disk (:mod:`ingest.cache`,
    kind ``scan``) under the digest of the heads, their flags and the ``regex`` version: a
    process starts with what earlier ones learned (a plan's tokens are mostly known), and
    compiles a head for partial matching only when a token it has not met asks it (compiling
    them all was ~0.3 CPU-s of every process). Other data files, or other code building the
    patterns, give other heads, so another key: the answers are learned again.
    """

    def __init__(self, patterns: list[Pattern], heads: list[str] | None = None,
                 *, cached: bool = True,
                 lists: dict[str, frozenset[str]] | None = None) -> None:  # fmt: skip
        self.patterns = patterns
        self._heads = [(h, p.flags & re.IGNORECASE) for p, h in zip(
            patterns, heads or [p.pattern for p in patterns], strict=True)]
        # the named lists (``\L<name>``) the heads use: compiled with them, and part of the
        # key, since the answers change with a list's words as with a head's
        self._lists = lists or {}
        self._partial: list[regex.Pattern[str] | None] = [None] * len(patterns)
        self._every = tuple(range(len(patterns)))
        self._by_char: dict[str, tuple[int, ...]] = {}
        self._first: dict[str, Run | None] = {}  # a token -> its run, None when it opens none
        self.key = hashlib.sha256(json.dumps(
            [CACHE_FORMAT, regex.__version__, self._heads,
             *([{k: sorted(v) for k, v in sorted(self._lists.items())}] if lists else [])],
            ensure_ascii=False).encode()
        ).hexdigest() if cached else None
        self._kept = 0  # answers in the cache file when read or last written
        self._learned = 0  # answers learned since
        if self.key is not None:
            self._read(cache.read_json("scan", self.key))

    def candidates(self, text: str, among: tuple[int, ...] | None = None) -> tuple[int, ...]:
        """The patterns (of ``among``; by default those its first character may open) that
        can match a text opening with ``text``."""
        if among is None:
            among = self._opening_with(text[0]) if len(text) > 1 else self._every
        partial = self._partial
        return tuple(i for i in among
                     if (partial[i] or self._compile(i)).match(text, partial=True))

    def _compile(self, i: int) -> regex.Pattern[str]:
        head, flags = self._heads[i]
        compiled = self._partial[i] = regex.compile(head, flags, ignore_unused=True,
                                                    **self._lists)
        return compiled

    def _opening_with(self, char: str) -> tuple[int, ...]:
        found = self._by_char.get(char)
        if found is None:
            found = self._by_char[char] = self.candidates(char, self._every)
            self._learned += 1
        return found

    def _run(self, token: str) -> Run | None:
        """The run of one token; only a word opens patterns (not a mark, not white space)."""
        patterns = self.candidates(_unspaced(token)) if _WORD_START.match(token) else ()
        self._learned += 1
        return Run(token, patterns) if patterns else None

    def _longer(self, run: Run, token: str) -> Run:
        """``run`` followed by ``token``: its patterns are those the text so far (without
        the last token's space) can open."""
        patterns = self.candidates(run.text + _unspaced(token), run.patterns)
        longer = run.longer[token] = Run(run.text + token, patterns)
        self._learned += 1
        return longer

    def openings(self, tokens: list[str], starts: list[int]
                 ) -> Iterator[tuple[int, tuple[int, ...]]]:
        """(start, patterns) of every token some pattern may open on, the patterns narrowed
        down by the :data:`NARROWING_TOKENS` tokens after it."""
        first = self._first
        for token in set(tokens).difference(first):  # tokens never seen: learned first
            first[token] = self._run(token)
        runs = list(map(first.__getitem__, tokens))
        for k in compress(range(len(tokens)), runs):  # only the openers
            run = runs[k]
            for token in tokens[k + 1:k + 1 + NARROWING_TOKENS]:
                run = run.longer.get(token) or self._longer(run, token)
                if not run.patterns:
                    break
            if run.patterns:
                yield starts[k], run.patterns

    def keep(self) -> None:
        """Write the answers to the cache (at the process's end) when it learned a hundredth
        more than it holds: a plan of new words adds them for the next process; a cache that
        cannot be written is left as it is."""
        if self.key is None or not self._learned or self._learned * 100 < self._kept:
            return
        value = {"by_char": {c: list(v) for c, v in self._by_char.items()},
                 "first": {t: r and _run_value(r) for t, r in self._first.items()}}
        if cache.write_json("scan", self.key, value):
            self._kept += self._learned
            self._learned = 0

    def _read(self, value: object) -> None:
        """The answers of a cache file, where each is whole and names only known patterns
        (anything else: none, and the file is written anew)."""
        n = len(self.patterns)

        def indices(v: object) -> tuple[int, ...]:
            if not isinstance(v, list) or not all(type(i) is int and 0 <= i < n for i in v):
                raise ValueError("not a list of patterns")
            return tuple(v)

        def run(text: str, v: object) -> Run:
            if not (isinstance(v, list) and len(v) == 2 and isinstance(v[1], dict)):
                raise ValueError("not a run")
            r = Run(text, indices(v[0]))
            r.longer = {t: run(text + t, x) for t, x in v[1].items()}
            return r

        if not isinstance(value, dict):
            return
        try:
            by_char = {c: indices(v) for c, v in value["by_char"].items()}
            first = {t: None if v is None else run(t, v) for t, v in value["first"].items()}
        except (KeyError, TypeError, ValueError, AttributeError, RecursionError):
            return
        self._by_char, self._first = by_char, first
        self._kept = len(by_char) + sum(1 + _size(r) for r in first.values() if r) + sum(
            1 for r in first.values() if r is None)


def _run_value(run: Run) -> list[object]:
    return [list(run.patterns), {t: _run_value(r) for t, r in run.longer.items()}]


def _size(run: Run) -> int:
    """The runs longer than ``run`` that were learned."""
    return sum(1 + _size(r) for r in run.longer.values())


def _unspaced(token: str) -> str:
    return token[:-1] if len(token) > 1 and token[-1] == " " else token


GROUPS = ("numbered", "law", "anaphora", "short")


@lru_cache(maxsize=1)
def families() -> list[tuple[str, list[Pattern], bool]]:
    """(family, patterns, keep every match?) for every spotting component."""
    from ingest import timeframes
    from ingest.lexicon import lexicon

    lx = lexicon()
    roles = [re.compile(rf"{lx.pattern('roles', r)}(?![\w])") for r in ROLES]
    return [
        ("documents", [document_ref(), law_title(), anaphora(), short_name()], False),
        ("pinpoints", [pinpoint()], False),
        ("bodies", [p for p, _c, _o in bodies()], False),
        ("departments", [department_list()[0]], False),
        ("roles", roles, False),
        ("timeframes", [p for _k, p in timeframes.patterns()], True),
    ]


# the family of the grammar of names (ingest.bodynames): the scan tells where its patterns
# may open, and leaves the matching to bodynames.find, which tries them left to right
NAMES = "names"


def _grammar() -> list[regex.Pattern[str]]:
    g = bodynames.grammar()
    return [g.named, g.collective]


@lru_cache(maxsize=1)
def index() -> tuple[OpeningIndex, list[tuple[str, int, bool]]]:
    """Every pattern the spotting components need, each with its (family, index in the
    family, keep every match?), so a plan's tokens are walked once; the grammar of names'
    last (family :data:`NAMES`)."""
    patterns: list[Pattern] = []
    heads: list[str] = []
    owner: list[tuple[str, int, bool]] = []
    # a body's name before its optional location; the words a law's title opens with
    known = {p.pattern: h for (p, _c, _o), h in zip(bodies(), body_heads(), strict=True)}
    known[law_title().pattern] = law_title_head()
    grammar = _grammar()
    for family, pats, keep_all in [*families(), (NAMES, grammar, True)]:
        for i, p in enumerate(pats):
            patterns.append(p)
            heads.append(known.get(p.pattern, p.pattern))
            owner.append((family, i, keep_all))
    # the grammar's named lists (\L<...>): its heads are compiled with them
    opener = OpeningIndex(patterns, heads, lists={k: v for p in grammar
                                                  for k, v in p.named_lists.items()})
    # its answers are written when the process ends, not by a scan: writing them costs the
    # cache's size, which is no plan's cost (a worker of a pool, ended by os._exit, keeps none;
    # the process reading a handful of plans itself, as `cancu ingest <plan>` does, keeps its)
    atexit.register(opener.keep)
    return opener, owner


def scan(text: str, tokens: tuple[list[str], list[int]] | None = None
         ) -> dict[str, list[tuple[int, re.Match[str]]]]:
    """Per family, the longest match at each token start (every match, for timeframes), as
    (index in the family, match); for :data:`NAMES`, ``hits[NAMES]`` is no list but where
    the grammar's patterns may open: {start: their indices}. ``tokens`` are the doc's
    tokens, each with its trailing space, and their offsets; without them the text is cut as
    the tokenizer cuts it."""
    opener, owner = index()
    if tokens is None:
        pieces = PIECE.findall(text)
        tokens = pieces, list(accumulate(map(len, pieces), initial=0))[:-1]
    out: dict[str, list[tuple[int, re.Match[str]]]] = {f: [] for f, _p, _k in families()}
    names: dict[int, tuple[int, ...]] = {}
    out[NAMES] = names  # type: ignore[assignment]
    first_name = len(opener.patterns) - len(_grammar())
    matchers = [p.match for p in opener.patterns]
    for pos, candidates in opener.openings(*tokens):
        if candidates[-1] >= first_name:  # the grammar's, last of all: bodynames.find's
            names[pos] = tuple(i - first_name for i in candidates if i >= first_name)
            candidates = tuple(i for i in candidates if i < first_name)
        best: dict[str, tuple[int, re.Match[str]]] = {}
        for i in candidates:
            m = matchers[i](text, pos, pos + MAX_MATCH)
            if m is None:
                continue
            family, local, keep_all = owner[i]
            if keep_all:
                out[family].append((local, m))
            elif family not in best or m.end() > best[family][1].end():
                best[family] = (local, m)
        for family, hit in best.items():
            out[family].append(hit)
    return out
