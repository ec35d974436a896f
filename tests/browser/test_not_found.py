"""The output's 404 page in a real browser, as a static host shows it for any missing address.

Without site_url its links are relative to the output's root, which a small script finds: from a
role id in the address, else by asking the server which folder holds 404.html. Served at a
domain root and under a sub-path (GitHub Pages project sites), every link must lead to a real page.
"""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from generator.cli import main
from tests.hosting import hosted

CROSSLINKS = Path(__file__).resolve().parent.parent / "projects" / "crosslinks"


@pytest.fixture(scope="module")
def bare_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("not-found") / "site"
    assert main(["build", str(CROSSLINKS), "-o", str(out), "-q"]) == 0
    return out


@pytest.fixture(params=["/", "/repo/"])
def host(request: pytest.FixtureRequest, bare_site: Path) -> Iterator[str]:
    with hosted(bare_site, request.param) as base:
        yield base


def links_once_settled(browser, url: str, base: str) -> list[str]:  # type: ignore[no-untyped-def]
    from selenium.webdriver.support.ui import WebDriverWait

    browser.requests(), browser.console_errors()  # forget what earlier tests left in the logs
    browser.driver.get(url)
    browser.wait_ready()
    assert browser.driver.title.startswith("Page not found")
    read = "return Array.from(document.querySelectorAll('main a')).map(a => a.href)"
    WebDriverWait(browser.driver, 10).until(lambda d: all(h.startswith(base) for h in d.execute_script(read)))
    return browser.js(read)  # type: ignore[return-value]


@pytest.mark.parametrize("missing", ["alpha/workflows/no-such-workflow/", "no-such-folder/deeper/page.html", "typo"])
def test_404_links_lead_to_the_portal_and_role_sites(browser, host: str, missing: str) -> None:  # type: ignore[no-untyped-def]
    links = links_once_settled(browser, host + missing, host)
    assert links == [host, host + "alpha/", host + "beta/"]
    for link in links:
        with urllib.request.urlopen(link) as response:
            assert response.status == 200
    # The page itself, and the script's probes for 404.html, answer 404: nothing else may fail.
    assert [e for e in browser.console_errors() if "404" not in e] == []
    here = urlparse(host).netloc
    assert [u for u in browser.requests() if urlparse(u).scheme in ("http", "https") and urlparse(u).netloc != here] == []


def test_404_page_is_accessible(browser, host: str) -> None:  # type: ignore[no-untyped-def]
    links_once_settled(browser, host + "alpha/nope/", host)
    assert browser.axe() == []
