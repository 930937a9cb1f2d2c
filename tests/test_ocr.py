"""PDF pages that only OCR reads right: a text layer from fonts without a Unicode map, a scan,
the signing system's stamps in the blanks; and the refusal where OCR is not installed.

The fixtures are made by ``fixtures/plans/make_ocr_pdfs.py`` from one invented plan. Tests that
run the OCR engine skip where Tesseract with its Vietnamese data is not installed (``make``
and ``.ci/run`` install it where they may); they read into a cache of their own, so that the
engine really runs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ingest import ocr
from ingest.extract import extract_file
from ingest.read import ReadError, decode_file

FIXTURES = Path(__file__).parent / "fixtures" / "plans"
BROKEN = FIXTURES / "lang-son-41-broken-font.pdf"
SCAN = FIXTURES / "lang-son-41-scan.pdf"
STAMPED = FIXTURES / "lang-son-41-stamped.pdf"
SEALED = FIXTURES / "lang-son-41-sealed.pdf"
SEALED_SCAN = FIXTURES / "lang-son-41-sealed-scan.pdf"

needs_ocr = pytest.mark.skipif(ocr.unavailable() is not None,
                               reason=f"OCR not available: {ocr.unavailable()}")


@pytest.fixture(scope="module", autouse=True)
def _own_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    old = os.environ.get("CANCU_OCR_CACHE")
    os.environ["CANCU_OCR_CACHE"] = str(tmp_path_factory.mktemp("ocr-cache"))
    yield
    if old is None:
        os.environ.pop("CANCU_OCR_CACHE", None)
    else:
        os.environ["CANCU_OCR_CACHE"] = old


def test_the_broken_text_layer_is_what_the_fixture_claims() -> None:
    from pypdf import PdfReader

    from ingest.quality import assess

    layer = PdfReader(BROKEN).pages[0].extract_text()
    assert "KẾ HOẠCH" not in layer and not assess(layer).readable


@pytest.mark.parametrize("path", [BROKEN, SCAN], ids=["broken font", "scan"])
def test_without_ocr_such_a_pdf_is_refused_saying_what_to_install(
        path: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract on it
    reason = ocr.unavailable()
    assert reason is not None and "tesseract-ocr-vie" in reason
    why = "Unicode map" if path is BROKEN else "no text layer"
    with pytest.raises(ReadError, match=rf"{path.name}: page 1 of 1 has .*{why}.*OCR cannot "
                                        r"read .*apt-get install tesseract-ocr tesseract-ocr-vie"):
        decode_file(path)


def test_ocr_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CANCU_OCR", "off")
    assert "CANCU_OCR=off" in (ocr.unavailable() or "")
    with pytest.raises(ReadError, match="CANCU_OCR=off"):
        decode_file(SCAN)


@needs_ocr
@pytest.mark.parametrize("path", [BROKEN, SCAN], ids=["broken font", "scan"])
def test_ocr_reads_the_plan_as_a_reader_sees_it(path: Path) -> None:
    found = decode_file(path)
    assert found.text_source == "ocr" and found.notes[0].startswith("page 1 was read by OCR")
    record = extract_file(path)
    doc = record.document
    assert (doc.number, doc.date, doc.type) == ("41/KH-UBND", "2025-04-08", "Kế hoạch")
    assert doc.issuer == "Ủy ban nhân dân tỉnh Lạng Sơn"
    assert doc.signer == "Hoàng Văn Minh"
    assert record.text_source == "ocr" and record.to_dict()["text_source"] == "ocr"
    assert any("OCR" in w for w in record.warnings)
    first = record.tasks[0]
    assert first.text.startswith("Sở Công Thương chủ trì, phối hợp với Công an tỉnh kiểm tra")
    assert {(b.name, b.role) for b in first.bodies} == {("Sở Công Thương", "lead"),
                                                       ("Công an tỉnh", "support")}
    assert first.timeframe.due == "2025-09-30"
    source = decode_file(path).text  # the same text again (from the cache): spans hold
    assert source[first.span.start:first.span.end].endswith(first.text[-15:])


@needs_ocr
def test_stamped_figures_go_into_their_blanks() -> None:
    found = decode_file(STAMPED)
    assert "Số: 41 /KH-UBND" in found.text and "ngày 08 tháng 4 năm 2025" in found.text
    assert found.text_source == "ocr" and "41, 08" in found.notes[0]
    doc = extract_file(STAMPED).document
    assert (doc.number, doc.date) == ("41/KH-UBND", "2025-04-08")


def test_a_seal_and_a_signature_laid_over_the_text_are_left_out_of_the_page() -> None:
    """The signed page's seal and signature are pictures over the text, and are not drawn
    for OCR; a scan is one picture, the page itself, and is drawn whole."""
    import pypdfium2 as pdfium

    for path, pictures in ((SEALED, 2), (SCAN, 0), (BROKEN, 0)):
        pdf = pdfium.PdfDocument(path)
        assert len(ocr._overlaid_pictures(pdf[0])) == pictures, path.name
        pdf.close()


@needs_ocr
def test_the_signer_under_a_seal_is_read() -> None:
    """The seal covers the top of the name: left out, the name reads whole; ink removal alone
    would have blanked the letters under the red ring ("Hoang")."""
    record = extract_file(SEALED)
    doc = record.document
    assert (doc.number, doc.date, doc.signer) == ("41/KH-UBND", "2025-04-08", "Hoàng Văn Minh")
    assert record.text_source == "ocr"
    assert record.tasks[0].text.startswith("Sở Công Thương chủ trì, phối hợp với Công an tỉnh")


@needs_ocr
def test_a_scan_in_colour_is_read_with_its_seal_and_signature_taken_out() -> None:
    """In a scan the seal and the signature are the scan's own ink: coloured pixels go white,
    so the signing titles and the name read (the letters the seal covered may be lost:
    the record warns to check names against the file). Read in grey, no signer is seen."""
    record = extract_file(SEALED_SCAN)
    doc = record.document
    assert (doc.number, doc.date) == ("41/KH-UBND", "2025-04-08")
    assert doc.issuer == "Ủy ban nhân dân tỉnh Lạng Sơn"
    assert doc.signer is not None and doc.signer.endswith("Văn Minh")
    assert any("check figures and names" in w for w in record.warnings)
    assert record.tasks[0].timeframe.due == "2025-09-30"


def test_without_ocr_stamped_blanks_stay_blank_and_the_rest_is_read(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CANCU_OCR", "off")
    record = extract_file(STAMPED)
    assert record.text_source == "text"
    assert (record.document.number, record.document.date) == (None, None)
    assert record.document.title.startswith("Kiểm tra công tác phòng cháy")
    assert record.tasks[0].text.startswith("Sở Công Thương chủ trì")
    # the blanks a reader of the file sees figures in are said to be unread, and why
    assert len(record.warnings) == 1
    assert "could not be read, so its number and date may be missing" in record.warnings[0]
    assert "CANCU_OCR=off" in record.warnings[0]


def test_the_command_line_prints_what_a_record_warns_of(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from cancu.cli import main

    monkeypatch.setenv("CANCU_OCR", "off")
    assert main(["extract", str(STAMPED), "-o", str(tmp_path / "out.json")]) == 0
    err = capsys.readouterr().err
    assert f"{STAMPED.name}: 2 figures stamped by the signing system" in err


def test_a_pdf_with_no_stamps_warns_of_nothing_without_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CANCU_OCR", "off")
    assert extract_file(FIXTURES / "phu-yen-88-kh-ubnd-2024.pdf").warnings == []


@needs_ocr
def test_an_ocr_plan_is_stored_and_its_page_says_it_was_read_by_ocr(tmp_path: Path) -> None:
    from graph_api.app import create_app
    from graph_api.pipeline import ingest_paths
    from graph_api.store import open_store

    store = open_store(":memory:")
    report = ingest_paths(store, [SCAN, STAMPED.with_name("phu-yen-88-kh-ubnd-2024.pdf")],
                          reasoner="none", progress=False)
    assert report.ok, (report.failed, report.refused)
    client = create_app({"CANCU_STORE_OBJECT": store, "TESTING": True}).test_client()
    plans = {p["source"]: p["id"] for p in client.get("/api/plans").get_json()["items"]}
    html = client.get(f"/plans/{plans[SCAN.name]}", headers={"Accept": "text/html"})
    html = html.get_data(as_text=True)
    assert "chữ đọc bằng OCR" in html
    assert html.count('<mark id="task-') == len(extract_file(SCAN).tasks) > 0
    other = client.get(f"/plans/{plans['phu-yen-88-kh-ubnd-2024.pdf']}",
                       headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "chữ đọc bằng OCR" not in other and "lớp chữ của tệp" in other
