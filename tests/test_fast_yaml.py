"""The libyaml fast path of the YAML reader gives exactly what the pure-Python composer gives: the same
nodes, positions, raw texts and error messages; deep documents never reach libyaml (it crashes on them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.load import yaml_reader

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(yaml_reader._CLoader is None, reason="PyYAML without libyaml")

TRICKY = {
    "unicode": "title: Ünïcødé “quotes” 😀 here\nsummary: >\n  folded ✓\n  text\nsteps:\n  - do: 'it''s'\n    why: \"tab\\there\"\n",
    "block scalars": "a: |\n  one\n   two\nb: |-\n  x\nc: >+\n  y\n\nd: plain\n  continued\n",
    "flow": "a: [x, {b: c, d: [e, f]}, 'g']\nh: {i: j}\n",
    "anchors": "a: &x {b: 1}\nc: *x\n",
    "duplicate key": "a: 1\nb: 2\na: 3\n",
    "merge key": "a: &x {b: 1}\nc:\n  <<: *x\n",
    "complex key": "? [a]\n: b\n",
    "tab": "a:\n\tb: 1\n",
    "colon": "a: b: c\n",
    "unclosed quote": "a: 'open\nb: c\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "control char": "a: b\x07\n",
    "empty": "",
    "comment only": "# nothing\n",
    "compact sequences": "- - - - a\n  - b\n",
    "64 deep": "".join(" " * i + "a:\n" for i in range(63)) + " " * 63 + "a: b\n",
    "65 deep": "".join(" " * i + "a:\n" for i in range(65)) + " " * 65 + "a: b\n",
    "66 deep flow": "[" * 66 + "]" * 66 + "\n",
}


def _both(text: str) -> tuple[object, object]:
    fast = yaml_reader.parse_yaml("x.yml", text)
    saved = yaml_reader._CLoader
    yaml_reader._CLoader = None
    try:
        slow = yaml_reader.parse_yaml("x.yml", text)
    finally:
        yaml_reader._CLoader = saved
    return fast, slow


def _project_yaml() -> list[Path]:
    return sorted([*REPO.glob("journeys.yml"), *REPO.glob("content/**/*.yml"), *(REPO / "tests" / "projects").rglob("*.yml")])


@pytest.mark.parametrize("path", _project_yaml(), ids=lambda p: p.relative_to(REPO).as_posix())
def test_every_project_file_reads_the_same(path: Path) -> None:
    fast, slow = _both(path.read_text(encoding="utf-8-sig"))
    assert fast == slow


@pytest.mark.parametrize("name", list(TRICKY))
def test_tricky_input_reads_the_same(name: str) -> None:
    fast, slow = _both(TRICKY[name])
    assert fast == slow


def test_the_fast_path_is_taken_for_ordinary_files() -> None:
    assert yaml_reader._compose_fast((REPO / "content" / "workflows" / "forecast-review.yml").read_text(encoding="utf-8")) is not False


@pytest.mark.parametrize("text", [
    "[" * 50_000 + "]" * 50_000 + "\n",
    "{a: " * 50_000 + "}" * 50_000 + "\n",
    "".join(" " * i + "a:\n" for i in range(3_000)),
    "- " * 50_000 + "a\n",
], ids=["flow sequences", "flow mappings", "block mappings", "compact sequences"])
def test_deep_documents_never_reach_libyaml(text: str) -> None:
    assert yaml_reader._surely_shallow(text) is False
    root, problems = yaml_reader.parse_yaml("x.yml", text)
    assert root is None and len(problems) == 1 and problems[0].pos.file == "x.yml"
