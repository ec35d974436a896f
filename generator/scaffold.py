"""Starting files for designers: a whole new project (`journeys init`) or one file (`journeys new`).

The texts are templates under themes/scaffold/ (presentation); this module only
decides which files to write and refuses to overwrite anything. Every scaffold
builds as written: tests/test_scaffold.py builds each one.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from generator.errors import UsageError
from generator.ids import ID_RULE, WINDOWS_RESERVED, is_valid_id
from generator.theme import default_root
from generator.validate.fieldref import comment, default_note, example, field_at, kind_text
from generator.validate.jsonschema import schema_texts
from generator.validate.schema import PROJECT, ROLE, WORKFLOW, Field, ObjectType, Schema

KINDS = {"role": ("content/roles", ".yml"), "workflow": ("content/workflows", ".yml"), "page": ("content/pages", ".md")}
SCHEMA_OF: dict[str, Schema] = {"journeys.yml": PROJECT, "role": ROLE, "workflow": WORKFLOW}
_TOP_KEY = re.compile(r"^(?:# )?([a-z_]+):", re.MULTILINE)
SCHEMAS_DIR = "schemas"

# What `journeys init` starts with: one of each, linked together.
FIRST_ROLE = "team-member"
FIRST_WORKFLOW = "first-workflow"
FIRST_PAGE = "getting-started"
FIRST_OUTCOME = "right-first-time"


def _env() -> Environment:
    return Environment(loader=FileSystemLoader(str(default_root() / "themes" / "scaffold")), undefined=StrictUndefined, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)


def _title(ident: str) -> str:
    return ident.replace("-", " ").capitalize()


def _schemas_from(folder: str) -> str:
    """The relative path from a file's folder to the project's schemas/ (YAML language server resolves it)."""
    depth = 0 if folder == "." else folder.count("/") + 1
    return "/".join([".."] * depth + [SCHEMAS_DIR])


@dataclass(frozen=True)
class Planned:
    rel: str
    text: str


def _fields(template: str, kind: str, **context: object) -> str:
    """A YAML scaffold: the template's example fields, each commented with its purpose and default
    from the schema, then every other field of the file, commented out, so nothing is left unsaid."""
    schema = SCHEMA_OF[kind]
    env = _env()
    text = env.get_template(template).render(about=lambda path: comment(field_at(schema, path)), default=lambda path: example(field_at(schema, path)), **context)
    text = text if text.endswith("\n") else text + "\n"
    written = set(_TOP_KEY.findall(text))
    others = [_commented(f) for f in schema.fields if f.name not in written]
    return text + env.get_template("more-fields.j2").render(fields=others) if others else text


def _commented(spec: Field) -> dict[str, object]:
    """A field as a commented-out line (and, for a mapping, one line per field inside it)."""
    inner = [_commented(f) for f in spec.type.schema.fields] if isinstance(spec.type, ObjectType) else []
    kind = "mapping" if inner else kind_text(spec.type)
    return {"name": spec.name, "example": example(spec), "doc": spec.doc, "notes": "; ".join(filter(None, [kind, "required" if spec.required else "", default_note(spec)])), "inner": inner}


def _render(kind: str, ident: str, **context: object) -> Planned:
    folder, suffix = KINDS[kind]
    rel = f"{folder}/{ident}{suffix}"
    context = {"id": ident, "title": _title(ident), "schemas": _schemas_from(folder), **context}
    if kind in SCHEMA_OF:
        return Planned(rel, _fields(f"{kind}{suffix}.j2", kind, **context))
    text = _env().get_template(f"{kind}{suffix}.j2").render(**context)
    return Planned(rel, text if text.endswith("\n") else text + "\n")


def _write_all(root: Path, planned: list[Planned]) -> list[Path]:
    """Write every planned file, none of which may exist yet (checked before the first write)."""
    for item in planned:
        if (root / item.rel).exists():
            raise UsageError(f"{root / item.rel} already exists; journeys never overwrites a file (choose another id, or delete it first)")
    written = []
    for item in planned:
        path = root / item.rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(item.text)
        written.append(path)
    return written


def _schema_files(root: Path) -> list[Planned]:
    return [Planned(f"{SCHEMAS_DIR}/{name}", text) for name, text in schema_texts().items() if not (root / SCHEMAS_DIR / name).exists()]


def _ci_files() -> list[Planned]:
    """The GitHub workflows journeys ships (check pull requests, publish to Pages), copied as they are
    from the default root's .github/workflows/ (an installed wheel may lack them: then none are copied)."""
    folder = default_root() / ".github" / "workflows"
    if not folder.is_dir():
        return []
    return [Planned(f".github/workflows/{p.name}", p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.yml"))]


def init_project(dest: Path, title: str = "Our Academy", tool: str = "Our Tool") -> list[Path]:
    """A small project in DEST (new or empty) that `journeys build` builds at once."""
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise UsageError(f"{dest} is not an empty folder: journeys init makes a new project in a new or empty folder")
    env = _env()
    context = {"title": title, "tool": tool, "role": FIRST_ROLE, "outcome": FIRST_OUTCOME, "schemas": SCHEMAS_DIR}
    planned = [
        Planned("journeys.yml", _fields("journeys.yml.j2", "journeys.yml", **context)),
        _render("role", FIRST_ROLE, workflows=[FIRST_WORKFLOW], first_pages=[FIRST_PAGE], pages=[]),
        _render("workflow", FIRST_WORKFLOW, outcome=FIRST_OUTCOME),
        _render("page", FIRST_PAGE),
        Planned(".gitignore", env.get_template("gitignore").render()),
        Planned("README.md", env.get_template("README.md.j2").render(**context)),
        *_schema_files(dest),
        *_ci_files(),
    ]
    dest.mkdir(parents=True, exist_ok=True)
    return _write_all(dest, planned)


def new_file(root: Path, kind: str, ident: str) -> list[Path]:
    """One commented starting file (and the schemas, if the project has none yet); never overwrites."""
    if not is_valid_id(ident) or ident in WINDOWS_RESERVED:
        raise UsageError(f"'{ident}' is not a valid id: use {ID_RULE}" + (" (and not a Windows device name)" if ident in WINDOWS_RESERVED else ""))
    if not (root / "journeys.yml").is_file():
        raise UsageError(f"{root} has no journeys.yml: run this inside a project, or start one with `journeys init DIR`")
    folder, suffix = KINDS[kind]
    existing = _ids_in(root / folder, suffix)
    if ident in existing or ident.lower() in {e.lower() for e in existing}:
        raise UsageError(f"{root / folder / (ident + suffix)} already exists; journeys never overwrites a file (choose another id)")
    if kind == "role":
        workflows = sorted(_ids_in(root / "content" / "workflows", ".yml"))
        if not workflows:
            raise UsageError("a role's journey needs at least one workflow, and the project has none yet: run `journeys new workflow ID` first")
        planned = _render("role", ident, workflows=workflows[:1], first_pages=[], pages=[])
    elif kind == "workflow":
        planned = _render("workflow", ident, outcome=None)
    else:
        planned = _render("page", ident)
    return _write_all(root, [planned, *_schema_files(root)])


def _ids_in(folder: Path, suffix: str) -> set[str]:
    if not folder.is_dir():
        return set()
    return {name[: -len(suffix)] for name in os.listdir(folder) if name.endswith(suffix)}


def next_steps(kind: str, ident: str, published_all: bool) -> str:
    """What to do with a new file so a site shows it."""
    if kind == "workflow":
        return f"add '{ident}' to a stage's 'workflows' in a role (content/roles/) so a site shows it"
    if kind == "page":
        return f"add '{ident}' to a role's 'pages' (or 'first_pages') so a site shows it"
    return "it is published with the others" if published_all else f"add '{ident}' to 'roles' in journeys.yml to publish its site"


__all__ = ["init_project", "new_file", "next_steps"]
