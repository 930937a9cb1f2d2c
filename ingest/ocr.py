"""Optical character recognition of PDF pages whose text layer cannot be read: Tesseract with
its Vietnamese data, through pytesseract, pages rendered by pypdfium2.

Why these: Tesseract is the well-kept open OCR engine with trained Vietnamese data packaged by
Debian (``tesseract-ocr-vie``); pytesseract calls it with a time limit and no temporary PDF;
pypdfium2 (PDFium, as in Chromium) renders a page in ~0.1 s with no other program, and draws
the signing system's stamps (numbers and dates stamped into a signed PDF's blanks) as a
reader sees them. OCRmyPDF does much more (a new PDF with a text layer, Ghostscript, many
processes) than reading a few pages needs, and is slower per page (see the README).

Reading is deterministic for one engine version, and a page's text is kept in a cache keyed by
the file's digest, the page, the resolution and the engine's version, so that the plan page
shows the very text the spans count (the service decodes the file again) without reading it
again. ``CANCU_OCR=off`` turns OCR off; ``CANCU_OCR_CACHE`` moves the cache (by default the
``ocr`` folder of :mod:`ingest.cache`'s, ``CANCU_CACHE=off`` keeps none).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

LANG = "vie"
DPI = 300
PAGE_TIMEOUT = 120  # seconds for one page; a stalled engine must not stall a batch
MAX_PAGES = int(os.environ.get("CANCU_OCR_MAX_PAGES", "60"))
INSTALL = ("install Tesseract with its Vietnamese data (Debian/Ubuntu: apt-get install "
           "tesseract-ocr tesseract-ocr-vie) and the Python packages pytesseract and pypdfium2")


class OcrError(RuntimeError):
    """OCR that could not run or gave nothing."""


def unavailable() -> str | None:
    """Why OCR cannot run here, or None when it can."""
    if os.environ.get("CANCU_OCR", "").lower() in ("0", "off", "no", "false"):
        return "OCR is turned off (CANCU_OCR=off)"
    try:
        import pypdfium2  # noqa: F401
        import pytesseract
    except ImportError as exc:
        return f"the Python package {exc.name} is not installed; {INSTALL}"
    cmd = pytesseract.pytesseract.tesseract_cmd
    if shutil.which(cmd) is None:
        return f"the Tesseract OCR engine ({cmd}) is not installed; {INSTALL}"
    if LANG not in _languages(shutil.which(cmd) or cmd):
        return f"Tesseract has no Vietnamese data ({LANG}); {INSTALL}"
    return None


@lru_cache(maxsize=4)
def _languages(cmd: str) -> frozenset[str]:
    import pytesseract

    try:
        return frozenset(pytesseract.get_languages(config=""))
    except Exception:  # a broken engine is one we cannot use
        return frozenset()


@lru_cache(maxsize=4)
def _version(cmd: str) -> str:
    import pytesseract

    return str(pytesseract.get_tesseract_version())


def page_text(data: bytes, index: int, digest: str | None = None) -> str:
    """The text of page ``index`` (0-based) of the PDF ``data``, read by OCR (cached), laid
    out: each line indented by its distance from the page's left edge (one space for
    :data:`COLUMN` points), and a line that crosses a wide gap (the two columns of a letterhead
    or of a signature block) cut in two there, as a PDF's own text layer gives them."""
    reason = unavailable()
    if reason:
        raise OcrError(reason)
    import pytesseract

    digest = digest or hashlib.sha256(data).hexdigest()
    key = _key(digest, index, "page")
    cached = _cache_get(key)
    if cached is not None:
        return cached
    image = _without_ink(_render(data, index, DPI))
    try:
        found = pytesseract.image_to_data(image, lang=LANG, timeout=PAGE_TIMEOUT,
                                          output_type=pytesseract.Output.DICT)
    except RuntimeError as exc:  # pytesseract's timeout
        raise OcrError(f"OCR of page {index + 1} did not end within {PAGE_TIMEOUT} s") from exc
    except pytesseract.TesseractError as exc:
        raise OcrError(f"OCR of page {index + 1} failed ({exc.message.strip()})") from exc
    _figures_in_blanks(found, image)
    text = _DOUBLED_D.sub("Đ", _laid_out(found)).translate(_LOOK_ALIKES)
    _cache_put(key, text)
    return text


