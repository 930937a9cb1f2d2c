"""The legal-staff flow in headless Chromium (Playwright): search, body, duty, highlighted span;
and the explorer drawing its network. Screenshots go to the test's tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_web_support import make_app, plan_id, served

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="needs Debian's Chromium at /usr/bin/chromium "
                              "(apt-get install -y chromium)"),
]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]  # fmt: skip


def test_legal_staff_flow_and_explorer(tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    with served(make_app()) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        outside: list[str] = []
        page.on("request", lambda r: None if r.url.startswith(base) else outside.append(r.url))
        refused: list[str] = []  # what the app's Content-Security-Policy blocked
        page.on("console", lambda m: refused.append(m.text)
                if "Content Security Policy" in m.text else None)  # fmt: skip
        try:
            page.goto(base + "/")
            page.fill("#q", "thanh tra")
            page.click(".big-search button")
            expect(page.locator("h1")).to_contain_text("thanh tra")
            page.screenshot(path=str(tmp_path / "1-search.png"), full_page=False)

            page.click('a.body-link[href="/bodies/quang-ngai/so-noi-vu/thanh-tra-so"]')
            expect(page.locator("h1")).to_have_text("Thanh tra Sở")
            page.screenshot(path=str(tmp_path / "2-body.png"), full_page=False)

            duty = page.locator("a.duty-link").first
            anchor = duty.get_attribute("href").split("#", 1)[1]  # type: ignore[union-attr]
            duty.click()
            page.wait_for_url(f"**/plans/{plan_id('quang-ngai-snv-pctn-2023.txt')}#{anchor}")
            mark = page.locator(f"mark#{anchor}")
            expect(mark).to_be_visible()
            expect(mark).to_be_in_viewport()
            colour = mark.evaluate("m => getComputedStyle(m).backgroundColor")
            assert colour == "rgb(255, 213, 74)"  # the :target highlight
            page.screenshot(path=str(tmp_path / "3-plan-span.png"), full_page=False)

            page.goto(base + "/graph")
            page.wait_for_selector("#network canvas")
            page.wait_for_function("window.cancuNetwork && window.cancuNetwork.nodes.length > 0")
            count = page.evaluate("window.cancuNetwork.nodes.length")
            drawn = page.evaluate(
                "Object.keys(window.cancuNetwork.network.getPositions()).length")
            assert count > 50 and drawn == count
            page.wait_for_timeout(1500)
            page.screenshot(path=str(tmp_path / "4-graph.png"), full_page=False)
        finally:
            browser.close()
        assert outside == [], f"the pages asked for outside resources: {outside}"
        assert refused == [], f"the CSP blocked: {refused}"
