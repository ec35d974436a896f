"""Write every file that is generated from journeys' own definitions, or check that none drifted.

    python docs/generate.py          # rewrite them
    python docs/generate.py --check  # exit 1 naming each file that differs (tests/test_docs.py runs it)

What it writes, and from what:
- schemas/*.json: the JSON Schemas, from generator/validate/schema.py (as `journeys schema -o schemas`);
- reference/journeys-format.md: only the blocks between `<!-- fields: FILE -->` and `<!-- /fields -->`,
  from the same field definitions; every other line is the contract's prose, kept as written;
- docs/guide/format.md: that reference with the docs site's introduction and notes around it;
- docs/guide/commands.md: every command's arguments and help, from generator/commands/;
- docs/guide/develop/architecture.md: the stage map, from each stage package's docstring.
The templates are in docs/templates/.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jinja2 import Environment, FileSystemLoader, StrictUndefined  # noqa: E402

from generator.commands import COMMANDS  # noqa: E402
from generator.validate.fieldref import document_rows  # noqa: E402
from generator.validate.jsonschema import schema_texts  # noqa: E402

REFERENCE = ROOT / "reference" / "journeys-format.md"
GUIDE = ROOT / "docs" / "guide"
_BLOCK = re.compile(r"(<!-- fields: (?P<file>[^ ]+) -->\n)(?P<body>.*?)(<!-- /fields -->)", re.DOTALL)
_TAG_OUTSIDE_CODE = re.compile(r"(`[^`]*`)|<([A-Za-z_][\w-]*)>")


def _cell(text: object) -> str:
    """Text for a Markdown table cell that reads the same on GitHub and in MkDocs: `|` and `<`, `>`
    outside code spans escaped (inside one they are literal in MkDocs, so none is written there)."""
    parts = re.split(r"(`[^`]*`)", str(text))
    return "".join(p if p.startswith("`") else p.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;") for p in parts)


def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(str(ROOT / "docs" / "templates")), undefined=StrictUndefined, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["cell"] = _cell
    return env


def reference_text(current: str) -> str:
    """The reference with each field block rendered again from the schema."""
    rows = document_rows()
    template = _env().get_template("fields.md.j2")

    def block(match: re.Match[str]) -> str:
        name = match.group("file")
        if name not in rows:
            raise SystemExit(f"reference/journeys-format.md: no schema for the field block '{name}' (one of: {', '.join(rows)})")
        return match.group(1) + template.render(file=name, rows=rows[name]) + match.group(4)

    text, count = _BLOCK.subn(block, current)
    if count != len(rows):
        raise SystemExit(f"reference/journeys-format.md: expected {len(rows)} field blocks, found {count}")
    return text


def _escape_tags(line: str) -> str:
    """`<id>` outside backticks is raw HTML to Markdown (it would vanish from a heading): write it as text."""
    return _TAG_OUTSIDE_CODE.sub(lambda m: m.group(1) or f"&lt;{m.group(2)}&gt;", line)


def format_page(reference: str) -> str:
    lines = reference.splitlines()
    title, body = lines[0], lines[1:]
    fenced = False
    out = []
    for line in body:
        if line.startswith("```"):
            fenced = not fenced
        out.append(line if fenced else _escape_tags(line))
    return _env().get_template("format.md.j2").render(title=title, body="\n".join(out).strip("\n"))


def _value(action: argparse.Action, table: bool = False) -> str:
    """What the user types for an argument: its metavar, else its choices, else its name.
    Choices read `a|b` in a usage line and `{a,b}` in a table, where `|` would split the cell."""
    if action.metavar:
        return str(action.metavar)
    if action.choices:
        words = [str(c) for c in action.choices]
        return "{" + ",".join(words) + "}" if table else "|".join(words)
    return action.dest.upper()


def _usage(name: str, parser: argparse.ArgumentParser) -> str:
    parts = [f"journeys {name}"]
    for action in parser._actions:  # argparse keeps no public list; this one has been stable for years
        if isinstance(action, argparse._HelpAction):
            continue
        if not action.option_strings:
            shown = _value(action)
            parts.append(f"[{shown}]" if action.nargs == "?" else shown)
            continue
        flag = action.option_strings[0]
        if action.nargs == 0:
            parts.append(f"[{flag}]")
            continue
        value = _value(action)
        repeat = "..." if isinstance(action, argparse._AppendAction) else ""
        parts.append(f"[{flag} {value}]{repeat}" if not action.required else f"{flag} {value}{repeat}")
    return " ".join(parts)


def _arguments(parser: argparse.ArgumentParser) -> list[dict[str, str]]:
    rows = []
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        if action.option_strings:
            value = "" if action.nargs == 0 else " " + _value(action, table=True)
            names = ", ".join(action.option_strings) + value
        else:
            names = _value(action, table=True)
        rows.append({"names": names, "help": action.help or ""})
    return rows


def commands_page() -> str:
    commands = []
    for name in COMMANDS:
        module = importlib.import_module(f"generator.commands.{name}")
        parser = argparse.ArgumentParser(prog=f"journeys {name}", add_help=False)
        module.add_arguments(parser)
        commands.append({"name": name, "help": module.HELP, "description": module.DESCRIPTION, "usage": _usage(name, parser), "arguments": _arguments(parser)})
    return _env().get_template("commands.md.j2").render(commands=commands)


def _first_line(path: Path) -> str:
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    return doc.strip().splitlines()[0] if doc.strip() else ""


def architecture_page() -> str:
    """The stage map: every package of generator/ with the first line of its docstring, then the
    modules beside them."""
    stages = []
    for init in sorted((ROOT / "generator").glob("*/__init__.py")):
        first = _first_line(init)
        number = re.match(r"Stage (\d+): ", first)
        modules = sorted(p.stem for p in init.parent.glob("*.py") if p.stem != "__init__")
        stages.append({"name": init.parent.name, "order": int(number.group(1)) if number else 99, "doc": first[number.end():] if number else first, "stage": bool(number), "modules": modules})
    stages.sort(key=lambda s: (s["order"], s["name"]))
    modules = [{"name": p.name, "doc": _first_line(p)} for p in sorted((ROOT / "generator").glob("*.py")) if p.stem not in ("__init__", "__main__")]
    return _env().get_template("architecture.md.j2").render(stages=stages, modules=modules)


def generated() -> dict[Path, str]:
    """Every generated file and the text it should hold now."""
    reference = reference_text(REFERENCE.read_text(encoding="utf-8"))
    files = {ROOT / "schemas" / name: text for name, text in schema_texts().items()}
    files[REFERENCE] = reference
    files[GUIDE / "format.md"] = format_page(reference)
    files[GUIDE / "commands.md"] = commands_page()
    files[GUIDE / "develop" / "architecture.md"] = architecture_page()
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write (or --check) the files generated from journeys' definitions.")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 naming every file that differs")
    args = parser.parse_args(argv)
    stale = []
    for path, text in generated().items():
        old = path.read_text(encoding="utf-8") if path.is_file() else None
        if old == text:
            continue
        stale.append(path.relative_to(ROOT).as_posix())
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
    verb = "stale (run `python docs/generate.py`)" if args.check else "written"
    for rel in stale:
        print(f"{rel}: {verb}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
