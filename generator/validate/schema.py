"""Every field of the journeys format, defined once, as data.

The shape checker walks these definitions; the JSON Schemas for editors, the
field sections of reference/journeys-format.md, the docs' format page and the
scaffolds' comments are generated from the same objects, and the model takes
each default from its field here (`Schema.default`). Descriptions are written for
training designers: they appear in error messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Kind(Enum):
    TEXT = "plain text"
    MD = "Markdown text"
    BLOCK = "a Markdown block"
    ID = "an id"
    INT = "a whole number"
    BOOL = "true or false"
    URL = "a full http:// or https:// address"
    CHOICE = "one of a fixed set of words"


@dataclass(frozen=True)
class ScalarType:
    kind: Kind
    ref: str | None = None  # the kind of thing an id refers to: role, workflow, outcome, page
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[str, ...] = ()  # Kind.CHOICE: the words allowed


@dataclass(frozen=True)
class ListType:
    item: FieldType
    min_items: int = 0
    max_items: int | None = None
    unique_by: str | None = None  # a field of each item that must be unique in the list
    unique: bool = False  # the scalar items themselves must be unique
    increasing: bool = False  # INT items strictly increasing
    item_name: str = "item"
    require_any: str | None = None  # a BOOL field of the (mapping) items that must be true in at least one item


@dataclass(frozen=True)
class ObjectType:
    schema: Schema


@dataclass(frozen=True)
class EitherType:
    """A scalar or a mapping, told apart by how the designer wrote it."""

    scalar: ScalarType
    mapping: ObjectType


FieldType = ScalarType | ListType | ObjectType | EitherType


@dataclass(frozen=True)
class Field:
    name: str
    type: FieldType
    required: bool = False
    doc: str = ""
    default: Any = None  # the value an optional field takes when it is left out (None: no value)
    default_doc: str = ""  # when leaving it out means a behaviour rather than a value, in words


@dataclass(frozen=True)
class Schema:
    name: str  # how messages call one of these: "a role", "a step"
    fields: tuple[Field, ...]
    exactly_one_of: tuple[tuple[str, ...], ...] = ()
    at_least_one_of: tuple[tuple[str, ...], ...] = ()
    by_name: dict[str, Field] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self.by_name.update((f.name, f) for f in self.fields)

    def default(self, name: str) -> Any:
        """The value of the optional field `name` when a file leaves it out."""
        return self.by_name[name].default


TEXT = ScalarType(Kind.TEXT)
MD = ScalarType(Kind.MD)
BLOCK = ScalarType(Kind.BLOCK)
ID = ScalarType(Kind.ID)


def ids_of(ref: str, item_name: str, min_items: int = 0) -> ListType:
    return ListType(ScalarType(Kind.ID, ref=ref), min_items=min_items, unique=True, item_name=item_name)


OUTCOME = Schema(
    "an outcome",
    (
        Field("id", ID, True, "the outcome's id, used in workflows' `outcomes:`"),
        Field("title", TEXT, True, "what the training exists to change"),
        Field("measure", MD, False, "the KPI and its target"),
    ),
)

REVIEW_SETTINGS = Schema(
    "the review settings",
    (
        Field(
            "intervals",
            ListType(ScalarType(Kind.INT, minimum=1, maximum=365), min_items=1, increasing=True, item_name="interval"),
            False,
            "whole days after a workflow is learned",
            default=(1, 3, 7, 14, 30),
        ),
        Field(
            "weekends",
            ScalarType(Kind.BOOL),
            False,
            "true keeps reviews that fall on a Saturday or Sunday; false moves them to the next Monday",
            default=False,
        ),
    ),
)

QUIZ_SETTINGS = Schema(
    "the quiz settings",
    (Field("pass", ScalarType(Kind.INT, minimum=1, maximum=100), False, "percent of a role's questions answered right that passes its journey", default=80),),
)

XAPI_SETTINGS = Schema(
    "the xapi settings",
    (
        Field("endpoint", ScalarType(Kind.URL), True, "the LRS's xAPI base URL"),
        Field("key", TEXT, False, "base64 of user:password of a write-only key (every learner can read it)"),
    ),
)

ENGINES: tuple[str, ...] = ("mkdocs", "zensical")

PROJECT = Schema(
    "journeys.yml",
    (
        Field("title", TEXT, True, "the academy's name, shown on the portal"),
        Field("tool", TEXT, True, "the product being adopted"),
        Field("organization", TEXT, False, "who runs the academy"),
        Field("site_url", ScalarType(Kind.URL), False, "public address; role sites live at <site_url><role-id>/"),
        Field("review", ObjectType(REVIEW_SETTINGS), False, "the spaced-review schedule"),
        Field("outcomes", ListType(ObjectType(OUTCOME), unique_by="id", item_name="outcome"), False, "business outcomes"),
        Field("roles", ids_of("role", "role"), False, "which roles get a site, in portal order", default_doc="every file in content/roles, sorted by id"),
        Field("quiz", ObjectType(QUIZ_SETTINGS), False, "graded questions: the pass mark"),
        Field("engine", ScalarType(Kind.CHOICE, choices=ENGINES), False, "the site builder", default="mkdocs"),
        Field("xapi", ObjectType(XAPI_SETTINGS), False, "send learning records (xAPI statements) to this LRS", default_doc="no records are sent"),
        Field(
            "allow_unsafe_html",
            ScalarType(Kind.BOOL),
            False,
            "true lets Markdown hold <script>, <iframe> and on...= attributes (they would run in every learner's browser)",
            default=False,
        ),
    ),
)

STAGE = Schema(
    "a journey stage",
    (
        Field("title", TEXT, True, "the stage's name, e.g. 'Week 1 - Foundations'"),
        Field("workflows", ids_of("workflow", "workflow", min_items=1), True, "workflow ids, in learning order"),
    ),
)

ROLE = Schema(
    "a role",
    (
        Field("title", TEXT, True, "the role's name"),
        Field("summary", MD, True, "one or two sentences on what this role owns"),
        Field("mastery", ListType(MD, item_name="mastery item"), False, "what mastery looks like"),
        Field("journey", ListType(ObjectType(STAGE), min_items=1, item_name="stage"), True, "stages in learning order"),
        Field("pages", ids_of("page", "page"), False, "ids of content/pages to include"),
        Field("first_pages", ids_of("page", "page"), False, "ids of content/pages to include first, before the journey in the navigation (e.g. getting-started)"),
    ),
)

IMPACT = Schema(
    "an impact",
    (
        Field("role", ScalarType(Kind.ID, ref="role"), False, "the affected role's id"),
        Field("team", TEXT, False, "the affected team, when it has no site"),
        Field("if_skipped", MD, False, "what breaks when the step is skipped"),
        Field("if_wrong", MD, False, "what breaks when the step is done wrong"),
    ),
    exactly_one_of=(("role", "team"),),
    at_least_one_of=(("if_skipped", "if_wrong"),),
)

STEP = Schema(
    "a step",
    (
        Field("id", ID, False, "a stable id for the step (optional; keeps review history when steps move)"),
        Field("do", MD, True, "what to do, in the tool's words"),
        Field("why", MD, False, "why the step matters"),
        Field("impacts", ListType(ObjectType(IMPACT), item_name="impact"), False, "downstream impact of this step"),
    ),
)

TASK = Schema(
    "a task",
    (
        Field("id", ID, True, "unique within the workflow"),
        Field("title", TEXT, True, "the task's name"),
        Field("steps", ListType(EitherType(MD, ObjectType(STEP)), min_items=1, unique_by="id", item_name="step"), True, "steps in order"),
        Field("done_when", MD, False, "how the learner knows the task is done"),
        Field("pitfalls", ListType(MD, item_name="pitfall"), False, "common mistakes"),
    ),
)

REVIEW_ITEM = Schema(
    "a review item",
    (
        Field("question", MD, True, "what the learner should be able to answer"),
        Field("answer", BLOCK, False, "the answer, hidden until asked for"),
    ),
)

CHOICE = Schema(
    "a quiz choice",
    (
        Field("text", MD, True, "the choice as the learner reads it"),
        Field("correct", ScalarType(Kind.BOOL), False, "true for a right answer (at least one per question)"),
        Field("why", MD, False, "feedback shown once answered: why this choice is right or wrong"),
    ),
)

QUESTION = Schema(
    "a quiz question",
    (
        Field("question", MD, True, "a scenario the learner meets in the tool"),
        Field("choices", ListType(ObjectType(CHOICE), min_items=2, max_items=8, item_name="choice", require_any="correct"), True, "2 to 8 choices, at least one of them correct"),
    ),
)

WORKFLOW = Schema(
    "a workflow",
    (
        Field("title", TEXT, True, "the workflow's name"),
        Field("summary", MD, True, "what the workflow achieves"),
        Field("outcomes", ids_of("outcome", "outcome"), False, "outcome ids from journeys.yml"),
        Field("trigger", MD, False, "when you do this"),
        Field("before", BLOCK, False, "the old way of working"),
        Field("after", BLOCK, False, "the new way and what it saves"),
        Field("tasks", ListType(ObjectType(TASK), min_items=1, unique_by="id", item_name="task"), True, "tasks in order"),
        Field("review", ListType(ObjectType(REVIEW_ITEM), item_name="review item"), False, "spaced-review items"),
        Field("minutes", ScalarType(Kind.INT, minimum=1, maximum=600), False, "time to learn it, in whole minutes", default_doc="journeys' own estimate, marked \"about\""),
        Field("signals", ListType(MD, item_name="signal"), False, "what a manager can see in the tool when this workflow is really done"),
        Field("quiz", ListType(ObjectType(QUESTION), item_name="question"), False, "graded scenario questions"),
    ),
)
