"""Stage 3: the typed, immutable model every later stage reads.

Cross-references are ids that validation proved exist; `Project` answers every
"which site shows this?" question in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.errors import Diagnostic
from generator.validate.links import Target


@dataclass(frozen=True)
class LinkSpan:
    start: int
    end: int
    target: Target


@dataclass(frozen=True)
class Markdown:
    """Designer-written Markdown and its relative links, already resolved to targets."""

    text: str
    links: tuple[LinkSpan, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.text.strip())


@dataclass(frozen=True)
class Outcome:
    id: str
    title: str
    measure: Markdown | None


@dataclass(frozen=True)
class Impact:
    role: str | None  # a role id, or None for a team
    team: str | None
    if_skipped: Markdown | None
    if_wrong: Markdown | None


@dataclass(frozen=True)
class Step:
    number: int
    anchor: str  # HTML id on the workflow page
    key: str  # stable identity: workflow/task/step-id-or-number
    fingerprint: str  # changes when the step's text changes
    do: Markdown
    why: Markdown | None
    impacts: tuple[Impact, ...]


@dataclass(frozen=True)
class Task:
    id: str
    title: str
    steps: tuple[Step, ...]
    done_when: Markdown | None
    pitfalls: tuple[Markdown, ...]


@dataclass(frozen=True)
class ReviewItem:
    key: str  # stable identity for persisted ticks: workflow/review-N
    question: Markdown
    answer: Markdown | None


@dataclass(frozen=True)
class Choice:
    text: Markdown
    correct: bool
    why: Markdown | None


@dataclass(frozen=True)
class Question:
    """A graded scenario question: several correct choices make it a multiple choice."""

    key: str  # stable identity: workflow/quiz-N
    question: Markdown
    choices: tuple[Choice, ...]

    @property
    def multiple(self) -> bool:
        return sum(c.correct for c in self.choices) > 1


@dataclass(frozen=True)
class Workflow:
    id: str
    title: str
    summary: Markdown
    outcomes: tuple[str, ...]
    trigger: Markdown | None
    before: Markdown | None
    after: Markdown | None
    intro: Markdown | None  # content/workflows/<id>.md
    tasks: tuple[Task, ...]
    review: tuple[ReviewItem, ...]
    source: str
    intro_source: tuple[str, ...] = ()  # content/workflows/<id>.md, when there is one
    minutes: int | None = None  # the designer's time to learn it; None: estimate it
    signals: tuple[Markdown, ...] = ()  # what a manager sees in the tool when it is really done
    quiz: tuple[Question, ...] = ()


@dataclass(frozen=True)
class Stage:
    title: str
    workflows: tuple[str, ...]


@dataclass(frozen=True)
class Role:
    id: str
    title: str
    summary: Markdown
    mastery: tuple[Markdown, ...]
    stages: tuple[Stage, ...]
    pages: tuple[str, ...]  # every included page: first_pages first
    source: str
    first_pages: tuple[str, ...] = ()  # pages placed before the journey in the navigation

    @property
    def workflow_ids(self) -> tuple[str, ...]:
        return tuple(w for stage in self.stages for w in stage.workflows)


@dataclass(frozen=True)
class Page:
    id: str
    title: str
    body: Markdown
    source: str


@dataclass(frozen=True)
class Xapi:
    endpoint: str
    key: str | None


@dataclass(frozen=True)
class Project:
    title: str
    tool: str
    organization: str | None
    site_url: str | None
    intervals: tuple[int, ...]
    outcomes: dict[str, Outcome]
    roles: dict[str, Role]
    workflows: dict[str, Workflow]
    pages: dict[str, Page]
    media: tuple[str, ...]  # paths relative to content/media
    published: tuple[str, ...]  # role ids that get a site, in portal order
    # The next four have their defaults on their fields (generator/validate/schema.py).
    weekends: bool  # reviews may fall on Saturdays and Sundays
    quiz_pass: int  # percent of a role's questions answered right that passes
    engine: str  # the site builder named in journeys.yml
    allow_unsafe_html: bool  # Markdown may hold scripts and frames
    xapi: Xapi | None = None  # where learning records go; None: none are sent
    warnings: tuple[Diagnostic, ...] = field(default=(), compare=False)  # advice found by validation
    _has: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict, compare=False, repr=False)
    # Indexes the views derive once per project (generator.model.views); not copied by dataclasses.replace.
    _derived: dict[str, object] = field(default_factory=dict, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        for rid in self.published:
            role = self.roles[rid]
            self._has[rid] = {"workflow": frozenset(role.workflow_ids), "page": frozenset(role.pages), "role": frozenset({rid})}

    def site_for(self, target: Target, role_id: str) -> str | None:
        """The role site a link from `role_id`'s site should go to: its own if it has the target,
        else the first published site (portal order) that does."""
        if target.kind == "media":
            return role_id
        for rid in (role_id, *self.published):
            if target.ref in self._has.get(rid, {}).get(target.kind, ()):
                return rid
        return None

    def roles_doing(self, workflow_id: str) -> tuple[str, ...]:
        """Published roles whose journey holds the workflow, in portal order."""
        return tuple(rid for rid in self.published if workflow_id in self._has[rid]["workflow"])
