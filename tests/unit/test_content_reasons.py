"""Tests for content/reasons.py: the twelve reasons load, complete, in a fixed order of ids."""

from __future__ import annotations

import dataclasses
import re

import pytest

from content import _loader, reasons
from content._loader import ContentError
from content.reasons import REASON_IDS, Reason, common_backfires, load_reasons

TEXT_FIELDS = ("id", "name", "summary", "underneath")
LIST_FIELDS = ("helps", "backfires", "first_steps", "say")


def test_loads_exactly_the_twelve_reasons_in_order() -> None:
    assert tuple(load_reasons()) == REASON_IDS
    assert len(REASON_IDS) == 12


@pytest.mark.parametrize("reason_id", REASON_IDS)
@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_every_text_field_is_filled(reason_id: str, field: str) -> None:
    value = getattr(load_reasons()[reason_id], field)
    assert isinstance(value, str)
    assert value.strip()


@pytest.mark.parametrize("reason_id", REASON_IDS)
@pytest.mark.parametrize("field", LIST_FIELDS)
def test_every_list_field_is_filled(reason_id: str, field: str) -> None:
    values = getattr(load_reasons()[reason_id], field)
    assert isinstance(values, tuple)
    assert values
    assert all(isinstance(v, str) and v.strip() for v in values)


@pytest.mark.parametrize("reason_id", REASON_IDS)
def test_words_fit_on_a_phone(reason_id: str) -> None:
    reason = load_reasons()[reason_id]
    assert len(reason.name) <= 45
    assert len(reason.summary) <= 110
    # "underneath" is one to three sentences.
    assert 1 <= reason.underneath.count(".") <= 3
    assert 1 <= len(reason.say) <= 2
    assert all(len(line) <= 160 for line in (*reason.helps, *reason.first_steps, *reason.say))


def test_reasons_are_frozen() -> None:
    reason = load_reasons()["blame"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        reason.name = "changed"  # type: ignore[misc]


def test_editing_the_returned_dict_does_not_leak() -> None:
    load_reasons().pop("blame")
    assert "blame" in load_reasons()


def test_common_backfires_are_filled_and_separate_from_reason_ones() -> None:
    common = common_backfires()
    assert len(common) >= 5
    assert all(line.strip() for line in common)
    for reason in load_reasons().values():
        assert not set(reason.backfires) & set(common)


def test_names_are_distinct() -> None:
    names = [r.name for r in load_reasons().values()]
    assert len(set(names)) == len(names)


# --- a broken file fails loudly -----------------------------------------------------------------


def _reason_table(reason_id: str) -> dict[str, object]:
    return {
        "id": reason_id,
        "name": "Name",
        "summary": "Summary.",
        "underneath": "Underneath.",
        "helps": ["Help."],
        "backfires": ["Backfire."],
        "first_steps": ["Step."],
        "say": ["Line."],
    }


@pytest.fixture
def fake_file(monkeypatch: pytest.MonkeyPatch):
    """Swap the parsed file for a test table, clearing the caches before and after."""

    def install(data: dict[str, object]) -> None:
        monkeypatch.setattr(reasons, "read_toml", lambda name: data)
        reasons._reasons.cache_clear()
        reasons.common_backfires.cache_clear()

    yield install
    reasons._reasons.cache_clear()
    reasons.common_backfires.cache_clear()


def _good_file() -> dict[str, object]:
    return {"common_backfires": ["x"], "reason": [_reason_table(i) for i in REASON_IDS]}


def test_the_fake_file_itself_loads(fake_file) -> None:
    fake_file(_good_file())
    assert tuple(load_reasons()) == REASON_IDS
    assert isinstance(load_reasons()["blame"], Reason)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["reason"][0].pop("underneath"), "missing field 'underneath'"),
        (lambda d: d["reason"][1].update(helps=[]), "'helps'"),
        (lambda d: d["reason"][2].update(say=["  "]), "'say'"),
        (lambda d: d["reason"][3].update(name=""), "'name' is empty"),
        (lambda d: d["reason"].pop(), "missing reasons ['avoidance']"),
        (lambda d: d["reason"].append(_reason_table("pride")), "unknown reasons ['pride']"),
        (lambda d: d["reason"].append(_reason_table("blame")), "more than once"),
        (lambda d: d["reason"].__setitem__(0, "blame"), "not a table"),
    ],
)
def test_broken_reasons_raise_content_error(fake_file, change, message: str) -> None:
    data = _good_file()
    change(data)
    fake_file(data)
    with pytest.raises(ContentError, match=re.escape(message)):
        load_reasons()


def test_missing_common_backfires_raise(fake_file) -> None:
    data = _good_file()
    del data["common_backfires"]
    fake_file(data)
    with pytest.raises(ContentError, match="common_backfires"):
        common_backfires()


def test_real_file_is_valid_toml() -> None:
    assert "reason" in _loader.read_toml("reasons.toml")
