"""The Home page's words, loaded from ``home.toml``: the welcome, the next steps, where you are.

:func:`load` returns one frozen :class:`HomeContent`; a missing or empty field fails at load with
the field named. Which stage gets which words is decided in ``guide/journey.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from types import MappingProxyType
from typing import Any

from content._loader import ContentError, read_toml, require, require_strings
from content.language import per_language

FILE = "home.toml"


@dataclass(frozen=True)
class Welcome:
    """The first visit: what Open Door can and cannot do, the privacy promise, safety first."""

    title: str
    lead: str
    can_title: str
    can: tuple[str, ...]
    cannot: str
    privacy: str
    safety_title: str
    safety: str
    safety_link: str
    start: str
    start_note: str


@dataclass(frozen=True)
class Dashboard:
    """Headings and short lines of a later visit's dashboard."""

    title: str
    next_title: str
    plan_title: str
    plan_link: str
    chart_empty: str
    numbers: str
    where_title: str
    more_title: str
    safety_title: str
    safety_lead: str


@dataclass(frozen=True)
class StageWords:
    """One stage's next step: a title, one or two sentences, and the button's label."""

    title: str
    text: str
    action: str


@dataclass(frozen=True)
class Milestones:
    """The labels of the "where you are" list and the words for each state."""

    quiz: str
    script: str
    plan: str
    review: str
    done: str
    in_progress: str
    not_yet: str
    draft: str
    week: str
    begins: str
    due: str
    after: str


@dataclass(frozen=True)
class HomeContent:
    """Everything the Home page says."""

    welcome: Welcome
    dashboard: Dashboard
    stages: Mapping[str, StageWords]
    milestones: Milestones


def _strings(cls: type, table: dict[str, Any], where: str) -> Any:
    """Build a dataclass whose fields are all text (tuples of text for ``can``)."""
    values: dict[str, Any] = {}
    for item in fields(cls):
        if item.name == "can":
            values[item.name] = require_strings(table, item.name, where)
        else:
            values[item.name] = require(table, item.name, str, where)
    return cls(**values)


@per_language
def load() -> HomeContent:
    """Read and check ``home.toml`` once per process."""
    raw = read_toml(FILE)
    stages_raw = require(raw, "stages", dict, FILE)
    stages = {}
    for stage_id, table in stages_raw.items():
        if not isinstance(table, dict):
            raise ContentError(f"{FILE}: stages.{stage_id} should be a table")
        stages[stage_id] = _strings(StageWords, table, f"{FILE} stages.{stage_id}")
    return HomeContent(
        welcome=_strings(Welcome, require(raw, "welcome", dict, FILE), f"{FILE} welcome"),
        dashboard=_strings(Dashboard, require(raw, "dashboard", dict, FILE), f"{FILE} dashboard"),
        stages=MappingProxyType(stages),
        milestones=_strings(
            Milestones, require(raw, "milestones", dict, FILE), f"{FILE} milestones"
        ),
    )
