"""A real headless Chromium against the built sample, served on localhost.

Browser tests need Debian's chromium and chromium-driver and axe-core from npm
(tests/setup.sh installs all three). Where they are missing the tests are
skipped, except in CI, where a missing browser is a failure.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.hosting import serving

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"


def _require_browser() -> None:
    missing = [p for p in (CHROMIUM, CHROMEDRIVER, str(AXE)) if not Path(p).exists()]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("selenium")
    if missing:
        message = f"browser tests need {', '.join(missing)}: run tests/setup.sh"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def _serve(folder: Path) -> Iterator[str]:
    with serving(folder) as url:
        yield url


@pytest.fixture(scope="session")
def server(sample_site: Path) -> Iterator[str]:
    yield from _serve(sample_site)


@pytest.fixture(scope="session")
def zensical_server(zensical_site: Path) -> Iterator[str]:
    """The sample built by the Zensical engine, on its own port (so its own browser storage)."""
    yield from _serve(zensical_site)


class Browser:
    """A thin wrapper: open pages, read console errors and every request the page made."""

    def __init__(self, driver, base: str, engine: str = "mkdocs") -> None:  # type: ignore[no-untyped-def]
        self.driver = driver
        self.base = base
        self.engine = engine  # the engine that built the site served at `base`

    def open(self, path: str, width: int = 1280, height: int = 900, scheme: str = "light") -> None:
        self.driver.set_window_size(width, height)
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
        self.driver.get(self.base + path)
        self.wait_ready()
        # Material remembers the colour scheme of the first visit; forget it so the emulated one applies.
        if self.driver.execute_script(
            "const keys = Object.keys(localStorage).filter(k => k.endsWith('__palette'));"
            "keys.forEach(k => localStorage.removeItem(k)); return keys.length"
        ):
            self.driver.get(self.base + path)
            self.wait_ready()

    def wait_ready(self) -> None:
        from selenium.webdriver.support.ui import WebDriverWait

        WebDriverWait(self.driver, 20).until(lambda d: d.execute_script("return document.readyState") == "complete")

    def js(self, script: str, *args: object) -> object:
        return self.driver.execute_script(script, *args)

    def console_errors(self) -> list[str]:
        return [e["message"] for e in self.driver.get_log("browser") if e["level"] in ("SEVERE",)]

    def requests(self) -> list[str]:
        return requested_urls(self.driver)

    def foreign_requests(self) -> list[str]:
        local = urlparse(self.base).netloc
        return [u for u in self.requests() if urlparse(u).scheme in ("http", "https", "ws", "wss") and urlparse(u).netloc != local]

    def axe(self) -> list[dict]:
        self.driver.execute_script(AXE.read_text(encoding="utf-8"))
        result = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations)).catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));"
        )
        return [v for v in result if v["impact"] in ("serious", "critical")]

    def diagram_text(self) -> str:
        """Text drawn in the page's diagrams: journeys draws its own into the page; Material
        draws designers' Mermaid blocks in a closed shadow root, which only the DevTools protocol reads."""
        root = self.driver.execute_cdp_cmd("DOM.getDocument", {"depth": -1, "pierce": True})["root"]
        texts: list[str] = []

        def walk(node: dict, inside: bool) -> None:
            attrs = node.get("attributes", [])
            classes = attrs[attrs.index("class") + 1].split() if "class" in attrs else []
            inside = inside or "mermaid" in classes
            if inside and node.get("nodeType") == 3 and node.get("nodeValue", "").strip():
                texts.append(node["nodeValue"].strip())
            for child in node.get("children", []) + node.get("shadowRoots", []):
                walk(child, inside and node.get("nodeName") != "STYLE")

        walk(root, False)
        return " ".join(texts)

    def clear_storage(self) -> None:
        self.driver.execute_script("localStorage.clear()")


@pytest.fixture
def browser(request: pytest.FixtureRequest, chromium) -> Browser:  # type: ignore[no-untyped-def]
    """The browser on the sample built by MkDocs; `@pytest.mark.parametrize("browser", ENGINES, indirect=True)`
    runs a test on each engine's build instead (one Chromium for all)."""
    engine = getattr(request, "param", "mkdocs")
    base = request.getfixturevalue("server" if engine == "mkdocs" else f"{engine}_server")
    # Each test reads only its own console messages and requests, not an earlier test's (a 404 page, say).
    chromium.get_log("browser")
    chromium.get_log("performance")
    return Browser(chromium, base, engine)


def start_chromium(profile: Path):  # type: ignore[no-untyped-def]
    """Headless Debian Chromium as these tests use it: no network of its own, console and network logged."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", f"--user-data-dir={profile}",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_script_timeout(60)
    return driver


def requested_urls(driver) -> list[str]:  # type: ignore[no-untyped-def]
    """Every URL the browser requested since the performance log was last read."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


@pytest.fixture(scope="session")
def chromium(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    _require_browser()
    driver = start_chromium(tmp_path_factory.mktemp("chromium"))
    try:
        yield driver
    finally:
        driver.quit()
