"""Stage 2: check a loaded project against every rule of the format, reporting all problems at once."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from generator.errors import ContentError, Diagnostic, Pos
from generator.ids import did_you_mean
from generator.load import RawProject
from generator.validate import anchors, links
from generator.validate.advice import advise
from generator.validate.records import Record, Val
from generator.validate.schema import PROJECT, ROLE, WORKFLOW, EitherType, Kind, ListType, ObjectType, ScalarType, Schema
from generator.validate.shape import Reference, ShapeChecker


@dataclass(frozen=True)
class ValidProject:
    """A project that passed every check: records ready to become the model."""

    raw: RawProject
    config: Record
    roles: dict[str, Record]
    workflows: dict[str, Record]
    published: tuple[str, ...]
    links: LinkTable  # every Markdown text's relative links, resolved once, for the model
    warnings: tuple[Diagnostic, ...] = ()  # advice on the method (workflow-first), never fatal unless --strict


LinkTable = dict[tuple[str, str], tuple[tuple[int, int, links.Target], ...]]  # (file, text) -> (start, end, target)


def iter_markdown(rec: Record, schema: Schema) -> Iterator[Val]:
    """Every Markdown value in a record, in field order, following nested records and lists."""
    for spec in schema.fields:
        value = rec.get(spec.name)
        if value is not None:
            yield from _markdown_in(value, spec.type)


def _markdown_in(value: object, spec_type: object) -> Iterator[Val]:
    if isinstance(spec_type, ScalarType):
        if spec_type.kind in (Kind.MD, Kind.BLOCK) and isinstance(value, Val):
            yield value
    elif isinstance(spec_type, ObjectType) and isinstance(value, Record):
        yield from iter_markdown(value, spec_type.schema)
    elif isinstance(spec_type, EitherType):
        if isinstance(value, Record):
            yield from iter_markdown(value, spec_type.mapping.schema)
        else:
            yield from _markdown_in(value, spec_type.scalar)
    elif isinstance(spec_type, ListType) and isinstance(value, list):
        for item in value:
            yield from _markdown_in(item, spec_type.item)


def validate(raw: RawProject) -> ValidProject:
    """Check everything; raise ContentError carrying every diagnostic, or return the checked records."""
    checker = ShapeChecker()
    config = checker.document(raw.config.root if raw.config else None, PROJECT)
    roles = {rid: rec for rid, doc in raw.roles.items() if (rec := checker.document(doc.root, ROLE)) is not None}
    workflows = {wid: rec for wid, doc in raw.workflows.items() if (rec := checker.document(doc.root, WORKFLOW)) is not None}
    known = _known_ids(raw, config)
    published = _published(raw, config)

    diagnostics = [
        *raw.diagnostics,
        *checker.diagnostics,
        *_unknown_references([r for r in checker.references if config is not None or r.kind != "outcome"], known),  # outcomes unknown while journeys.yml is unreadable
        *_repeated_workflows(roles),
        *_publication_problems(raw, config),
    ]
    broken = _broken_roles(raw, roles, [*raw.diagnostics, *checker.diagnostics])
    if config is None:  # journeys.yml unreadable: which roles are published is unknown too
        broken = broken | frozenset(published)
    link_problems, link_table = _check_markdown(raw, roles, workflows, config, published, known, broken)
    diagnostics += link_problems
    if diagnostics or config is None:
        raise ContentError(diagnostics)
    warnings = tuple(sorted(advise(raw, config, roles, workflows, published)))
    return ValidProject(raw, config, roles, workflows, published, link_table, warnings)


def _known_ids(raw: RawProject, config: Record | None) -> dict[str, list[str]]:
    return {
        "role": sorted(raw.roles),
        "workflow": sorted(raw.workflows),
        "page": sorted(raw.pages),
        "outcome": [o.get("id").value for o in (config.get("outcomes", []) if config else []) if o.get("id")],
    }


def _published(raw: RawProject, config: Record | None) -> tuple[str, ...]:
    """The roles that get a site, in portal order: journeys.yml's `roles`, or every role by id."""
    if config and "roles" in config:
        return tuple(v.value for v in config.get("roles", []))
    return tuple(sorted(raw.roles))


