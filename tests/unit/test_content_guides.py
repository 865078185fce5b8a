"""Tests for content/guides.py: both guides and the first-session explainer load complete and calm."""

from __future__ import annotations

import copy
import dataclasses
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from content import guides
from content._loader import ContentError, read_toml
from content.guides import (
    FirstSession,
    GoingAlone,
    TherapistGuide,
    first_session_explainer,
    load_going_alone,
    load_therapist,
)
from guide.tone import check

APP_PAGES = Path(__file__).resolve().parents[2] / "app_pages"
LOADERS: dict[str, Callable[[], object]] = {
    "going_alone": load_going_alone,
    "therapist": load_therapist,
    "first_session": first_session_explainer,
}
# The checklist stores answers under these ids, so changing one orphans saved checklists.
LOOK_FOR_IDS = ("couples_focus", "evidence_based", "reluctant_partners", "neutral", "rapport")
QUESTION_IDS = ("hesitant", "sides", "first_sessions", "how_long", "not_working")


def texts(obj: object) -> Iterator[tuple[str, str]]:
    """Every (path, text) pair inside a content object, depth first."""
    if isinstance(obj, str):
        yield "", obj
    elif dataclasses.is_dataclass(obj):
        for spec in dataclasses.fields(obj):
            for path, text in texts(getattr(obj, spec.name)):
                yield f".{spec.name}{path}", text
    elif isinstance(obj, tuple):
        assert obj, "an empty list slipped through the loader"
        for i, item in enumerate(obj):
            for path, text in texts(item):
                yield f"[{i}]{path}", text
    else:
        raise AssertionError(f"unexpected {type(obj).__name__} in content")


def all_texts() -> list[tuple[str, str]]:
    return [
        (f"{name}{path}", text) for name, load in LOADERS.items() for path, text in texts(load())
    ]


@pytest.fixture
def fresh(monkeypatch) -> Iterator[Callable[[dict[str, Any]], None]]:
    """Serve a changed copy of guides.toml to the loaders, with their caches cleared around it."""

    def use(data: dict[str, Any]) -> None:
        monkeypatch.setattr(guides, "read_toml", lambda name: data)
        for load in LOADERS.values():
            load.cache_clear()  # type: ignore[attr-defined]

    yield use
    for load in LOADERS.values():
        load.cache_clear()  # type: ignore[attr-defined]


