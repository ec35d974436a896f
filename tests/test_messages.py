"""YAML mistakes in designers' words: indentation slips name the column to use, a missing colon its own line.

Positions are read off the texts below (1-based); tests/test_errors.py runs the same
kinds of mistake through whole projects.
"""

from __future__ import annotations

import pytest

from generator.load.yaml_reader import parse_yaml

SLIP = "invalid YAML: an indentation slip: this line starts at column {0}, but here a line must start at column {1} (like the lines above it); move it 1 space further {2}, using spaces"
QUOTE = " (or, if it continues the text above, put the whole text in quotes)"

CASES = {
    "why one space too far": ("tasks:\n  - id: t\n    steps:\n      - do: Fill it\n         why: CS plans\n", "5:10", SLIP.format(10, 9, "left") + QUOTE),
    "why one space short": ("tasks:\n  - id: t\n    steps:\n      - do: Fill it\n       why: CS plans\n", "5:8", SLIP.format(8, 9, "right")),
    "a field one space short after a list": ("tasks:\n  - id: t\n    steps:\n      - a\n   done_when: x\n", "5:4", SLIP.format(4, 5, "right")),
    "a top-level field one space in": ("journey:\n  - title: W\n    workflows: [a]\n pages: [x]\n", "4:2", SLIP.format(2, 1, "left")),
    "an answer one space short": ("review:\n  - question: Q\n   answer: A\n", "3:4", SLIP.format(4, 5, "right")),
    "an impact field one space short": ("steps:\n  - do: X\n    impacts:\n      - role: r\n       if_wrong: y\n", "5:8", SLIP.format(8, 9, "right")),
    "a missing colon": ("tasks:\n  - id: x\n    steps: [a]\n    done_when The CS manager sees a task\n    pitfalls:\n      - x\n", "4:5", "invalid YAML: a ':' is missing after 'done_when' on this line: write 'done_when: ...'"),
    "a colon inside a text is no slip": ("title: A\nsummary: Note: this\n", "2:14", "invalid YAML: a ': ' where YAML does not expect a new field; if it is part of a text, put the whole text in quotes"),
}


@pytest.mark.parametrize("text,where,message", CASES.values(), ids=list(CASES))
def test_message(text: str, where: str, message: str) -> None:
    root, problems = parse_yaml("f.yml", text)
    assert root is None
    assert [str(p) for p in problems] == [f"f.yml:{where}: error: {message}"]