_WHERE = {"role": "content/roles/", "workflow": "content/workflows/", "page": "content/pages/", "outcome": "journeys.yml's outcomes"}


def _unknown_references(references: list[Reference], known: dict[str, list[str]]) -> Iterator[Diagnostic]:
    for ref in references:
        if ref.val.value not in known[ref.kind]:
            hint = did_you_mean(ref.val.value, known[ref.kind])
            yield Diagnostic(ref.val.pos, f"unknown {ref.kind} '{ref.val.value}'{hint}: no such {ref.kind} in {_WHERE[ref.kind]}")


def _repeated_workflows(roles: dict[str, Record]) -> Iterator[Diagnostic]:
    """A workflow in two stages of one role. Repeats within one stage are the shape check's."""
    for rec in roles.values():
        earlier: dict[str, Pos] = {}
        for stage in rec.get("journey", []):
            here: dict[str, Pos] = {}
            for wf in stage.get("workflows", []):
                if wf.value in earlier and wf.value not in here:
                    yield Diagnostic(wf.pos, f"workflow '{wf.value}' is already in this role's journey (line {earlier[wf.value].line}); a workflow appears at most once per role")
                here.setdefault(wf.value, wf.pos)
            for wid, pos in here.items():
                earlier.setdefault(wid, pos)


def _publication_problems(raw: RawProject, config: Record | None) -> Iterator[Diagnostic]:
    if config and "roles" in config and not config.get("roles"):
        yield Diagnostic(config.key_pos["roles"], "'roles' is an empty list: no site would be published; list at least one role, or remove 'roles' to publish every role")
    if not raw.roles and raw.config is not None and (raw.root / "content" / "roles").is_dir():
        yield Diagnostic(Pos("content/roles", 1, 1), "content/roles/ holds no role: add at least one <id>.yml")


def _broken_roles(raw: RawProject, roles: dict[str, Record], diagnostics: list[Diagnostic]) -> frozenset[str]:
    """Roles whose file could not be read in full: what they include is unknown, so no other file is blamed for it."""
    failed_files = {d.pos.file for d in diagnostics}
    return frozenset(rid for rid, doc in raw.roles.items() if rid not in roles or doc.rel in failed_files)


