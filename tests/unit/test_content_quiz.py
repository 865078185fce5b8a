"""Tests for content/quiz.py: items and scales load, point at real reasons, keep the house rules."""

from __future__ import annotations

import copy
import dataclasses
import re
from typing import Any

import pytest

from content import quiz
from content._loader import ContentError, read_toml
from content.quiz import QuizItem, Scale, intro, load_quiz, load_scales, safety_intro
from content.reasons import REASON_IDS, load_reasons

ITEMS = load_quiz()
ITEM_IDS = [item.id for item in ITEMS]
SCORED = [item for item in ITEMS if item.kind != "safety"]
SAFETY = [item for item in ITEMS if item.kind == "safety"]

# Words that describe the partner's character rather than what they say or do.
LABEL_WORDS = ("proud", "stubborn", "selfish", "immature", "lazy", "narciss", "in denial")


def test_item_count_is_within_the_brief() -> None:
    assert 14 <= len(ITEMS) <= 20
    assert len(SAFETY) == 5


def test_ids_are_unique() -> None:
    assert len(set(ITEM_IDS)) == len(ITEM_IDS)


def test_safety_items_come_last() -> None:
    kinds = [item.kind for item in ITEMS]
    assert kinds[-len(SAFETY) :] == ["safety"] * len(SAFETY)
    assert "safety" not in kinds[: -len(SAFETY)]


@pytest.mark.parametrize("item", ITEMS, ids=ITEM_IDS)
def test_item_is_complete_and_short(item: QuizItem) -> None:
    assert item.kind in ("signal", "context", "safety")
    assert item.text.strip()
    # One item at a time on a phone: keep the question itself short.
    assert len(item.text) <= 100
    assert item.hint is None or (item.hint.strip() and len(item.hint) <= 80)
    assert item.scale.id in load_scales()


@pytest.mark.parametrize("item", SCORED, ids=[i.id for i in SCORED])
def test_scored_item_weights_point_at_existing_reasons(item: QuizItem) -> None:
    assert item.weights
    reasons = load_reasons()
    for reason_id, weight in item.weights.items():
        assert reason_id in reasons
        assert weight > 0


@pytest.mark.parametrize("item", SAFETY, ids=[i.id for i in SAFETY])
def test_safety_item_has_no_weights_and_starts_with_no(item: QuizItem) -> None:
    assert dict(item.weights) == {}
    assert item.scale.options == ("No", "Not sure", "Yes")


@pytest.mark.parametrize("item", ITEMS, ids=ITEM_IDS)
def test_items_describe_behaviour_not_labels(item: QuizItem) -> None:
    words = f"{item.text} {item.hint or ''}".lower()
    assert not [w for w in LABEL_WORDS if w in words]


@pytest.mark.parametrize("reason_id", REASON_IDS)
def test_every_reason_has_a_main_item(reason_id: str) -> None:
    assert any(item.weights.get(reason_id, 0) >= 1.0 for item in SCORED)


def test_only_the_refuses_all_item_points_at_avoidance() -> None:
    pointing = [item.id for item in SCORED if "avoidance" in item.weights]
    assert pointing == ["refuses_all"]
    assert next(i for i in SCORED if i.id == "refuses_all").kind == "context"


@pytest.mark.parametrize(
    ("topic", "item_id"),
    [
        ("earlier therapy", "past_therapy"),
        ("money and time", "money_time"),
        ("refused every form of help", "refuses_all"),
    ],
)
def test_context_items_exist(topic: str, item_id: str) -> None:
    assert item_id in {item.id for item in ITEMS if item.kind == "context"}, topic


@pytest.mark.parametrize(
    ("item_id", "words"),
    [
        ("safety_harm", "hurt you physically"),
        ("safety_afraid", "afraid to say"),
        ("safety_control", "control"),
        ("safety_sex", "sex"),
        ("safety_self_harm", "hurt themselves"),
    ],
)
def test_safety_screen_covers_the_brief(item_id: str, words: str) -> None:
    item = next(i for i in SAFETY if i.id == item_id)
    assert words in item.text


@pytest.mark.parametrize(
    ("scale_id", "options", "values"),
    [
        ("frequency", ("Never", "Rarely", "Sometimes", "Often"), (0.0, 1.0, 2.0, 3.0)),
        ("safety", ("No", "Not sure", "Yes"), (0.0, 1.0, 2.0)),
        ("agreement", ("Not at all", "A little", "Quite a bit", "Very much"), (0, 1, 2, 3)),
    ],
)
def test_scales(scale_id: str, options: tuple[str, ...], values: tuple[float, ...]) -> None:
    scale = load_scales()[scale_id]
    assert scale.options == options
    assert scale.values == values


