"""What a backup holds beside what a space holds now, in words, before a restore (pure).

The My data page reads both sides as plain dicts of tables (a backup's private tables, and the
space's own ``dump()``) and asks :func:`contents` for each. Which table holds what is passed in as
:class:`Tables`, built by the page from the constants the features already define, so no table
name is written here. :func:`compare` then lines the two up, one row per kind of thing, saying
what comes back, what it replaces and what would be removed. Damaged records are skipped, never
raised: a summary must not stop a restore that the strict backup checks already allowed.

Every word is said in the run's language (:mod:`content.messages`), dates through
:mod:`guide.formatting`; a row's ``kind`` and ``outcome`` are the same in every language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from content.messages import t, tn
from guide.formatting import date_words, read_day
from guide.plan import Cycle, Rating, rated_weeks
from guide.weeks import WEEKS

Docs = Sequence[Mapping[str, Any]]
CHECK_INS = ("nightly", "weekly")  # the routine-log entries that are check-ins


@dataclass(frozen=True)
class Tables:
    """The private tables each kind of thing lives in (names come from the features' constants)."""

    quiz: str
    script_draft: str
    script_versions: str
    plan_cycles: str
    plan_ratings: str
    journal: str
    routine_log: str
    safety_plan: str


@dataclass(frozen=True)
class Contents:
    """What one side (a backup, or the space now) holds, reduced to what a person recognises."""

    quiz_results: int = 0
    quiz_latest: date | None = None
    quiz_reason: str = ""  # the name of the likeliest reason of the latest result, if one stood out
    quiz_safety: bool = False  # the latest result put safety first
    script_draft: bool = False
    script_versions: int = 0
    plan_start: date | None = None
    plan_targets: int = 0
    plan_weeks_rated: int = 0
    journal_lines: int = 0
    check_ins: int = 0
    safety_plan: bool = False


@dataclass(frozen=True)
class Row:
    """One line of the comparison: what it is, each side in words, and what a restore does.

    ``topic`` and both sides are in the run's language; ``kind`` names the topic in every
    language (one of :data:`KINDS`).
    """

    topic: str
    backup: str
    now: str
    outcome: str  # "comes back", "replaces", "removed", "same" or "none"
    kind: str = ""


KINDS = ("quiz", "script", "plan", "journal", "check_ins", "own_safety_plan")


def _docs(tables: Mapping[str, Any], name: str) -> list[Mapping[str, Any]]:
    found = tables.get(name)
    if not isinstance(found, list):
        return []
    return [doc for doc in found if isinstance(doc, Mapping)]


def _quiz(docs: Docs) -> tuple[int, date | None, str, bool]:
    dated = [(day, doc) for doc in docs if (day := read_day(doc.get("taken_at"))) is not None]
    if not dated:
        return len(docs), None, "", False
    latest_day, latest = max(dated, key=lambda pair: str(pair[1].get("taken_at")))
    safety = bool(latest.get("safety_flagged")) or bool(latest.get("safety_declined"))
    reason = ""
    top = latest.get("top")
    if not safety and isinstance(top, list) and top:
        for scored in latest.get("ranked") or []:
            if isinstance(scored, Mapping) and scored.get("reason_id") == top[0]:
                name = scored.get("name")
                reason = name if isinstance(name, str) else ""
    return len(docs), latest_day, reason, safety


def _has_words(value: object) -> bool:
    """True when a stored draft or plan holds any typed text at all."""
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, Mapping):
        return any(_has_words(v) for k, v in value.items() if k not in ("_id", "key"))
    if isinstance(value, list | tuple):
        return any(_has_words(v) for v in value)
    return False


def _plan(cycles: Docs, ratings: Docs) -> tuple[date | None, int, int]:
    active = []
    for doc in cycles:
        if doc.get("active") is not True:
            continue
        try:
            active.append(Cycle.from_dict(doc))
        except (ValueError, TypeError, KeyError):
            continue
    if not active:
        return None, 0, 0
    cycle = max(active, key=lambda c: c.start)
    ids = set(cycle.target_ids)
    read = []
    for doc in ratings:
        try:
            rating = Rating.from_dict(doc)
        except (ValueError, TypeError, KeyError):
            continue
        if rating.target_id in ids:
            read.append(rating)
    return cycle.start, len(cycle.targets), len(rated_weeks(cycle, read))


def contents(private: Mapping[str, Any], tables: Tables) -> Contents:
    """What a private compartment's tables hold, in the terms :class:`Contents` uses."""
    results, latest, reason, safety = _quiz(_docs(private, tables.quiz))
    start, targets, weeks = _plan(
        _docs(private, tables.plan_cycles), _docs(private, tables.plan_ratings)
    )
    routines = _docs(private, tables.routine_log)
    return Contents(
        quiz_results=results,
        quiz_latest=latest,
        quiz_reason=reason,
        quiz_safety=safety,
        script_draft=any(
            _has_words(doc.get("draft")) for doc in _docs(private, tables.script_draft)
        ),
        script_versions=len(_docs(private, tables.script_versions)),
        plan_start=start,
        plan_targets=targets,
        plan_weeks_rated=weeks,
        journal_lines=len(_docs(private, tables.journal)),
        check_ins=sum(1 for doc in routines if doc.get("routine") in CHECK_INS),
        safety_plan=any(_has_words(doc) for doc in _docs(private, tables.safety_plan)),
    )