def _figures_lang() -> str:
    """The engine's data to read figures alone with: English reads lone figures in a stamp
    more surely than Vietnamese ("08" read as "06"), and comes with the engine."""
    import pytesseract

    cmd = shutil.which(pytesseract.pytesseract.tesseract_cmd) or ""
    return "eng" if "eng" in _languages(cmd) else LANG


def _without_ink(image: Image.Image) -> Image.Image:
    """The page in grey with coloured ink taken out: the red seal and the blue signature
    lie over the signer's title and name, and read as noise. Pillow's channel operations
    (in C) do it: a pixel whose channels lie far apart is coloured, and goes white; so do
    the pale rims its strokes leave."""
    from PIL import ImageChops

    red, green, blue = image.convert("RGB").split()
    high = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    low = ImageChops.darker(ImageChops.darker(red, green), blue)
    coloured = ImageChops.subtract(high, low).point(lambda v: 255 if v > _INK else 0)
    grey = image.convert("L")
    grey.paste(255, mask=coloured)
    return grey.point(lambda v: 255 if v > _PAPER else v)


_INK = 40  # a pixel whose channels differ by more than this is coloured (0-255)
_PAPER = 190  # a grey lighter than this is paper


# the words around a figure written in by hand or by a stamp: the day between "ngày" and
# "tháng", the month between "tháng" and "năm" (a header's date)
_BLANKS = (("ngày", "tháng"), ("tháng", "năm"))


def _figures_in_blanks(found: dict[str, list], image: Image.Image) -> None:
    """A day or a month of a date that the engine did not read as a figure ("U6_" for a
    stamped "06") is read again as figures alone, in its own box."""
    import pytesseract

    words = found["text"]
    for i in range(1, len(words) - 1):
        pair = (words[i - 1].strip().lower(), words[i + 1].strip().lower())
        word = words[i].strip()
        if pair not in _BLANKS or not word or word.isdigit() or len(word) > 4:
            continue
        x, y, w, h = (found[k][i] for k in ("left", "top", "width", "height"))
        box = image.crop((max(0, x - 6), max(0, y - 6), x + w + 6, y + h + 6))
        try:
            figures = pytesseract.image_to_string(
                box, lang=_figures_lang(), timeout=30,
                config="--psm 7 -c tessedit_char_whitelist=0123456789").strip()
        except (RuntimeError, pytesseract.TesseractError):
            continue
        if figures.isdigit() and len(figures) <= 2:
            words[i] = figures


# characters the engine reads that Vietnamese text writes otherwise: the fraction slash of
# "1105⁄KH", the Icelandic eth for "Đ"
_LOOK_ALIKES = str.maketrans({"\u2044": "/", "\u2215": "/", "Ð": "Đ", "ð": "đ"})
_DOUBLED_D = re.compile("Đ[Ðð]")  # the engine reads a bold "Đ" twice, once as an eth
COLUMN = 6.0  # points a space of laid-out text stands for (about one character)
_GAP_POINTS = 18.0  # a gap between two words this wide or more parts two columns


def _laid_out(found: dict[str, list]) -> str:
    """Tesseract's words (with their boxes) as laid-out lines (see :func:`page_text`)."""
    lines: dict[tuple[int, int, int], list[tuple[int, int, str]]] = {}
    for i, word in enumerate(found["text"]):
        if word.strip():
            key = (found["block_num"][i], found["par_num"][i], found["line_num"][i])
            lines.setdefault(key, []).append((found["left"][i], found["width"][i], word))
    points = 72 / DPI
    out: list[str] = []
    for words in lines.values():
        words.sort()
        piece = [words[0]]
        for prev, word in pairwise(words):
            if (word[0] - prev[0] - prev[1]) * points >= _GAP_POINTS:
                out.append(_line(piece, points))
                piece = []
            piece.append(word)
        out.append(_line(piece, points))
    return "\n".join(out) + "\n"


