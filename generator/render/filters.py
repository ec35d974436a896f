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

from generator.model.estimate import TimeToLearn
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


_KEPT_TAGS = re.compile(r"</?(?:strong|em|code)>")
_ANY_TAG = re.compile(r"<[^>]*>")


def _safe_markdown(text: str) -> str:
    """Markdown to HTML for the standalone root pages, with any HTML the designer wrote shown as text:
    those pages are not checked by a site builder, so nothing raw reaches them."""
    converter = markdown.Markdown()
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    return converter.convert(text)


def inline(value: Markdown | None, limit: int = 240) -> Markup:
    """A Markdown field as safe inline HTML (for the portal's cards): bold, italics and code kept,
    links reduced to their text, any HTML the designer wrote shown as text. Cut to `limit`
    characters (as plain text, without formatting) when longer."""
    if value is None:
        return Markup("")
    if len(plain(value)) > limit:
        return Markup.escape(plain(value)[: limit - 3].rstrip() + "...")
    rendered = _safe_markdown(value.text)
    # Markdown wrote every tag itself (raw HTML was escaped), so keeping a few by name is safe.
    kept: list[str] = []
    marked = _KEPT_TAGS.sub(lambda m: kept.append(m.group()) or f"\x00{len(kept) - 1}\x00", rendered)
    stripped = _ANY_TAG.sub(" ", marked)
    stripped = re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], " ".join(stripped.split()))
    return Markup(stripped)


def duration(value: TimeToLearn) -> str:
    """Minutes to learn, as a person says it: "about 1 h 5 min" when journeys estimated it."""
    hours, minutes = divmod(value.minutes, 60)
    text = f"{hours} h {minutes} min" if hours and minutes else f"{hours} h" if hours else f"{minutes} min"
    return f"about {text}" if value.estimated else text


@pass_context
def md_html(ctx: Context, value: Markdown | None) -> Markup:
    """A Markdown field as inline HTML for the standalone root pages (the map): links rewritten from the root."""
    if value is None:
        return Markup("")
    html_text = _safe_markdown(ctx["linker"].rewrite(value))
    if html_text.startswith("<p>") and html_text.endswith("</p>") and html_text.count("<p>") == 1:
        html_text = html_text[3:-4]
    return Markup(html_text)


@pass_context
def url(ctx: Context, kind: str, ref: str, fragment: str = "") -> str:
    """The URL of a workflow, page, role home or media file from this page."""
    linker: Linker = ctx["linker"]
    return linker.url(Target(kind, ref, fragment))


FILTERS = {"md_html": md_html, "plain": plain, "inline": inline, "duration": duration, "text": text, "mermaid": mermaid, "yaml": yaml_value, "yaml_title": yaml_title, "md": md}
GLOBALS = {"url": url}
GLOBALS["handoff_diagram"] = handoff_diagram  # the impact page's diagram, laid out in Python