def _quiz_words(c: Contents) -> str:
    n = c.quiz_results
    if not n:
        return ""
    if c.quiz_latest is None:
        return tn("{count} quiz result", "{count} quiz results", n)
    day = date_words(c.quiz_latest)
    if c.quiz_safety:
        return tn(
            "{count} quiz result, the latest taken {date}, which put safety first",
            "{count} quiz results, the latest taken {date}, which put safety first",
            n,
            date=day,
        )
    if c.quiz_reason:
        return tn(
            "{count} quiz result, the latest taken {date}, most likely reason: {reason}",
            "{count} quiz results, the latest taken {date}, most likely reason: {reason}",
            n,
            date=day,
            reason=c.quiz_reason,
        )
    return tn(
        "{count} quiz result, the latest taken {date}",
        "{count} quiz results, the latest taken {date}",
        n,
        date=day,
    )


def _script_words(c: Contents) -> str:
    n = c.script_versions
    if c.script_draft and n:
        return tn(
            "a script in progress and {count} saved version",
            "a script in progress and {count} saved versions",
            n,
        )
    if c.script_draft:
        return t("a script in progress")
    if n:
        return tn("{count} saved version", "{count} saved versions", n)
    return ""


def _plan_words(c: Contents) -> str:
    if c.plan_start is None:
        return ""
    return tn(
        "a plan started {date} with {count} target, {rated} of {weeks} weeks rated",
        "a plan started {date} with {count} targets, {rated} of {weeks} weeks rated",
        c.plan_targets,
        date=date_words(c.plan_start),
        rated=c.plan_weeks_rated,
        weeks=WEEKS,
    )


def topic_name(kind: str) -> str:
    """A kind of thing's name as a row's heading ("Six-week plan"), in the run's language."""
    names = {
        "quiz": t("Quiz"),
        "script": t("Script"),
        "plan": t("Six-week plan"),
        "journal": t("Journal"),
        "check_ins": t("Check-ins"),
        "own_safety_plan": t("Safety plan"),
    }
    return names[kind]


def _lost_name(kind: str) -> str:
    """A kind of thing as a restore would take it away ("your journal")."""
    names = {
        "quiz": t("your quiz results"),
        "script": t("your script"),
        "plan": t("your six-week plan"),
        "journal": t("your journal"),
        "check_ins": t("your check-ins"),
        "own_safety_plan": t("your safety plan"),
    }
    return names[kind]


def _topics(c: Contents) -> list[tuple[str, str]]:
    journal = tn("{count} line", "{count} lines", c.journal_lines) if c.journal_lines else ""
    check_ins = tn("{count} check-in", "{count} check-ins", c.check_ins) if c.check_ins else ""
    return [
        ("quiz", _quiz_words(c)),
        ("script", _script_words(c)),
        ("plan", _plan_words(c)),
        ("journal", journal),
        ("check_ins", check_ins),
        ("own_safety_plan", t("yes") if c.safety_plan else ""),
    ]


def compare(backup: Contents, now: Contents) -> list[Row]:
    """One row per kind of thing: the backup's side, the space's side, and what a restore does."""
    rows = []
    for (kind, theirs), (_, ours) in zip(_topics(backup), _topics(now), strict=True):
        if theirs and ours:
            outcome = "same" if theirs == ours else "replaces"
        elif theirs:
            outcome = "comes back"
        elif ours:
            outcome = "removed"
        else:
            outcome = "none"
        nothing = t("no") if kind == "own_safety_plan" else t("nothing")
        rows.append(Row(topic_name(kind), theirs or nothing, ours or nothing, outcome, kind))
    return rows


# What a restore does to a row, in English (as the catalogue knows it; :func:`outcome_words`
# says it in the run's language).
OUTCOME_WORDS = {
    "comes back": "Comes back from the backup",
    "replaces": "Yours is replaced by the backup's",
    "removed": "Yours is removed: the backup has none",
    "same": "Looks the same on both sides",
    "none": "Nothing on either side",
}


def outcome_words(outcome: str) -> str:
    """What a restore does to a row, in the run's language."""
    words = {
        "comes back": t("Comes back from the backup"),
        "replaces": t("Yours is replaced by the backup's"),
        "removed": t("Yours is removed: the backup has none"),
        "same": t("Looks the same on both sides"),
        "none": t("Nothing on either side"),
    }
    return words[outcome]


def losses(rows: Sequence[Row]) -> list[str]:
    """The topics a restore would empty (the space has some, the backup none), to say first."""
    return [row.topic for row in rows if row.outcome == "removed"]


def lost_words(rows: Sequence[Row]) -> list[str]:
    """What a restore would empty, as it takes them away ("your journal"), to say first."""
    return [_lost_name(row.kind) for row in rows if row.outcome == "removed" and row.kind]
