"""Jinja2 filters: the only places where values are escaped for Markdown, Mermaid or YAML.

Text fields must appear literally, whatever they hold; Markdown fields are
passed through with their links rewritten for the page being written.
"""

from __future__ import annotations

import html
import json
import re

import markdown
from jinja2 import pass_context
from markupsafe import Markup
from jinja2.runtime import Context

from generator.model.types import Markdown
from generator.render.handoffs import handoff_diagram
from generator.render.linker import Linker
from generator.validate.links import Target

# ASCII punctuation that Markdown, its extensions (emoji, tasklist, arithmatex, ...) or HTML
# may read as syntax. Numeric character references are inert in every one of them.
_MD_SPECIAL = re.compile(r"[!\"#$%&'()*+\-.:<=>\[\\\]^_`{|}~]")


def text(value: object) -> str:
    """A plain-text field as Markdown that displays exactly the original characters."""
    s = " ".join(str(value).split())
    return _MD_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", s)


def mermaid(value: object) -> str:
    """Text for inside a quoted Mermaid label: every non-alphanumeric character as a Mermaid entity."""
    s = " ".join(str(value).split())
    return "".join(ch if ch.isalnum() or ch == " " else f"#{ord(ch)};" for ch in s)


def yaml_value(value: object) -> str:
    """A YAML scalar (JSON is valid YAML) that holds the value exactly."""
    return json.dumps(value, ensure_ascii=False)


def yaml_title(value: object) -> str:
    """A title for mkdocs.yml. Material prints titles into HTML unescaped, so a plain-text
    title is HTML-escaped here, once, and shows literally in nav, header and footer."""
    return json.dumps(html.escape(" ".join(str(value).split()), quote=True), ensure_ascii=False)


@pass_context
def md(ctx: Context, value: Markdown | None, indent: int = 0) -> str:
    """A Markdown field for this page: links rewritten, continuation lines indented."""
    if value is None:
        return ""
    out = ctx["linker"].rewrite(value).strip("\n")
    if indent:
        pad = " " * indent
        out = "\n".join(pad + line if line.strip() and n else line for n, line in enumerate(out.split("\n")))
    return out


def plain(value: Markdown | None) -> str:
    """A Markdown field as plain text (for the portal's cards): formatting and link targets dropped."""
    if value is None:
        return ""
    return Markup(markdown.markdown(value.text)).striptags()


@pass_context
def url(ctx: Context, kind: str, ref: str, fragment: str = "") -> str:
    """The URL of a workflow, page, role home or media file from this page."""
    linker: Linker = ctx["linker"]
    return linker.url(Target(kind, ref, fragment))


FILTERS = {"plain": plain, "text": text, "mermaid": mermaid, "yaml": yaml_value, "yaml_title": yaml_title, "md": md}
GLOBALS = {"url": url}
GLOBALS["handoff_diagram"] = handoff_diagram  # the impact page's diagram, laid out in Python
