"""Distinct plans for the scale benchmark, made from the four samples.

Plan *i* takes sample ``i % 4`` and makes it another province's (or city's) plan: the place and
the province's name replaced, "thành phố" and "tỉnh" as the new issuer is written, a number of
its own, dated in another year (the dates and periods of its schedule moved by the same number
of years; the laws it rests on keep theirs), and the departments it names permuted. What varies
lives in ``bench/data/variety.toml``. The same ``i`` always gives the same plan.

    .venv/bin/python bench/plangen.py 1000 var/bench-scale/plans-1000
"""

from __future__ import annotations

import random
import re
import sys
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLANS = ROOT / "data" / "plans"
VARIETY = Path(__file__).resolve().parent / "data" / "variety.toml"


@dataclass(frozen=True, slots=True)
class Sample:
    """What a sample says of itself: its file, its place ("Huế"; None when it names none), how
    its issuer's territory is written, its year, and its number's type code."""

    file: str
    place: str | None
    kind: str  # "thành phố" | "tỉnh"
    year: int
    code: str  # KH-UBND, KH-SNV


SAMPLES = (
    Sample("hue-232-kh-ubnd-2026.txt", "Huế", "thành phố", 2026, "KH-UBND"),
    Sample("quang-ngai-snv-pctn-2023.txt", "Quảng Ngãi", "tỉnh", 2023, "KH-SNV"),
    Sample("tay-ninh-577-kh-ubnd-2024.txt", "Tây Ninh", "tỉnh", 2024, "KH-UBND"),
    Sample("tinh-cai-thien-chi-so-pctn-2026.txt", None, "tỉnh", 2026, "KH-UBND"),
)

_HEADER_NUMBER = re.compile(r"^Số:\s*\d*\s*/\s*[\w-]+[ \t]*$", re.MULTILINE)
_HEADER_DATE = re.compile(r"^(?P<place>[^\n,]+), ngày\s*\d*\s*tháng\s*\d*\s*năm \d{4}[ \t]*$",
                          re.MULTILINE)
_YEAR = re.compile(r"(?<![\d/])(?:19|20)\d\d(?![\d/])")  # not inside a number "36/2018/QH14"


@cache
def variety() -> dict:
    with VARIETY.open("rb") as f:
        return tomllib.load(f)


@cache
def sample_text(file: str) -> str:
    return (PLANS / file).read_text(encoding="utf-8")


def slug(text: str) -> str:
    import unicodedata

    folded = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    folded = "".join(c for c in folded if unicodedata.category(c) != "Mn")
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def places() -> list[tuple[str, str]]:
    """``(kind, name)`` of every province and city, provinces first."""
    v = variety()
    return [("tỉnh", p) for p in v["provinces"]] + [("thành phố", c) for c in v["cities"]]


def plan(i: int) -> tuple[str, str]:
    """The file name and text of plan ``i``."""
    sample = SAMPLES[i % len(SAMPLES)]
    rng = random.Random(i)
    all_places = places()
    # the samples written with "tỉnh" keep to provinces ("Tỉnh Đoàn" has no city form here)
    pool = all_places if sample.kind == "thành phố" else [p for p in all_places if p[0] == "tỉnh"]
    kind, name = pool[(i // len(SAMPLES)) % len(pool)]
    v = variety()
    year = sample.year + rng.randint(-v["years_back"], v["years_ahead"])
    number = i + 1
    text = sample_text(sample.file)
    text = _territory(text, sample, kind, name)
    text = _shift_years(text, sample.year, year - sample.year)
    text = _header(text, sample, kind, name, number, year, rng)
    text = _permute_departments(text, rng)
    code = sample.code.lower()
    return f"{slug(name)}-{number}-{code}-{year}.txt", text


def _territory(text: str, sample: Sample, kind: str, name: str) -> str:
    """The sample's place becomes ``name``; its way of writing its territory becomes ``kind``."""
    if sample.place:
        text = text.replace(f"{sample.kind} {sample.place}", f"{kind} {name}")
        text = text.replace(sample.place, name)
    if sample.kind != kind:
        text = text.replace(sample.kind, kind)
        text = text.replace(sample.kind.capitalize(), kind.capitalize())
    return text


def _shift_years(text: str, own: int, delta: int) -> str:
    """Years of the plan's own schedule (its year and later) move by ``delta``; earlier years
    are those of the documents it rests on and stay."""
    if not delta:
        return text
    return _YEAR.sub(lambda m: str(int(m.group()) + delta) if int(m.group()) >= own
                     else m.group(), text)


def _header(text: str, sample: Sample, kind: str, name: str, number: int, year: int,
            rng: random.Random) -> str:
    """A number of its own and a date in ``year``, in the header lines of Nghị định 30/2020."""
    day, month = rng.randint(1, 28), rng.randint(1, 12)
    number_line = f"Số: {number}/{sample.code}"
    date_line = f"{name}, ngày {day:02d} tháng {month:02d} năm {year}"
    if _HEADER_NUMBER.search(text):
        text = _HEADER_NUMBER.sub(number_line, text, count=1)
    else:
        text = f"{number_line}\n\n{date_line}\n" + text
    if _HEADER_DATE.search(text):
        text = _HEADER_DATE.sub(date_line, text, count=1)
    elif not text.startswith(number_line + "\n\n" + date_line):
        text = text.replace(number_line, f"{number_line}\n\n{date_line}", 1)
    if sample.place is None:  # "trên địa bàn tỉnh": the generic sample gets its province named
        text = text.replace("trên địa bàn tỉnh\n", f"trên địa bàn {kind} {name}\n", 1)
    return text


def _permute_departments(text: str, rng: random.Random) -> str:
    """Each department named stands for another one (one mapping for the whole plan)."""
    names = variety()["departments"]
    shuffled = names[:]
    rng.shuffle(shuffled)
    mapping = dict(zip(names, shuffled, strict=True))
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    return pattern.sub(lambda m: mapping[m.group()], text)


def write(n: int, folder: Path, start: int = 0) -> list[Path]:
    """Plans ``start`` .. ``start + n - 1`` as files in ``folder`` (kept when already there)."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(start, start + n):
        name, text = plan(i)
        path = folder / name
        if not path.exists():
            path.write_text(text, encoding="utf-8")
        out.append(path)
    return out


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    default = ROOT / "var" / "bench-scale" / f"plans-{count}"
    where = Path(sys.argv[2]) if len(sys.argv) > 2 else default
    print(f"{len(write(count, where))} plans in {where}")
