"""Read an MkDocs config as MkDocs reads it, without running anything it names.

The generated role configs INHERIT the project's base config; another builder
(Zensical) merges INHERIT differently, and kept sources must not point into a
deleted staging folder. Both need the chain read here: tags such as
`!!python/name:` are carried through as they are, never imported.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import yaml


MAX_CHAIN = 20  # configs in one INHERIT chain; more is a loop


class _Tagged:
    """A YAML value under a tag journeys leaves to the builder (`!!python/name:...`, `!ENV`, `!relative`)."""

    def __init__(self, tag: str, value: Any) -> None:
        self.tag = tag
        self.value = value


class Loader(yaml.SafeLoader):
    pass


class Dumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader: Loader, suffix: str, node: yaml.Node) -> _Tagged:
    if isinstance(node, yaml.ScalarNode):
        return _Tagged(node.tag, loader.construct_scalar(node))
    if isinstance(node, yaml.SequenceNode):
        return _Tagged(node.tag, loader.construct_sequence(node, deep=True))
    return _Tagged(node.tag, loader.construct_mapping(node, deep=True))  # type: ignore[arg-type]


def _represent_tagged(dumper: Dumper, data: _Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


Loader.add_multi_constructor("!", _construct_tagged)
Loader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)
Dumper.add_representer(_Tagged, _represent_tagged)


def resolve_config(path: Path, depth: int = 0) -> dict[str, Any]:
    """The config with its INHERIT chain merged as MkDocs merges it: mappings key by key, everything
    else (lists included) replaced by the child's value. Zensical would append the lists."""
    if depth > MAX_CHAIN:
        raise ValueError(f"INHERIT goes on for more than {MAX_CHAIN} files (a loop?) at {path.name}")
    config = load(path)
    parent = config.pop("INHERIT", None)
    if parent is None:
        return config
    return _merge(resolve_config(path.parent / str(parent), depth + 1), config)


def _merge(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    merged = dict(parent)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def load(path: Path) -> dict[str, Any]:
    """One config file as data (its INHERIT not followed)."""
    with path.open(encoding="utf-8-sig") as stream:
        config = yaml.load(stream, Loader=Loader) or {}  # noqa: S506 - a SafeLoader subclass
    if not isinstance(config, dict):
        raise ValueError(f"{path.name} is not a mapping")
    return config


_INHERIT_LINE = re.compile(r"^INHERIT[ \t]*:.*$", re.MULTILINE)
_CUSTOM_DIR_LINE = re.compile(r"^([ \t]+custom_dir[ \t]*:).*$", re.MULTILINE)


def copy_self_contained(config_file: Path, target: Path) -> None:
    """Copy `config_file` to `target/mkdocs.yml` with every config it inherits in `target/inherit/`
    and its theme overrides in `target/overrides/`, each named by a relative path, so the copy builds
    wherever it is moved, after the originals are gone. Only those two lines of each file change."""
    target.mkdir(parents=True, exist_ok=True)
    text = config_file.read_text(encoding="utf-8-sig")
    custom_dir = (load(config_file).get("theme") or {}).get("custom_dir")
    if isinstance(custom_dir, str):
        source = config_file.parent / custom_dir
        if source.is_dir():
            shutil.copytree(source, target / "overrides", dirs_exist_ok=True)
            text = _CUSTOM_DIR_LINE.sub(lambda m: f"{m.group(1)} overrides", text, count=1)
    chain: list[tuple[Path, str]] = []  # each config and its text, the role's first
    path = config_file
    while True:
        chain.append((path, text))
        parent = load(path).get("INHERIT")
        if not isinstance(parent, str) or len(chain) > MAX_CHAIN:
            break
        path = (path.parent / parent).resolve()
        text = path.read_text(encoding="utf-8-sig")
    names = ["mkdocs.yml"] + [f"inherit/{n}-{p.name}" for n, (p, _) in enumerate(chain[1:], start=1)]
    for n, (_, body) in enumerate(chain):
        if n + 1 < len(chain):
            rel = Path(names[n + 1]).name if n else names[n + 1]  # inherited files sit side by side
            body = _INHERIT_LINE.sub(lambda _: f"INHERIT: {json.dumps(rel)}", body, count=1)
        out = target / names[n]
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(body, encoding="utf-8")
