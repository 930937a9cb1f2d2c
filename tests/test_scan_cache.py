"""The scan's opening answers kept on disk (ingest.scan.OpeningIndex, ingest.cache): the same
matches with the cache, without it, and from a cache other texts filled; answers of other
patterns (another data file) never read; a cache that cannot be written or read changes
nothing but the time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cancu.paths import PLANS
from ingest import cache, scan


def _samples() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(PLANS.glob("*.txt"))]


def _invented() -> list[str]:
    """Texts in the style of plans, not taken from any: bodies, documents, times, roles."""
    return [
        "Giao Sở Tư pháp chủ trì, phối hợp với Công an tỉnh Lâm Đồng tổ chức tuyên truyền "
        "Luật Phòng, chống tham nhũng năm 2018 và Nghị định số 59/2019/NĐ-CP; hoàn thành "
        "trước ngày 30/6/2027.",
        "Các Sở: Nội vụ, Tài chính và UBND các huyện thực hiện Điều 10, khoản 2 Điều 15 "
        "Luật này; báo cáo kết quả về Thanh tra tỉnh trước ngày 15 hằng tháng.",
    ]


def _found(texts: list[str]) -> list[dict]:
    """What the scan finds in each text, as (pattern, span)s per family."""
    return [{f: sorted((i, m.span()) for i, m in hits) if f != scan.NAMES else hits
             for f, hits in scan.scan(t).items()} for t in texts]


@pytest.fixture
def cache_at(monkeypatch):
    """Point CANCU_CACHE at a folder (or "off") with a fresh scan index, and give the suite's
    own index back after."""
    def use(where: str | Path) -> scan.OpeningIndex:
        monkeypatch.setenv("CANCU_CACHE", str(where))
        scan.index.cache_clear()
        return scan.index()[0]

    yield use
    scan.index.cache_clear()


def test_the_same_matches_with_and_without_the_cache(tmp_path: Path, cache_at) -> None:
    texts = _samples()[:2] + _invented()
    cache_at("off")
    want = _found(texts)
    assert not any(tmp_path.iterdir())
    other, same = tmp_path / "other", tmp_path / "same"
    filled = cache_at(other)
    assert filled._kept == 0  # an empty cache
    _found(_samples()[2:])  # learned on other texts
    filled.keep()  # (as the process ends)
    (kept,) = (other / "scan").glob("*.json")
    assert kept.stem == filled.key
    warm = cache_at(other)  # a new process: what the first learned, read back
    assert warm._kept > 0 and warm._first
    assert not any(warm._partial)  # nothing compiled before a token asks
    assert _found(texts) == want  # known tokens answered from the cache, new ones learned

    whole = cache_at(same)
    _found(["\n\n".join(texts)])  # one scan of them all, kept whole
    whole.keep()
    warm = cache_at(same)
    assert _found(texts) == want
    assert not any(warm._partial)  # every answer was in the cache: no head compiled


def test_answers_of_other_patterns_are_never_read(tmp_path: Path, cache_at) -> None:
    """Another data file gives other patterns, so another key: the answers are learned again
    (and both kept); a file under the key that is not whole is learned anew and rewritten."""
    cache_at("off")
    want = _found(_invented())
    index = cache_at(tmp_path)
    _found(_invented())
    index.keep()
    patterns, heads = index.patterns, [h for h, _f in index._heads]
    # as if a word list of ingest/data had one more body: its pattern opens on "Sở"
    changed = scan.OpeningIndex([*patterns, scan.Deferred(r"Sở Mới(?![\w])")],
                                [*heads, r"Sở Mới(?![\w])"], lists=index._lists)
    assert changed.key != index.key and changed._kept == 0 and not changed._first
    assert len(changed.candidates("Sở")) == len(index.candidates("Sở")) + 1
    assert scan.OpeningIndex(patterns, heads, lists=index._lists)._first  # the same: read back

    path = tmp_path / "scan" / f"{index.key}.json"
    held = json.loads(path.read_text(encoding="utf-8"))
    held["value"]["first"]["Sở "] = [[len(patterns) + 5], {}]  # a pattern there is not
    path.write_text(json.dumps(held), encoding="utf-8")
    assert scan.OpeningIndex(patterns, heads, lists=index._lists)._first == {}
    path.write_text('{"key": "', encoding="utf-8")  # cut short
    fresh = cache_at(tmp_path)
    assert fresh._first == {}
    assert _found(_invented()) == want
    fresh.keep()
    assert json.loads(path.read_text(encoding="utf-8"))["key"] == index.key  # written anew


def test_a_cache_that_cannot_be_written_changes_nothing(tmp_path: Path, cache_at) -> None:
    texts = _invented()
    cache_at("off")
    want = _found(texts)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    index = cache_at(blocker / "cache")  # no folder can be made under a file
    assert _found(texts) == want
    index.keep()  # cannot be written: nothing raised, nothing lost
    assert index._learned > 0  # learned, kept in memory, not on disk
    assert cache.write_json("scan", "k", {"a": 1}) is False
    assert cache.read_json("scan", "k") is None


def test_cache_files_are_read_only_under_their_key(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("CANCU_CACHE", str(tmp_path))
    assert cache.write_json("scan", "abc", {"x": [1, 2]})
    assert cache.read_json("scan", "abc") == {"x": [1, 2]}
    (tmp_path / "scan" / "abd.json").write_text(
        (tmp_path / "scan" / "abc.json").read_text(encoding="utf-8"), encoding="utf-8")
    assert cache.read_json("scan", "abd") is None  # a file renamed is not its key's
    assert not list((tmp_path / "scan").glob(".*.tmp"))
    monkeypatch.setenv("CANCU_CACHE", "off")
    assert cache.folder("scan") is None and not cache.write_json("scan", "abc", 1)


def test_named_lists_are_compiled_with_the_heads_and_key_the_answers() -> None:
    """An index over patterns with named lists (the grammar of names: ingest.bodynames)
    compiles its heads with them, and other words in a list are another key."""
    import regex

    def index(words: list[str]) -> scan.OpeningIndex:
        pattern = regex.compile(r"\L<nouns>(?!\w)", nouns=words)
        return scan.OpeningIndex([pattern], lists=pattern.named_lists)

    units = index(["cơ quan", "đơn vị"])
    assert units.candidates("cơ quan") == (0,)
    assert units.candidates("cơ sở") == ()
    assert index(["cơ quan", "tổ chức"]).key != units.key