@pytest.mark.parametrize("scale", list(load_scales().values()), ids=list(load_scales()))
def test_scale_values_start_at_zero_and_never_go_down(scale: Scale) -> None:
    assert len(scale.values) == len(scale.options)
    assert scale.values[0] == 0
    assert list(scale.values) == sorted(scale.values)
    assert scale.top_value > 0


def test_intros_are_calm_and_mention_emergency_help() -> None:
    assert intro().strip()
    assert "911" in safety_intro()
    assert "Not sure" in safety_intro()


def test_items_are_frozen_and_weights_read_only() -> None:
    item = SCORED[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        item.text = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        item.weights["blame"] = 9.0  # type: ignore[index]
    assert hash(item) == hash(dataclasses.replace(item))


# --- a broken file fails loudly -----------------------------------------------------------------


@pytest.fixture
def fake_file(monkeypatch: pytest.MonkeyPatch):
    """Swap the parsed quiz file for a test table, clearing caches before and after."""

    def install(data: dict[str, Any]) -> None:
        monkeypatch.setattr(quiz, "read_toml", lambda name: data)
        quiz._scales.cache_clear()
        quiz.load_quiz.cache_clear()

    yield install
    quiz._scales.cache_clear()
    quiz.load_quiz.cache_clear()


def _real_file() -> dict[str, Any]:
    return copy.deepcopy(read_toml("quiz.toml"))


def _item(data: dict[str, Any], item_id: str) -> dict[str, Any]:
    return next(i for i in data["item"] if i["id"] == item_id)


def test_the_copied_file_loads(fake_file) -> None:
    fake_file(_real_file())
    assert [i.id for i in load_quiz()] == ITEM_IDS


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: _item(d, "takes_sides")["weights"].update(pride=1.0), "unknown reason 'pride'"),
        (lambda d: _item(d, "takes_sides")["weights"].update(blame=0), "positive number"),
        (lambda d: _item(d, "takes_sides")["weights"].update(blame=-1.0), "positive number"),
        (lambda d: _item(d, "takes_sides")["weights"].update(blame=True), "positive number"),
        (lambda d: _item(d, "takes_sides")["weights"].update(blame=float("nan")), "positive"),
        (lambda d: _item(d, "takes_sides").update(weights={}), "at least one weight"),
        (lambda d: _item(d, "takes_sides").pop("weights"), "missing field 'weights'"),
        (lambda d: _item(d, "takes_sides").update(scale="mood"), "unknown scale 'mood'"),
        (lambda d: _item(d, "takes_sides").update(scale="safety"), "safety items, and only"),
        (lambda d: _item(d, "safety_harm").update(scale="frequency"), "safety items, and only"),
        (lambda d: _item(d, "safety_harm").update(weights={"blame": 1.0}), "carry no weights"),
        (lambda d: _item(d, "takes_sides").update(kind="label"), "kind should be one of"),
        (lambda d: _item(d, "takes_sides").update(text=" "), "'text' is empty"),
        (lambda d: _item(d, "takes_sides").update(hint=""), "'hint' is empty"),
        (lambda d: d["item"].append(dict(_item(d, "couch"))), "more than once"),
        (lambda d: d["item"].append(d["item"].pop(0)), "after every other item"),
        (lambda d: d["scale"][0].update(values=[0, 2, 1, 3]), "never go down"),
        (lambda d: d["scale"][0].update(values=[1, 2, 3, 4]), "start at 0"),
        (lambda d: d["scale"][0].update(values=[0, 1]), "one number per option"),
        (lambda d: d["scale"][0].update(values=[0, 0, 0, 0]), "above 0"),
        (lambda d: d["scale"][0].update(options=["Only"]), "at least two options"),
        (lambda d: d["scale"].append(dict(d["scale"][0])), "appears more than once"),
        (lambda d: d.update(scale=[s for s in d["scale"] if s["id"] != "safety"]), "missing"),
    ],
)
def test_broken_quiz_raises_content_error(fake_file, change, message: str) -> None:
    data = _real_file()
    change(data)
    fake_file(data)
    with pytest.raises(ContentError, match=re.escape(message)):
        load_quiz()


def test_default_scale_values_are_the_option_indices() -> None:
    assert Scale("s", ("a", "b", "c")).values == (0.0, 1.0, 2.0)
    assert Scale("s", ("a", "b"), (0.0, 5.0)).top_value == 5.0
