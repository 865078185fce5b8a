"""The words of the two guides, Going alone and Choosing a therapist, loaded from ``guides.toml``.

:func:`load_going_alone` and :func:`load_therapist` return one frozen object per page;
:func:`first_session_explainer` returns the "what a first session is like" piece, which is written
to either partner so the partner view can show it as it is. Every field is required and non-empty;
a missing one raises :class:`~content._loader.ContentError` naming the table and field.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass, fields
from typing import Any, Protocol, TypeVar

from content._loader import ContentError, read_toml, require, require_strings
from content.language import per_language

FILE = "guides.toml"
_STRINGS = tuple[str, ...]
T = TypeVar("T")


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


Item = TypeVar("Item", bound=_HasId)


@dataclass(frozen=True)
class Entry:
    """A titled line with a stable id: something that helps, a cost option, a step."""

    id: str
    title: str
    text: str


@dataclass(frozen=True)
class Section:
    """A heading, a short lead-in, and its entries."""

    title: str
    intro: str
    items: tuple[Entry, ...]


@dataclass(frozen=True)
class Paragraphs:
    """A heading and a few short paragraphs."""

    title: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Shift:
    """How one person's change shifts the pattern, its honest limit, and a line to say."""

    title: str
    paragraphs: tuple[str, ...]
    caveat: str
    say_title: str
    say: str


@dataclass(frozen=True)
class Change:
    """One way to stop carrying all the emotional work, with an example of how it sounds."""

    id: str
    title: str
    text: str
    example: str


@dataclass(frozen=True)
class EmotionalWork:
    """Putting down some of the emotional load: the changes, what they are not, and a caution."""

    title: str
    intro: str
    items: tuple[Change, ...]
    not_punishment: str
    caution: str
    examples_label: str


@dataclass(frozen=True)
class Support:
    """Finding an individual therapist: what to look for and how to keep the cost down."""

    title: str
    intro: str
    look_for: tuple[str, ...]
    cost_title: str
    cost: tuple[Entry, ...]


@dataclass(frozen=True)
class NextStep:
    """A link to another page: ``page`` is its short name in ``ui/pages.py``."""

    id: str
    page: str
    label: str
    text: str


@dataclass(frozen=True)
class NextSteps:
    """Where to go from here."""

    title: str
    intro: str
    steps: tuple[NextStep, ...]


@dataclass(frozen=True)
class GoingAlone:
    """Everything the Going alone page says."""

    title: str
    lead: str
    safety_note: str
    not_giving_up: Paragraphs
    helps: Section
    shift: Shift
    emotional_work: EmotionalWork
    support: Support
    next: NextSteps


@dataclass(frozen=True)
class Question:
    """A question for a consultation and what a good answer sounds like."""

    id: str
    question: str
    listen_for: str


@dataclass(frozen=True)
class Questions:
    """The consultation questions."""

    title: str
    intro: str
    listen_label: str
    items: tuple[Question, ...]


@dataclass(frozen=True)
class ChecklistWords:
    """The labels of the choose-together checklist."""

    title: str
    jump_label: str
    intro: str
    tip: str
    candidate_tab: str
    name_label: str
    name_placeholder: str
    look_for_heading: str
    questions_heading: str
    answer_placeholder: str
    notes_label: str
    save_label: str
    saved: str
    summary_title: str
    summary_line: str
    summary_empty: str

    def tab_label(self, n: int) -> str:
        """The label of candidate ``n`` (counting from 1), used when no name is given."""
        return self.candidate_tab.format(n=n)

    def summary(self, fits: int, fits_total: int, answers: int, answers_total: int) -> str:
        """One candidate's progress in words."""
        return self.summary_line.format(
            fits=fits, fits_total=fits_total, answers=answers, answers_total=answers_total
        )


@dataclass(frozen=True)
class TherapistGuide:
    """Everything the Choosing a therapist page says (the first session is separate)."""

    title: str
    lead: str
    safety_note: str
    safety_title: str
    safety_lead: str
    checklist_hidden: str
    first_session_hint: str
    look_for: Section
    questions: Questions
    cost: Section
    checklist: ChecklistWords


@dataclass(frozen=True)
class FirstSession:
    """What a first couples session is like, written so either partner can read it."""

    title: str
    intro: str
    steps: tuple[Entry, ...]
    closing: tuple[str, ...]


