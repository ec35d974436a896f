"""Unit tests of generator/load: YAML into position-carrying nodes, and reading project files safely.

Positions are 1-based (line, column) and were read off the YAML written here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import Pos
from generator.load import load_project
from generator.load.nodes import Mapping, Scalar, Sequence
from generator.load.yaml_reader import parse_yaml

F = "x.yml"


def parse_ok(text: str):
    root, problems = parse_yaml(F, text)
    assert problems == []
    return root


def at(node) -> tuple[int, int]:
    return (node.pos.line, node.pos.col)


# --- positions ---------------------------------------------------------------

DOC = """\
title: Log a call
tasks:
  - id: open-account
    steps: [Search, "Log it"]
    done_when: |
      The call shows
        on the timeline
"""


def test_positions_of_keys_and_values() -> None:
    root = parse_ok(DOC)
    assert isinstance(root, Mapping) and at(root) == (1, 1)
    assert [(k.text, at(k)) for k, _ in root.entries] == [("title", (1, 1)), ("tasks", (2, 1))]
    assert at(root.get("title")) == (1, 8)
    tasks = root.get("tasks")
    assert isinstance(tasks, Sequence) and at(tasks) == (3, 3)
    task = tasks.items[0]
    assert isinstance(task, Mapping) and at(task) == (3, 5)
    assert at(task.key("id")) == (3, 5) and at(task.get("id")) == (3, 9)
    steps = task.get("steps")
    assert at(task.key("steps")) == (4, 5) and at(steps) == (4, 12)
    assert [(s.text, s.style, at(s)) for s in steps] == [("Search", None, (4, 13)), ("Log it", '"', (4, 21))]
    done = task.get("done_when")
    assert at(task.key("done_when")) == (5, 5)
    assert done.style == "|" and done.text == "The call shows\n  on the timeline\n"


def test_locate_points_into_the_source() -> None:
    root = parse_ok(DOC)
    task = root.get("tasks").items[0]
    plain = root.get("title")
    assert plain.locate(plain.text.index("call")) == Pos(F, 1, 14)
    quoted = task.get("steps").items[1]
    assert quoted.locate(quoted.text.index("it")) == Pos(F, 4, 26)
    block = task.get("done_when")
    assert block.locate(block.text.index("call")) == Pos(F, 6, 11)
    assert block.locate(block.text.index("timeline")) == Pos(F, 7, 16)


def test_positions_survive_crlf_and_bom(tmp_path: Path) -> None:
    (tmp_path / "journeys.yml").write_bytes(b"\xef\xbb\xbftitle: Academy\r\ntool: Acme CRM\r\n")
    raw = load_project(tmp_path)
    assert [d for d in raw.diagnostics if d.pos.file == "journeys.yml"] == []
    root = raw.config.root
    assert root.get("title").text == "Academy"
    assert at(root.key("title")) == (1, 1) and at(root.get("tool")) == (2, 7)


def test_bom_in_text_is_accepted() -> None:
    root = parse_ok("\ufefftitle: Academy\n")
    assert root.keys() == ["title"] and at(root.key("title")) == (1, 1)


# --- duplicate keys ----------------------------------------------------------


def test_duplicate_key_reported_at_the_second_key() -> None:
    root, problems = parse_yaml(F, "title: A\nsummary: S\ntitle: B\n")
    assert [(d.pos, d.message) for d in problems] == [(Pos(F, 3, 1), "duplicate key 'title' (first given at line 1)")]
    assert root.get("title").text == "A"  # the first one stands; checking goes on
    assert root.keys() == ["title", "summary"]


def test_duplicate_keys_nested_and_repeated() -> None:
    text = "tasks:\n  - id: a\n    title: T\n    id: b\n    id: c\n"
    _, problems = parse_yaml(F, text)
    assert [str(d) for d in problems] == [
        "x.yml:4:5: error: duplicate key 'id' (first given at line 2)",
        "x.yml:5:5: error: duplicate key 'id' (first given at line 2)",
    ]


def test_same_key_in_sibling_mappings_is_not_a_duplicate() -> None:
    parse_ok("tasks:\n  - id: a\n  - id: b\n")


# --- text is kept verbatim ---------------------------------------------------


@pytest.mark.parametrize("written", ["No", "yes", "on", "Off", "2024-01-31", "1.10", "1.0", "0x1F", "010", "1e3", ".inf", "true", "12:30"])
def test_scalars_keep_their_text(written: str) -> None:
    value = parse_ok(f"title: {written}\n").get("title")
    assert isinstance(value, Scalar)
    assert value.text == written and not value.is_null and value.kind == "text"


@pytest.mark.parametrize("written", ["~", "null", "Null", "NULL", ""])
def test_null_words_are_null(written: str) -> None:
    value = parse_ok(f"title: {written}\n").get("title")
    assert value.is_null and value.kind == "nothing"


@pytest.mark.parametrize("written", ['"~"', "'null'", '""'])
def test_quoted_null_words_are_text(written: str) -> None:
    value = parse_ok(f"title: {written}\n").get("title")
    assert not value.is_null


def test_keys_are_kept_verbatim_too() -> None:
    assert parse_ok("yes: 1\n2024-01-31: 2\n").keys() == ["yes", "2024-01-31"]


def test_empty_documents() -> None:
    assert parse_yaml(F, "") == (None, [])
    assert parse_yaml(F, "# just a comment\n") == (None, [])


def test_two_documents_refused() -> None:
    root, problems = parse_yaml(F, "title: A\n---\ntitle: B\n")
    assert root is None and len(problems) == 1
    assert at(problems[0]) == (2, 1)


def test_merge_keys_and_complex_keys_refused() -> None:
    _, problems = parse_yaml(F, "base: &b {title: A}\n<<: *b\n[a, b]: c\n")
    assert [(at(d), d.message) for d in problems] == [
        ((2, 1), "merge keys ('<<') are not supported; write the fields out"),
        ((3, 1), "a key must be a plain name, not a list or mapping"),
    ]


# --- hostile input -----------------------------------------------------------

BILLION_LAUGHS = "\n".join(
    [
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        *(f"{n}: &{n} [{','.join(['*' + p] * 9)}]" for p, n in zip("abcdefgh", "bcdefghi")),
    ]
) + "\n"


def test_alias_bomb_refused() -> None:
    root, problems = parse_yaml(F, BILLION_LAUGHS)
    assert root is None and len(problems) == 1
    assert "alias" in problems[0].message and problems[0].pos.file == F


def test_alias_bomb_refused_through_the_loader(tmp_path: Path) -> None:
    (tmp_path / "journeys.yml").write_text(BILLION_LAUGHS, encoding="utf-8")
    raw = load_project(tmp_path)
    assert raw.config.root is None
    assert any(d.pos.file == "journeys.yml" and "alias" in d.message for d in raw.diagnostics)


def test_small_aliases_still_work() -> None:
    root = parse_ok("a: &t Log a call\nb: *t\n")
    assert root.get("b").text == "Log a call"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("[" * 5000 + "]" * 5000 + "\n", id="flow-sequences"),
        pytest.param("{a: " * 5000 + "x" + "}" * 5000 + "\n", id="flow-mappings"),
        pytest.param("- " * 5000 + "x\n", id="block-sequences-on-one-line"),
    ],
)
def test_deep_nesting_refused(text: str) -> None:
    root, problems = parse_yaml(F, text)
    assert root is None and len(problems) == 1
    assert "nested" in problems[0].message


def test_moderate_nesting_accepted() -> None:
    root = parse_ok("[" * 30 + "]" * 30 + "\n")
    assert isinstance(root, Sequence)


def test_nul_bytes_refused_by_the_loader(tmp_path: Path) -> None:
    (tmp_path / "journeys.yml").write_bytes(b"title: Academy\ntool: Acme\x00CRM\n")
    raw = load_project(tmp_path)
    assert raw.config.root is None
    assert [(d.pos.file, d.message) for d in raw.diagnostics if d.pos.file == "journeys.yml"] == [
        ("journeys.yml", "the file holds NUL bytes: it looks binary, not text")
    ]


def test_nul_bytes_refused_in_a_workflow_intro(tmp_path: Path) -> None:
    (tmp_path / "journeys.yml").write_text("title: A\ntool: B\n", encoding="utf-8")
    (tmp_path / "content" / "workflows").mkdir(parents=True)
    (tmp_path / "content" / "workflows" / "w.yml").write_text("title: W\n", encoding="utf-8")
    (tmp_path / "content" / "workflows" / "w.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    raw = load_project(tmp_path)
    assert "w" not in raw.intros
    assert any(d.pos.file == "content/workflows/w.md" and "NUL" in d.message for d in raw.diagnostics)


@pytest.mark.parametrize("text, col", [("title: A\x00B\n", 9), ("title: A\x07B\n", 9), ("title: A\x1bB\n", 9)], ids=["nul", "bel", "esc"])
def test_forbidden_characters_reported_by_parse_yaml(text: str, col: int) -> None:
    root, problems = parse_yaml(F, text)
    assert root is None
    assert [at(d) for d in problems] == [(1, col)]


# --- encodings ---------------------------------------------------------------


def test_non_utf8_reported_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "journeys.yml").write_bytes(b"title: Academy\ntool: Caf\xe9 CRM\n")  # Latin-1 e-acute
    raw = load_project(tmp_path)
    [diag] = [d for d in raw.diagnostics if d.pos.file == "journeys.yml"]
    assert (diag.pos.line, diag.pos.col) == (2, 10)
    assert diag.message == "the file is not UTF-8 (byte 0xe9); save it as UTF-8"
    assert raw.config.root is None


def test_non_utf8_column_counts_characters(tmp_path: Path) -> None:
    (tmp_path / "journeys.yml").write_bytes("title: Café ".encode() + b"\xff\n")
    [diag] = [d for d in load_project(tmp_path).diagnostics if d.pos.file == "journeys.yml"]
    assert (diag.pos.line, diag.pos.col) == (1, 13)


def test_utf8_text_kept(tmp_path: Path) -> None:
    (tmp_path / "journeys.yml").write_text("title: Café Académie — 学院\ntool: CRM\n", encoding="utf-8")
    raw = load_project(tmp_path)
    assert raw.config.root.get("title").text == "Café Académie — 学院"
    assert at(raw.config.root.get("tool")) == (2, 7)