def _check_markdown(
    raw: RawProject,
    roles: dict[str, Record],
    workflows: dict[str, Record],
    config: Record | None,
    published: tuple[str, ...],
    known: dict[str, list[str]],
    broken: frozenset[str] = frozenset(),
) -> tuple[list[Diagnostic], LinkTable]:
    """Every Markdown text of the project: unsafe HTML and links that lead nowhere are errors
    wherever they are; links to what no published site shows, or to a #fragment that does not
    exist, only in texts a site shows. Returns the problems and the resolved links.

    While a published role's file has errors of its own (`broken`), what the sites show is not
    known, so "no published role site includes" is not reported: that error in one file must not
    cause false errors in others."""
    unsure = any(rid in broken for rid in published)
    shown = {"role": set(published), "workflow": set(), "page": set()}
    for rid in published:
        rec = roles.get(rid)
        if rec is not None:
            shown["workflow"].update(w.value for stage in rec.get("journey", []) for w in stage.get("workflows", []))
            shown["page"].update(p.value for p in (*rec.get("pages", []), *rec.get("first_pages", [])))
    allow_html = bool(config and config.get("allow_unsafe_html") and config.get("allow_unsafe_html").value)
    found: list[Diagnostic] = []
    table: LinkTable = {}
    anchor_cache: dict[tuple[str, str], frozenset[str] | None] = {}

    def anchors_of(kind: str, ref: str) -> frozenset[str] | None:
        if (kind, ref) not in anchor_cache:
            if kind == "page":
                names = anchors.markdown_anchors(raw.pages[ref].text) if ref in raw.pages else None
            else:
                intro = raw.intros.get(ref)
                names = anchors.workflow_anchors(workflows[ref], intro.text if intro else None) if ref in workflows else None
            anchor_cache[(kind, ref)] = names
        return anchor_cache[(kind, ref)]

    def check(text: str, source_rel: str, locate: Callable[[int], Pos], is_shown: bool) -> None:
        if not allow_html:
            for offset, what in links.unsafe_html(text):
                found.append(Diagnostic(locate(offset), f"{what} is not allowed in content: it would run in every learner's browser; remove it, or set 'allow_unsafe_html: true' in journeys.yml"))
        spans = []
        for link in links.scan(text):
            result = links.resolve(link.dest, source_rel, raw.exists, known)
            target = result.target
            if result.error:
                found.append(Diagnostic(locate(link.start), result.error))
            elif target is not None:
                spans.append((link.start, link.end, target))
                if is_shown and target.kind in shown and target.ref not in shown[target.kind]:
                    if unsure and target.kind != "role":
                        continue
                    how = {"role": "list it in 'roles' in journeys.yml", "workflow": "add it to a published role's journey", "page": "add it to a published role's 'pages'"}[target.kind]
                    found.append(Diagnostic(locate(link.start), f"'{link.dest}' links to the {target.kind} '{target.ref}', which no published role site includes: {how}"))
                elif is_shown and target.fragment and target.kind in ("page", "workflow"):
                    names = anchors_of(target.kind, target.ref)
                    if names is not None and target.fragment not in names:
                        found.append(Diagnostic(locate(link.start), f"'{link.dest}' names '#{target.fragment}', which is no heading or anchor of that {target.kind}{_anchor_hint(target.fragment, names)}"))
        table[(source_rel, text)] = tuple(spans)

    def check_record(rec: Record, schema: Schema, rel: str, is_shown: bool) -> None:
        for val in iter_markdown(rec, schema):
            check(val.value, rel, val.node.locate, is_shown)

    if config is not None and raw.config is not None:
        check_record(config, PROJECT, raw.config.rel, True)
    for rid, rec in roles.items():
        check_record(rec, ROLE, raw.roles[rid].rel, rid in shown["role"])
    for wid, rec in workflows.items():
        check_record(rec, WORKFLOW, raw.workflows[wid].rel, wid in shown["workflow"])
    for wid, intro in raw.intros.items():
        check(intro.text, intro.rel, _text_locator(intro.rel, intro.text), wid in shown["workflow"])
    for pid, page in raw.pages.items():
        check(page.text, page.rel, _text_locator(page.rel, page.text), pid in shown["page"])
    return found, table


FRAGMENT_CUTOFF = 0.75  # stricter than for ids: a "did you mean" to an unrelated heading misleads
MAX_LISTED_ANCHORS = 15


def _anchor_hint(fragment: str, names: frozenset[str]) -> str:
    """' (did you mean 'x'?)' for a near miss; else the target's anchors, so the designer can pick one."""
    close = difflib.get_close_matches(fragment, sorted(names), n=1, cutoff=FRAGMENT_CUTOFF)
    if close:
        return f" (did you mean '{close[0]}'?)"
    if not names:
        return "; it has no headings or anchors"
    listed = sorted(names)
    more = f" and {len(listed) - MAX_LISTED_ANCHORS} more" if len(listed) > MAX_LISTED_ANCHORS else ""
    return f"; its anchors are: {', '.join('#' + n for n in listed[:MAX_LISTED_ANCHORS])}{more}"


def _text_locator(rel: str, text: str) -> Callable[[int], Pos]:
    def locate(offset: int) -> Pos:
        before = text[:offset]
        return Pos(rel, before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1)

    return locate

