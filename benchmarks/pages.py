"""Page benchmark: every page kind through Lighthouse's mobile and desktop profiles, as a phone sees it.

    npm install --prefix benchmarks --no-audit --no-fund     # once: Lighthouse, pinned in benchmarks/package.json
    python benchmarks/pages.py                  # the bundled sample
    python benchmarks/pages.py --scale 4        # the 4x synthetic benchmark project (longer pages)
    python benchmarks/pages.py --only review    # page kinds whose name contains a word

Builds the project into a temporary folder (What's new with `--changes-since`,
when the repository has a REF where the project was valid), serves it on
127.0.0.1 compressed with gzip as GitHub Pages does, runs Lighthouse (headless
Chromium, /usr/bin/chromium or $CHROME_PATH) on each page kind with its mobile
profile (a mid-range phone on slow 4G, simulated) and its desktop profile, and
prints the four scores and the core metrics per page kind. Nothing is asserted:
scores are measurements, compared on one machine.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LIGHTHOUSE = ROOT / "benchmarks" / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --disable-dev-shm-usage"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = (("largest-contentful-paint", "LCP s", 1000), ("cumulative-layout-shift", "CLS", 1), ("total-blocking-time", "TBT ms", 1), ("first-contentful-paint", "FCP s", 1000))
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".ics")


class _Gzip(http.server.SimpleHTTPRequestHandler):
    """A static host like GitHub Pages: text compressed with gzip when the browser accepts it."""

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's URL
            path = path / "index.html"
        if path.suffix not in COMPRESSIBLE or "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = lambda *a, **k: _Gzip(*a, directory=str(folder), **k)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def _journeys(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "generator", *map(str, args)], capture_output=True, text=True, env=env, cwd=ROOT)


def build(project: Path, out: Path) -> None:
    """Build with What's new when some earlier commit of the repository holds a valid project."""
    for ref in ("HEAD~3", "HEAD~10", "HEAD~30"):
        if _journeys("build", project, "-o", out, "-q", "--changes-since", ref).returncode == 0:
            return
    done = _journeys("build", project, "-o", out, "-q")
    if done.returncode != 0:
        raise SystemExit(done.stderr)


def page_kinds(out: Path) -> dict[str, str]:
    """One page of each kind, as a path under OUT."""
    role = next(p.name for p in sorted(out.iterdir()) if (p / "workflows").is_dir() and (p / "index.html").is_file())
    workflow = next(p.name for p in sorted((out / role / "workflows").iterdir()) if p.is_dir())
    kinds = {
        "portal": "", "role home": f"{role}/", "workflow": f"{role}/workflows/{workflow}/", "impact": f"{role}/impact/",
        "review": f"{role}/review/", "outcomes": f"{role}/outcomes/", "handout": f"{role}/handout/",
        "what's new": f"{role}/whats-new/", "map": "map.html", "adoption": "adoption.html",
    }
    translated = next((p.name for p in sorted(out.iterdir()) if len(p.name) == 2 and (p / "index.html").is_file()), None)
    if translated:
        kinds["translated workflow"] = f"{translated}/{role}/workflows/{workflow}/"
    return {k: v for k, v in kinds.items() if (out / v / ("index.html" if v.endswith("/") or not v else "")).is_file()}


def lighthouse(url: str, desktop: bool, report: Path) -> dict[str, float]:
    cmd = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}", f"--chrome-flags={CHROME_FLAGS}",
           f"--only-categories={','.join(CATEGORIES)}", "--max-wait-for-load=60000"]
    if desktop:
        cmd.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", shutil.which("chromium") or "/usr/bin/chromium")}
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    if done.returncode != 0 or not report.is_file():
        raise RuntimeError(f"lighthouse failed on {url}: {done.stderr[-2000:]}")
    data = json.loads(report.read_text(encoding="utf-8"))
    row = {c: round((data["categories"][c]["score"] or 0) * 100) for c in CATEGORIES}
    for audit, name, scale in METRICS:
        row[name] = data["audits"][audit]["numericValue"] / scale
    return row


def table(rows: list[tuple[str, str, dict[str, float]]]) -> str:
    head = f"{'page':<20} {'profile':<8} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5} {'LCP s':>6} {'CLS':>6} {'TBT ms':>7} {'FCP s':>6}"
    lines = [head]
    for kind, profile, r in rows:
        lines.append(f"{kind:<20} {profile:<8} {r['performance']:>5} {r['accessibility']:>5} {r['best-practices']:>5} {r['seo']:>5} "
                     f"{r['LCP s']:>6.2f} {r['CLS']:>6.3f} {r['TBT ms']:>7.0f} {r['FCP s']:>6.2f}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=0, help="a synthetic benchmark project of this scale instead of the sample")
    parser.add_argument("--only", default="", help="page kinds whose name contains this word")
    parser.add_argument("--profiles", nargs="+", default=["mobile", "desktop"], choices=["mobile", "desktop"])
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is not installed: npm install --prefix benchmarks --no-audit --no-fund")
    with tempfile.TemporaryDirectory(prefix="journeys-pages-") as tmp:
        project = ROOT
        if args.scale:
            from benchmarks import synthetic

            project = synthetic.make_project(Path(tmp) / "project", args.scale)
        out = Path(tmp) / "out"
        build(project, out)
        server, base = serve(out)
        rows = []
        try:
            for kind, path in page_kinds(out).items():
                if args.only and args.only not in kind:
                    continue
                for profile in args.profiles:
                    result = lighthouse(base + path, profile == "desktop", Path(tmp) / "report.json")
                    rows.append((kind, profile, result))
                    print(f"  {kind} {profile}: {result['performance']} performance", file=sys.stderr, flush=True)
        finally:
            server.shutdown()
    print(table(rows))


if __name__ == "__main__":
    main()