def _line(words: list[tuple[int, int, str]], points: float) -> str:
    """One laid-out line; specks read before its first word (":", "'", "_—" left by a seal
    or a stroke) are dropped, a bullet is kept."""
    while len(words) > 1 and not any(c.isalnum() for c in words[0][2]) \
            and words[0][2] not in _BULLETS:
        words = words[1:]
    return " " * round(words[0][0] * points / COLUMN) + " ".join(w for _x, _w, w in words)


_BULLETS = ("-", "+", "–", "•", "*")


def stamp_digits(stamp: bytes, key: str) -> str:
    """The figures of a stamp of the signing system (a number, a day stamped into a blank of
    the text), given as a one-page PDF of the stamp alone; ``key`` names it for the cache.
    "" when OCR cannot run or reads nothing."""
    if unavailable():
        return ""
    import pytesseract

    cache_key = _key(key, 0, "stamp-eng")
    cached = _cache_get(cache_key)
    if cached is not None:
        return cached
    image = _without_ink(_render(stamp, 0, 600, pictures=True))
    try:
        text = pytesseract.image_to_string(
            image, lang=_figures_lang(), timeout=30,
            config="--psm 7 -c tessedit_char_whitelist=0123456789")
    except (RuntimeError, pytesseract.TesseractError):
        return ""
    text = "".join(text.split())
    _cache_put(cache_key, text)
    return text


def _render(data: bytes, index: int, dpi: int, pictures: bool = False) -> Image.Image:
    """Page ``index`` in colour (so that :func:`_without_ink` can tell coloured ink), with the
    signing system's stamps drawn. Without ``pictures``, a page drawn as text is rendered
    without the pictures laid over it (see :func:`_overlaid_pictures`)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        pdf.init_forms()  # draws the signing system's stamps (form widgets) too
        page = pdf[index]
        if not pictures:
            for picture in _overlaid_pictures(page):
                page.remove_obj(picture)  # from this copy in memory only
        bitmap = page.render(scale=dpi / 72, may_draw_forms=True)
        return bitmap.to_pil()
    finally:
        pdf.close()


_PICTURE_SHARE = 0.5  # a picture covering this share of the page or more is the page (a scan)


def _overlaid_pictures(page) -> list:
    """The pictures of a page drawn as text that are not the page itself: the seal and the
    signature a signing system lays over the signer's title and name, a logo. Left out, the
    text under them reads whole (ink removal can only blank the letters a red seal covers).
    A page of no text, or a picture covering half the page or more, is a scan: kept."""
    import pypdfium2.raw as pdfium_c

    objects = list(page.get_objects(max_depth=1))
    if not any(o.type == pdfium_c.FPDF_PAGEOBJ_TEXT for o in objects):
        return []
    width, height = page.get_size()
    found = []
    for o in objects:
        if o.type != pdfium_c.FPDF_PAGEOBJ_IMAGE:
            continue
        left, bottom, right, top = o.get_bounds()
        if (right - left) * (top - bottom) < _PICTURE_SHARE * width * height:
            found.append(o)
    return found


# --------------------------------------------------------------------------- cache


def _key(digest: str, index: int, what: str) -> str:
    import pytesseract

    engine = _version(pytesseract.pytesseract.tesseract_cmd)
    layout = (f"{COLUMN}/{_GAP_POINTS}/ink-{_INK}-{_PAPER}-colour/no-pictures-{_PICTURE_SHARE}"
              "/blanks-eng/specks")
    return hashlib.sha256(f"{digest}/{index}/{what}/{DPI}/{LANG}/{engine}/{layout}".encode()
                          ).hexdigest()


def _cache_dir() -> Path | None:
    """``$CANCU_OCR_CACHE``, else the ``ocr`` folder of the project's cache (ingest.cache);
    None when caching is off."""
    from ingest import cache

    found = os.environ.get("CANCU_OCR_CACHE")
    return Path(found) if found else cache.folder("ocr")


def _cache_get(key: str) -> str | None:
    folder = _cache_dir()
    if folder is None:
        return None
    try:
        return (folder / f"{key}.txt").read_text(encoding="utf-8")
    except OSError:
        return None


def _cache_put(key: str, text: str) -> None:
    folder = _cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{key}.{os.getpid()}.tmp"
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(folder / f"{key}.txt")  # whole or not at all
    except OSError:
        pass  # a read-only home: OCR again next time
