"""The HTML pages: Vietnamese, server-rendered, every answer linked to its source span."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from cancu.paths import PLANS
from tests.test_web_support import make_app, plan_id

HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def client() -> FlaskClient:
    return make_app().test_client()


def page(client: FlaskClient, url: str) -> str:
    resp = client.get(url, headers=HTML)
    assert resp.status_code == 200, (url, resp.status_code)
    assert resp.mimetype == "text/html"
    return resp.get_data(as_text=True)


def test_home_has_a_search_box_and_the_plans(client: FlaskClient) -> None:
    html = page(client, "/")
    assert '<html lang="vi">' in html and 'name="q"' in html
    assert "/plans/hue/uy-ban-nhan-dan-thanh-pho/232-kh-ubnd-2026" in html
    # usable without JavaScript: scripts only enhance, and none is inline (the CSP forbids it)
    assert all(" src=" in tag for tag in re.findall(r"<script[^>]*>", html))


def test_search_without_diacritics_finds_bodies_and_tasks(client: FlaskClient) -> None:
    html = page(client, "/search?q=thanh+tra+tinh")
    assert 'href="/bodies/tay-ninh/thanh-tra-tinh"' in html
    assert "#task-" in html


def test_body_page_lists_duties_by_plan_with_links_to_spans(client: FlaskClient) -> None:
    html = page(client, "/bodies/quang-ngai/so-noi-vu/thanh-tra-so")
    assert "Thanh tra Sở" in html and "Kế hoạch của Sở Nội vụ tỉnh Quảng Ngãi năm 2023" in html
    assert ".txt" not in html  # plans by their names, never their files
    links = re.findall(r'class="duty-link" href="([^"]+)"', html)
    assert len(links) >= 6  # its own six, and those of the groups it belongs to
    quang_ngai = plan_id("quang-ngai-snv-pctn-2023.txt")
    assert all(link.startswith(f"/plans/{quang_ngai}#task-") for link in links)
    assert "chủ trì" in html and "thực hiện" in html


def test_plan_page_highlights_each_task_span_and_links_citations(client: FlaskClient) -> None:
    html = page(client, f"/plans/{plan_id('quang-ngai-snv-pctn-2023.txt')}")
    marks = re.findall(r'<mark id="(task-[^"]+)"', html)
    assert len(marks) == 27 and len(set(marks)) == 27
    body = page(client, "/bodies/quang-ngai/so-noi-vu/thanh-tra-so")
    for link in re.findall(r'class="duty-link" href="[^#]+#([^"]+)"', body):
        assert link in marks
    assert re.search(r'<a class="cite" id="cite-\d+" href="/documents/luat/36-2018-qh14', html)
    # the marked words are the plan's own words
    text = (PLANS / "quang-ngai-snv-pctn-2023.txt").read_text(encoding="utf-8")
    first = re.search(r'<mark id="task-[^"]+"[^>]*><a class="task-ref"[^>]*>[^<]*</a> ([^<]{20})',
                      html)  # fmt: skip
    assert first and first.group(1).replace("&#34;", '"') in text


def test_plan_page_shows_the_file_with_markdown_marks_dimmed(client: FlaskClient) -> None:
    html = page(client, f"/plans/{plan_id('tinh-cai-thien-chi-so-pctn-2026.txt')}")
    assert '<span class="md">**</span>Thời gian:<span class="md">**</span>' in html
    qn = page(client, f"/plans/{plan_id('quang-ngai-snv-pctn-2023.txt')}")
    assert '<span class="md">*</span>Đơn vị thực hiện' in qn  # single-star emphasis too
    source = re.search(r'<pre class="source"[^>]*>(.*?)</pre>', html, re.S)
    assert source
    shown = re.sub(r"<[^>]+>", "", source.group(1))
    shown = shown.replace("&#34;", '"').replace("&#39;", "'").replace("&lt;", "<")
    shown = re.sub(r"\[[^\]]*\] ", "", shown.replace("&gt;", ">").replace("&amp;", "&"))
    text = (PLANS / "tinh-cai-thien-chi-so-pctn-2026.txt").read_text(encoding="utf-8-sig")
    assert "- **Thời gian:** thường xuyên." in shown and shown.strip() in text.strip()


def test_document_page_has_articles_and_tasks_resting_on_them(client: FlaskClient) -> None:
    html = page(client, "/documents/luat/36-2018-qh14")
    assert 'id="dieu-10"' in html and "Nội dung công khai, minh bạch" in html
    section = html.split('id="dieu-10"', 1)[1].split("</section>", 1)[0]
    assert "Nhiệm vụ dựa trên điều này" in section and "#task-" in section


def test_article_redirects_to_its_place_in_the_document(client: FlaskClient) -> None:
    resp = client.get("/articles/luat/36-2018-qh14/dieu-10")
    assert resp.status_code == 302
    assert resp.headers["Location"].endswith("/documents/luat/36-2018-qh14#dieu-10")


def test_lists_and_errors_are_html(client: FlaskClient) -> None:
    for url in ("/bodies", "/plans", "/documents"):
        page(client, url)
    resp = client.get("/bodies/nowhere/nobody", headers=HTML)
    assert resp.status_code == 404 and "Không tìm thấy" in resp.get_data(as_text=True)
    assert "Traceback" not in resp.get_data(as_text=True)