def _build(cls: type[T], raw: Any, where: str, **parsed: Any) -> T:
    """Fill ``cls`` from ``raw``: text and lists of text are read here, the rest comes in ``parsed``."""
    if not isinstance(raw, dict):
        raise ContentError(f"{where}: should be a table")
    hints = typing.get_type_hints(cls)
    values: dict[str, Any] = {}
    for spec in fields(cls):  # type: ignore[arg-type]
        if spec.name in parsed:
            values[spec.name] = parsed[spec.name]
        elif hints[spec.name] is str:
            values[spec.name] = require(raw, spec.name, str, where)
        elif hints[spec.name] == _STRINGS:
            values[spec.name] = require_strings(raw, spec.name, where)
        else:  # a nested table the caller forgot to parse: a bug here, not in the file
            raise TypeError(f"{cls.__name__}.{spec.name} needs a parser")
    return cls(**values)


def _table(raw: Any, key: str, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise ContentError(f"{where}: should be a table")
    return require(raw, key, dict, where)


def _items(cls: type[Item], raw: dict[str, Any], key: str, where: str) -> tuple[Item, ...]:
    """A non-empty list of ``[[key]]`` tables as ``cls`` objects with unique ids."""
    tables = require(raw, key, list, where)
    if not tables:
        raise ContentError(f"{where}: {key!r} should list at least one entry")
    items = tuple(_build(cls, table, f"{where} {key} #{i + 1}") for i, table in enumerate(tables))
    ids = [item.id for item in items]
    if len(ids) != len(set(ids)):
        raise ContentError(f"{where}: {key} ids must be unique, got {ids}")
    return items


def _section(raw: dict[str, Any], where: str, key: str = "item") -> Section:
    return _build(Section, raw, where, items=_items(Entry, raw, key, where))


def _checklist(raw: dict[str, Any], where: str) -> ChecklistWords:
    words = _build(ChecklistWords, raw, where)
    try:
        words.tab_label(1)
        words.summary(1, 5, 1, 5)
    except (KeyError, IndexError, ValueError) as exc:
        raise ContentError(
            f"{where}: a placeholder in the checklist words is wrong: {exc}"
        ) from exc
    return words


@per_language
def load_going_alone() -> GoingAlone:
    """The Going alone page's words."""
    where = f"{FILE} [going_alone]"
    raw = _table(read_toml(FILE), "going_alone", FILE)
    work = _table(raw, "emotional_work", where)
    support = _table(raw, "support", where)
    upcoming = _table(raw, "next", where)
    return _build(
        GoingAlone,
        raw,
        where,
        not_giving_up=_build(
            Paragraphs, _table(raw, "not_giving_up", where), f"{where}.not_giving_up"
        ),
        helps=_section(_table(raw, "helps", where), f"{where}.helps"),
        shift=_build(Shift, _table(raw, "shift", where), f"{where}.shift"),
        emotional_work=_build(
            EmotionalWork,
            work,
            f"{where}.emotional_work",
            items=_items(Change, work, "item", f"{where}.emotional_work"),
        ),
        support=_build(
            Support,
            support,
            f"{where}.support",
            cost=_items(Entry, support, "cost", f"{where}.support"),
        ),
        next=_build(
            NextSteps,
            upcoming,
            f"{where}.next",
            steps=_items(NextStep, upcoming, "step", f"{where}.next"),
        ),
    )


@per_language
def load_therapist() -> TherapistGuide:
    """The Choosing a therapist page's words."""
    where = f"{FILE} [therapist]"
    raw = _table(read_toml(FILE), "therapist", FILE)
    questions = _table(raw, "questions", where)
    return _build(
        TherapistGuide,
        raw,
        where,
        look_for=_section(_table(raw, "look_for", where), f"{where}.look_for"),
        questions=_build(
            Questions,
            questions,
            f"{where}.questions",
            items=_items(Question, questions, "item", f"{where}.questions"),
        ),
        cost=_section(_table(raw, "cost", where), f"{where}.cost"),
        checklist=_checklist(_table(raw, "checklist", where), f"{where}.checklist"),
    )


@per_language
def first_session_explainer() -> FirstSession:
    """What a first couples session is like: neutral and warm, fit to show either partner."""
    where = f"{FILE} [first_session]"
    raw = _table(read_toml(FILE), "first_session", FILE)
    return _build(FirstSession, raw, where, steps=_items(Entry, raw, "step", where))