def leaf_paths(table: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Paths to every text value and every list of text in the TOML tree."""
    if isinstance(table, dict):
        for key, value in table.items():
            yield from leaf_paths(value, (*prefix, key))
    elif isinstance(table, list) and table and isinstance(table[0], dict):
        for i, item in enumerate(table):
            yield from leaf_paths(item, (*prefix, i))
    else:
        yield prefix


RAW = read_toml(guides.FILE)
LEAVES = list(leaf_paths(RAW))


def test_loaders_return_their_types() -> None:
    assert isinstance(load_going_alone(), GoingAlone)
    assert isinstance(load_therapist(), TherapistGuide)
    assert isinstance(first_session_explainer(), FirstSession)


@pytest.mark.parametrize(("path", "text"), all_texts(), ids=[p for p, _ in all_texts()])
def test_every_field_is_filled_and_tidy(path: str, text: str) -> None:
    assert text.strip(), path
    assert text == text.strip(), f"{path} has stray spaces"
    assert "  " not in text, f"{path} has a double space"


@pytest.mark.parametrize(("path", "text"), all_texts(), ids=[p for p, _ in all_texts()])
def test_our_own_words_pass_the_tone_check_they_teach(path: str, text: str) -> None:
    assert check(text) == (), path


@pytest.mark.parametrize(
    ("field", "limit"),
    [("title", 60), ("label", 60), ("question", 90), ("text", 260), ("intro", 260)],
)
def test_words_fit_on_a_phone(field: str, limit: int) -> None:
    found = [(p, t) for p, t in all_texts() if p.rsplit(".", 1)[-1] == field]
    assert found, f"no {field} fields at all"
    too_long = [p for p, t in found if len(t) > limit]
    assert not too_long, too_long


def test_checklist_ids_are_the_stored_ones() -> None:
    guide = load_therapist()
    assert tuple(item.id for item in guide.look_for.items) == LOOK_FOR_IDS
    assert tuple(item.id for item in guide.questions.items) == QUESTION_IDS


@pytest.mark.parametrize(
    "wanted", ["sliding_scale", "community_clinics", "group_workshops", "intensives", "telehealth"]
)
def test_therapist_cost_options_cover_the_brief(wanted: str) -> None:
    assert wanted in {item.id for item in load_therapist().cost.items}


@pytest.mark.parametrize(
    "wanted", ["meaning", "your_part", "speaking_up", "what_you_want", "grieving"]
)
def test_going_alone_covers_what_individual_support_helps_with(wanted: str) -> None:
    assert wanted in {item.id for item in load_going_alone().helps.items}


@pytest.mark.parametrize("wanted", ["same_issue", "their_feelings", "consequences"])
def test_going_alone_covers_stepping_back_from_the_emotional_work(wanted: str) -> None:
    assert wanted in {item.id for item in load_going_alone().emotional_work.items}


def test_next_steps_point_at_real_pages_including_plan_and_safety() -> None:
    pages = [step.page for step in load_going_alone().next.steps]
    assert {"plan", "safety"} <= set(pages)
    for page in pages:
        assert (APP_PAGES / f"{page}.py").is_file(), page


@pytest.mark.parametrize(
    "pattern",
    [
        r"\byour partner\b",
        r"\bpartner says\b",
        r"\bhe\b",
        r"\bshe\b",
        r"\bhis\b",
        r"\bher\b",
        r"\bblame\b",
        r"\bfault\b",
    ],
)
def test_first_session_reads_the_same_to_either_partner(pattern: str) -> None:
    # "who is at fault" is said to be *not* the focus; anything else about fault or blame is not ok.
    for path, text in texts(first_session_explainer()):
        cleaned = text.replace("not on who is at fault", "")
        assert not re.search(pattern, cleaned, flags=re.I), (path, text)


def test_first_session_has_the_four_parts_and_the_third_or_fourth_session() -> None:
    explainer = first_session_explainer()
    assert [step.id for step in explainer.steps] == ["what_brings_you", "patterns", "goals", "tool"]
    assert "confidential" in explainer.steps[2].text
    assert any("third or fourth session" in line for line in explainer.closing)


@given(
    fits=st.integers(0, 5),
    answers=st.integers(0, 5),
)
def test_checklist_summary_says_both_counts(fits: int, answers: int) -> None:
    line = load_therapist().checklist.summary(fits, 5, answers, 5)
    assert f"{fits} of 5" in line and f"{answers} of 5" in line
    assert "{" not in line


@given(st.integers(1, 3))
def test_tab_label_names_the_candidate_number(n: int) -> None:
    assert load_therapist().checklist.tab_label(n).endswith(str(n))


def test_content_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        first_session_explainer().title = "changed"  # type: ignore[misc]


def _without(path: tuple[Any, ...]) -> dict[str, Any]:
    data = copy.deepcopy(RAW)
    holder = data
    for step in path[:-1]:
        holder = holder[step]
    del holder[path[-1]]
    return data


def _blank(path: tuple[Any, ...]) -> dict[str, Any]:
    data = copy.deepcopy(RAW)
    holder = data
    for step in path[:-1]:
        holder = holder[step]
    holder[path[-1]] = [] if isinstance(holder[path[-1]], list) else "  "
    return data


def _loader_for(path: tuple[Any, ...]) -> Callable[[], object]:
    return LOADERS[path[0]]


@pytest.mark.parametrize("path", LEAVES, ids=["/".join(map(str, p)) for p in LEAVES])
def test_every_field_in_the_file_is_required(fresh, path: tuple[Any, ...]) -> None:
    fresh(_without(path))
    with pytest.raises(ContentError):
        _loader_for(path)()


@pytest.mark.parametrize("path", LEAVES, ids=["/".join(map(str, p)) for p in LEAVES])
def test_a_blank_field_is_refused(fresh, path: tuple[Any, ...]) -> None:
    fresh(_blank(path))
    with pytest.raises(ContentError):
        _loader_for(path)()


@pytest.mark.parametrize(
    ("table", "loader"),
    [
        (("going_alone", "helps", "item"), load_going_alone),
        (("going_alone", "emotional_work", "item"), load_going_alone),
        (("therapist", "look_for", "item"), load_therapist),
        (("therapist", "questions", "item"), load_therapist),
        (("first_session", "step"), first_session_explainer),
    ],
)
def test_duplicate_ids_are_refused(fresh, table: tuple[str, ...], loader) -> None:
    data = copy.deepcopy(RAW)
    holder = data
    for step in table:
        holder = holder[step]
    holder.append(copy.deepcopy(holder[0]))
    fresh(data)
    with pytest.raises(ContentError, match="unique"):
        loader()


@pytest.mark.parametrize("field", ["candidate_tab", "summary_line"])
def test_a_wrong_placeholder_is_refused(fresh, field: str) -> None:
    data = copy.deepcopy(RAW)
    data["therapist"]["checklist"][field] = "Oops {missing}"
    fresh(data)
    with pytest.raises(ContentError, match="placeholder"):
        load_therapist()


def test_a_missing_guide_table_is_named(fresh) -> None:
    data = copy.deepcopy(RAW)
    del data["first_session"]
    fresh(data)
    with pytest.raises(ContentError, match="first_session"):
        first_session_explainer()
