"""Shortcuts of the spotting and assembly stages give what the plain code they stand for gives."""

from __future__ import annotations

import random

from ingest import assign
from ingest.scan import NAMES


def _texts(words: list[str], n: int = 400) -> list[str]:
    """Random runs of cue words, letters, white space and punctuation (fixed seed)."""
    rng = random.Random(7)
    pieces = [*words, "x", "a", " ", "  ", "\n", "\t", ",", "-", "Ủy ban", "\u00a0"]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 9))) for _ in range(n)]


def _plain_scan(text: str) -> dict[str, list[tuple[int, tuple[int, int]]]]:
    """What the scan stands for: every pattern tried at every word start, the longest match
    of each family kept (every match, for a family that keeps all)."""
    import re

    from ingest.scan import families

    out: dict[str, list[tuple[int, tuple[int, int]]]] = {}
    for family, patterns, keep_all in families():
        found = out.setdefault(family, [])
        for word in re.finditer(r"(?<!\w)\w", text):
            hits = [(i, m.span()) for i, p in enumerate(patterns)
                    if (m := p.match(text, word.start())) is not None]
            if keep_all:
                found.extend(hits)
            elif hits:
                found.append(max(hits, key=lambda h: h[1][1] - h[1][0]))
    return out


def test_the_scan_finds_what_trying_every_pattern_everywhere_finds() -> None:
    """The opening index only rules patterns out that cannot match: on the samples and on
    random runs of the words patterns open with, the scan (in any order of learning) finds
    the same matches as trying every pattern at every word start."""
    from cancu.paths import PLANS
    from ingest.scan import scan

    texts = [p.read_text(encoding="utf-8") for p in sorted(PLANS.glob("*.txt"))]
    texts += _texts(["Sở", "các", "cơ quan", "Luật", "Nghị định số", "12/2025/NĐ-CP", "quý",
                     "IV/2025", "năm", "2026", "Điều", "5", "chủ trì", "phối hợp", "Ủy ban",
                     "nhân dân", "tỉnh", "Thanh tra", "thường xuyên", "hằng", "tháng"], 300)
    # a law's title opens the index on its first words only (regexes.law_title_head)
    texts += _texts(["Luật", "luật", "Bộ luật", "Bộ Luật", "pháp luật", "Hiến pháp", "Công ước",
                     "của Liên hợp quốc", "Phòng, chống tham nhũng", "Cán bộ, công chức",
                     "Tổ chức", "sửa đổi, bổ sung", "năm", "2018", "ngày", "29/11/2005", "và",
                     "số", "36/2018/QH14", "Pháp lệnh", "Ưu đãi người có công"], 300)
    random.Random(11).shuffle(texts)
    for text in texts:
        got = {f: sorted((i, m.span()) for i, m in hits) for f, hits in scan(text).items()
               if f != NAMES}
        want = {f: sorted(hits) for f, hits in _plain_scan(text).items()}
        assert got == want, text[:80]


def test_the_names_found_where_the_scan_says_they_may_open_are_all_the_names() -> None:
    """The scan tells the grammar of names where its two patterns may open
    (``hits[NAMES]``): on the samples and on random runs of the words names open with, the
    names found are those trying both patterns at every word finds."""
    from cancu.paths import PLANS
    from ingest import bodynames
    from ingest.nlp import PIECE
    from ingest.scan import scan

    texts = [p.read_text(encoding="utf-8") for p in sorted(PLANS.glob("*.txt"))]
    texts += _texts(["Sở", "các", "Các", "cơ quan", "cơ sở", "đơn vị", "tổ chức", "công tác",
                     "phòng, chống", "Phòng", "liên quan", "thành viên", "Ban Chỉ đạo", "tỉnh",
                     "Ủy ban nhân dân", "huyện", "Công an", "Tư pháp", "và", "doanh nghiệp",
                     "chính quyền", "địa phương", "cấp", "thuộc", "Bộ trưởng", "ngang bộ"], 300)
    random.Random(13).shuffle(texts)
    for text in texts:
        pieces = PIECE.findall(text)
        starts = [m.start() for m in PIECE.finditer(text)]
        opening = scan(text, (pieces, starts))[NAMES]
        assert bodynames.find(text, (pieces, starts), opening) == bodynames.find(text), text[:80]


def test_first_list_is_the_first_of_the_lists() -> None:
    """``leading`` groups only the list a text opens with: the same as the first of all."""
    from cancu.paths import PLANS
    from ingest import spot
    from ingest.nlp import build
    from ingest.read import read_plan

    for path in sorted(PLANS.glob("*.txt")):
        text = read_plan(path).text
        bodies = spot.refs(build()(text), "bodies")
        rng = random.Random(path.name)
        for _ in range(200):
            start = rng.randrange(len(text))
            inside = spot.within(bodies, start, start + rng.randint(1, 600))
            first, groups = assign.first_list(inside, text), assign.lists(inside, text)
            want = [m.start for m in groups[0].members] if groups else None
            assert ([m.start for m in first.members] if first else None) == want


def test_each_body_pattern_is_its_head_then_a_tail_that_may_match_nothing() -> None:
    """The opening index asks a body's head (its name) instead of its whole pattern: the
    same answer only while each pattern is its head, then a location that may match
    nothing, so that a text opens the head exactly where it opens the pattern."""
    import re

    from ingest.regexes import bodies, body_heads

    for head, (pattern, _collective, _outside) in zip(body_heads(), bodies(), strict=True):
        assert pattern.pattern.startswith(head)
        assert re.fullmatch(pattern.pattern[len(head):], "") is not None, head
