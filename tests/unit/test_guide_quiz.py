"""Tests for guide/quiz.py: scoring that is explained, honest, monotone, stable and storable."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from content.quiz import QuizItem, load_quiz, load_result_words
from content.reasons import REASON_IDS, load_reasons
from guide.quiz import (
    MAX_TOP,
    MIN_SCORE,
    Because,
    QuizResult,
    compare,
    headline,
    not_enough_why,
    progress,
    reread,
    result_from_dict,
    result_to_dict,
    score,
)

ITEMS = load_quiz()
REASONS = load_reasons()
BY_ID = {item.id: item for item in ITEMS}
SCORED = [item for item in ITEMS if item.kind != "safety"]
SAFETY = [item for item in ITEMS if item.kind == "safety"]


def answers(**chosen: str) -> dict[str, int]:
    """Every item answered at its lowest option ("Never", "No" ...), except those named by label."""
    result = {item.id: 0 for item in ITEMS}
    for item_id, label in chosen.items():
        result[item_id] = BY_ID[item_id].scale.options.index(label)
    return result


# --- every reason can come out on top ------------------------------------------------------------

# For each reason, how a user describing a partner from the brief would answer.
PARTNERS = [
    (
        "blame",
        "takes_sides",
        {"takes_sides": "Often", "you_need_it": "Sometimes", "were_fine": "Rarely"},
    ),
    (
        "you_problem",
        "you_need_it",
        {"you_need_it": "Often", "takes_sides": "Rarely", "were_fine": "Sometimes"},
    ),
    (
        "no_problem",
        "were_fine",
        {"were_fine": "Often", "wont_work": "Rarely", "cost_said": "Rarely"},
    ),
    ("stigma", "for_broken", {"for_broken": "Often", "couch": "Sometimes"}),
    (
        "vulnerability",
        "feelings",
        {"feelings": "Often", "what_happens": "Rarely", "our_business": "Rarely"},
    ),
    ("privacy", "our_business", {"our_business": "Often", "feelings": "Rarely"}),
    ("hopeless", "wont_work", {"wont_work": "Often", "past_therapy": "Yes, and it was mixed"}),
    ("cost_time", "cost_said", {"cost_said": "Often", "money_time": "Very much"}),
    (
        "bad_past",
        "past_therapy",
        {"past_therapy": "Yes, and it went badly", "wont_work": "Sometimes"},
    ),
    ("unfamiliar", "couch", {"couch": "Often", "what_happens": "Sometimes"}),
    ("fear_change", "means_breakup", {"means_breakup": "Often", "feelings": "Rarely"}),
    (
        "avoidance",
        "refuses_all",
        {"refuses_all": "Very much", "were_fine": "Often", "wont_work": "Sometimes"},
    ),
]


def test_the_partner_table_covers_every_reason() -> None:
    assert sorted(reason for reason, _, _ in PARTNERS) == sorted(REASON_IDS)


@pytest.mark.parametrize(("reason_id", "item_id", "chosen"), PARTNERS, ids=[p[0] for p in PARTNERS])
def test_every_reason_is_reachable_as_the_top_result(
    reason_id: str, item_id: str, chosen: dict[str, str]
) -> None:
    result = score(answers(**chosen), ITEMS, REASONS)
    assert result.top[0] == reason_id
    assert result.confidence == "clear"
    first = result.ranked[0]
    assert first.reason_id == reason_id
    assert first.name == REASONS[reason_id].name
    assert first.because[0].item_id == item_id
    assert first.because[0].text == BY_ID[item_id].text
    assert first.because[0].answer == chosen[item_id]
    assert not result.safety_flagged


def test_because_lists_the_strongest_answer_first() -> None:
    result = score(answers(takes_sides="Sometimes", you_need_it="Often"), ITEMS, REASONS)
    blame = next(s for s in result.ranked if s.reason_id == "blame")
    assert [b.item_id for b in blame.because] == ["takes_sides", "you_need_it"]
    assert [b.answer for b in blame.because] == ["Sometimes", "Often"]
    contributions = [b.contribution for b in blame.because]
    assert contributions == sorted(contributions, reverse=True)


def test_general_reluctance_never_points_at_avoidance() -> None:
    reluctant = answers(
        takes_sides="Often",
        were_fine="Often",
        wont_work="Often",
        feelings="Sometimes",
        cost_said="Sometimes",
        refuses_all="Not at all",
    )
    result = score(reluctant, ITEMS, REASONS)
    avoidance = next(s for s in result.ranked if s.reason_id == "avoidance")
    assert avoidance.score == 0
    assert "avoidance" not in result.top


def test_refusing_every_kind_of_help_outweighs_the_reason_given() -> None:
    result = score(answers(were_fine="Often", refuses_all="Very much"), ITEMS, REASONS)
    assert result.top[0] == "avoidance"


def test_good_earlier_therapy_is_no_sign_of_a_bad_one() -> None:
    result = score(answers(past_therapy="Yes, and it went well"), ITEMS, REASONS)
    bad_past = next(s for s in result.ranked if s.reason_id == "bad_past")
    assert bad_past.score == 0
    assert bad_past.because == ()


# --- honest confidence -------------------------------------------------------------------------


def test_all_lowest_answers_claim_no_reason() -> None:
    result = score(answers(), ITEMS, REASONS)
    assert result.top == ()
    assert result.confidence == "not_enough"
    assert all(s.score == 0 and s.because == () for s in result.ranked)


def test_no_answers_at_all_claim_no_reason() -> None:
    result = score({}, ITEMS, REASONS)
    assert (result.top, result.confidence, result.answered) == ((), "not_enough", 0)
    assert result.total == len(ITEMS)


def test_too_few_answers_claim_no_reason_even_with_a_strong_signal() -> None:
    few = {"takes_sides": 3, "you_need_it": 0, "were_fine": 0}
    result = score(few, ITEMS, REASONS)
    assert result.ranked[0].reason_id == "blame"
    assert result.top == ()
    assert result.confidence == "not_enough"


def test_flat_scores_claim_no_reason() -> None:
    flat = answers(
        takes_sides="Often",
        were_fine="Often",
        for_broken="Often",
        our_business="Often",
        wont_work="Often",
        cost_said="Often",
    )
    result = score(flat, ITEMS, REASONS)
    assert result.top == ()
    assert result.confidence == "not_enough"


def test_a_single_rarely_is_not_enough() -> None:
    result = score(answers(takes_sides="Rarely"), ITEMS, REASONS)
    assert result.top == ()
    assert result.confidence == "not_enough"


@pytest.mark.parametrize(
    ("chosen", "skipped", "top", "confidence"),
    [
        ({"takes_sides": "Often"}, 0, ("blame",), "clear"),
        ({"takes_sides": "Sometimes"}, 0, ("blame",), "some"),
        ({"takes_sides": "Often"}, 5, ("blame",), "some"),
        # Equal scores: the reason whose questions were answered highest across the board leads.
        ({"takes_sides": "Often", "wont_work": "Often"}, 0, ("hopeless", "blame"), "clear"),
        (
            {"takes_sides": "Often", "wont_work": "Often", "feelings": "Often"},
            0,
            ("hopeless", "blame", "vulnerability"),
            "some",
        ),
        ({"takes_sides": "Often"}, 8, (), "not_enough"),
    ],
)
def test_confidence_table(
    chosen: dict[str, str], skipped: int, top: tuple[str, ...], confidence: str
) -> None:
    given_answers = answers(**chosen)
    # Skip scored items from the end of the list, never the ones the row chose.
    for item in [i for i in reversed(SCORED) if i.id not in chosen][:skipped]:
        del given_answers[item.id]
    result = score(given_answers, ITEMS, REASONS)
    assert result.top == top
    assert result.confidence == confidence


# --- safety ------------------------------------------------------------------------------------


@pytest.mark.parametrize("label", ["Not sure", "Yes"])
@pytest.mark.parametrize("item", SAFETY, ids=[i.id for i in SAFETY])
def test_any_safety_answer_but_no_flags_safety(item: QuizItem, label: str) -> None:
    result = score(answers(takes_sides="Often", **{item.id: label}), ITEMS, REASONS)
    assert result.safety_flagged
    assert result.safety_items == (item.id,)


def test_safety_answers_do_not_move_reason_scores() -> None:
    calm = score(answers(takes_sides="Often"), ITEMS, REASONS)
    worried = score(answers(takes_sides="Often", safety_harm="Yes"), ITEMS, REASONS)
    assert calm.ranked == worried.ranked


def test_unanswered_safety_items_are_reported_not_flagged() -> None:
    given_answers = answers(takes_sides="Often")
    del given_answers["safety_sex"]
    result = score(given_answers, ITEMS, REASONS)
    assert not result.safety_flagged
    assert result.safety_unanswered == ("safety_sex",)


# --- odd input --------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [-1, 4, 99, True, "3", 2.0, None])
def test_invalid_answers_count_as_unanswered(bad: Any) -> None:
    given_answers: dict[str, Any] = answers(takes_sides="Often")
    given_answers["were_fine"] = bad
    result = score(given_answers, ITEMS, REASONS)
    assert result.answered == len(ITEMS) - 1
    assert all(b.item_id != "were_fine" for s in result.ranked for b in s.because)


def test_answers_for_unknown_items_are_ignored() -> None:
    given_answers = answers(takes_sides="Often")
    assert score({**given_answers, "retired_item": 3}, ITEMS, REASONS) == score(
        given_answers, ITEMS, REASONS
    )


def test_weight_towards_an_unknown_reason_is_an_error() -> None:
    broken = replace(SCORED[0], weights={"pride": 1.0})
    with pytest.raises(ValueError, match="pride"):
        score({}, (broken,), REASONS)


# --- progress ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answered_ids", "expected"),
    [
        ([], (0, len(ITEMS), 0)),
        ([ITEMS[0].id], (1, len(ITEMS), 1)),
        ([ITEMS[1].id], (1, len(ITEMS), 0)),
        ([i.id for i in ITEMS[:7]], (7, len(ITEMS), 7)),
        ([i.id for i in ITEMS], (len(ITEMS), len(ITEMS), None)),
    ],
)
def test_progress(answered_ids: list[str], expected: tuple[int, int, int | None]) -> None:
    assert progress(dict.fromkeys(answered_ids, 0), ITEMS) == expected


def test_progress_skips_invalid_answers() -> None:
    assert progress({ITEMS[0].id: 42}, ITEMS) == (0, len(ITEMS), 0)


# --- storage round trip -------------------------------------------------------------------------


def _round_trip(result: QuizResult) -> QuizResult:
    return result_from_dict(json.loads(json.dumps(result_to_dict(result), allow_nan=False)))


@pytest.mark.parametrize(("reason_id", "item_id", "chosen"), PARTNERS, ids=[p[0] for p in PARTNERS])
def test_round_trip_of_every_partner(reason_id: str, item_id: str, chosen: dict[str, str]) -> None:
    result = score(answers(**chosen, safety_control="Not sure"), ITEMS, REASONS)
    assert _round_trip(result) == result


def _stored() -> dict[str, Any]:
    return result_to_dict(score(answers(takes_sides="Often"), ITEMS, REASONS))


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda d: d.update(version=2), "version"),
        (lambda d: d.pop("ranked"), "ranked"),
        (lambda d: d.update(confidence="certain"), "confidence"),
        (lambda d: d.update(top="blame"), "top"),
        (lambda d: d.update(top=[1]), "top"),
        (lambda d: d.update(safety_flagged="no"), "safety_flagged"),
        (lambda d: d.update(answered=True), "answered"),
        (lambda d: d["ranked"][0].update(score="high"), "score"),
        (lambda d: d["ranked"][0].update(score=False), "score"),
        (lambda d: d["ranked"][0]["because"][0].pop("answer"), "answer"),
        (lambda d: d["ranked"].__setitem__(0, "blame"), "not a table"),
        (lambda d: d["ranked"][0]["because"].append(None), "not a table"),
    ],
)
def test_damaged_results_raise_value_error(damage, message: str) -> None:
    stored = _stored()
    damage(stored)
    with pytest.raises(ValueError, match=message):
        result_from_dict(stored)


@pytest.mark.parametrize("stored", [None, [], "result", 3])
def test_a_stored_result_that_is_not_a_table_raises_value_error(stored: Any) -> None:
    with pytest.raises(ValueError, match="not a table"):
        result_from_dict(stored)


def test_older_results_without_safety_unanswered_still_load() -> None:
    stored = _stored()
    del stored["safety_unanswered"]
    assert result_from_dict(stored).safety_unanswered == ()


def test_stored_dict_is_plain_json() -> None:
    stored = _stored()
    assert json.loads(json.dumps(stored)) == stored


# --- compare -------------------------------------------------------------------------------------


def _result(safety: bool = False, **chosen: str) -> QuizResult:
    extra = {"safety_harm": "Yes"} if safety else {}
    return score(answers(**chosen, **extra), ITEMS, REASONS)


@pytest.mark.parametrize(
    ("previous", "current", "expected"),
    [
        (
            _result(takes_sides="Often"),
            _result(takes_sides="Often"),
            [],
        ),
        (
            _result(takes_sides="Often"),
            _result(wont_work="Often"),
            [
                "“Doesn't believe it will help” now stands out most. "
                "Last time it was “Fear of being blamed”.",
                "“Fear of being blamed” no longer stands out.",
            ],
        ),
        (
            _result(takes_sides="Often"),
            _result(takes_sides="Often", feelings="Often"),
            ["“Dreads opening up” now stands out, which it did not last time."],
        ),
        (
            _result(takes_sides="Often"),
            _result(takes_sides="Often", safety=True),
            [
                "This time your answers to the safety questions raised a concern. "
                "Please look at the safety help first."
            ],
        ),
        (
            _result(takes_sides="Often", safety=True),
            _result(takes_sides="Often"),
            [
                "Last time your answers to the safety questions raised a concern; "
                "this time they did not."
            ],
        ),
        (
            _result(takes_sides="Often"),
            _result(),
            [
                "“Fear of being blamed” no longer stands out.",
                "This time your answers did not point clearly to any reason.",
            ],
        ),
        (
            _result(takes_sides="Sometimes"),
            _result(takes_sides="Often"),
            ["Your answers give a clearer picture than last time."],
        ),
        (
            _result(takes_sides="Often"),
            _result(takes_sides="Sometimes"),
            ["Your answers give a less clear picture than last time."],
        ),
    ],
)
def test_compare(previous: QuizResult, current: QuizResult, expected: list[str]) -> None:
    assert compare(previous, current) == expected


def test_compare_with_no_previous_result_says_nothing() -> None:
    assert compare(None, _result(takes_sides="Often")) == []


def test_compare_notices_different_safety_answers() -> None:
    previous = score(answers(takes_sides="Often", safety_harm="Yes"), ITEMS, REASONS)
    current = score(answers(takes_sides="Often", safety_control="Not sure"), ITEMS, REASONS)
    assert compare(previous, current) == [
        "Some of your answers to the safety questions are different from last time."
    ]


# --- invariants ---------------------------------------------------------------------------------


@st.composite
def answer_sets(draw: st.DrawFn) -> dict[str, int]:
    """Any mix of answered and skipped items, with valid option indices."""
    chosen: dict[str, int] = {}
    for item in ITEMS:
        index = draw(st.none() | st.integers(0, len(item.scale.options) - 1))
        if index is not None:
            chosen[item.id] = index
    return chosen


def _scores(result: QuizResult) -> dict[str, float]:
    return {s.reason_id: s.score for s in result.ranked}


@settings(max_examples=300, deadline=None)
@given(answer_sets(), st.sampled_from(SCORED), st.data())
def test_raising_an_answer_never_lowers_a_reason_it_weighs_towards(
    given_answers: dict[str, int], item: QuizItem, data: st.DataObject
) -> None:
    top = len(item.scale.options) - 1
    low = data.draw(st.integers(0, top))
    high = data.draw(st.integers(low, top))
    before = _scores(score({**given_answers, item.id: low}, ITEMS, REASONS))
    after = _scores(score({**given_answers, item.id: high}, ITEMS, REASONS))
    for reason_id in item.weights:
        assert after[reason_id] >= before[reason_id]
    # Answering at all (from skipped) never lowers anything either.
    skipped = {k: v for k, v in given_answers.items() if k != item.id}
    unanswered = _scores(score(skipped, ITEMS, REASONS))
    assert all(before[r] >= unanswered[r] for r in REASON_IDS)


@settings(max_examples=100, deadline=None)
@given(st.sets(st.sampled_from([i.id for i in ITEMS])))
def test_lowest_answers_on_any_subset_claim_no_reason(answered_ids: set[str]) -> None:
    result = score(dict.fromkeys(answered_ids, 0), ITEMS, REASONS)
    assert result.top == ()
    assert result.confidence == "not_enough"
    assert not result.safety_flagged


@settings(max_examples=200, deadline=None)
@given(answer_sets(), st.randoms(use_true_random=False))
def test_scoring_is_deterministic_and_ignores_answer_order(
    given_answers: dict[str, int], rng: random.Random
) -> None:
    pairs = list(given_answers.items())
    rng.shuffle(pairs)
    first = score(given_answers, ITEMS, REASONS)
    assert score(dict(given_answers), ITEMS, REASONS) == first
    assert score(dict(pairs), ITEMS, REASONS) == first
    assert result_to_dict(score(dict(pairs), ITEMS, REASONS)) == result_to_dict(first)


@settings(max_examples=200, deadline=None)
@given(answer_sets())
def test_safety_flag_matches_safety_answers(given_answers: dict[str, int]) -> None:
    result = score(given_answers, ITEMS, REASONS)
    concerns = tuple(i.id for i in SAFETY if given_answers.get(i.id, 0) > 0)
    assert result.safety_items == concerns
    assert result.safety_flagged == bool(concerns)


@settings(max_examples=200, deadline=None)
@given(answer_sets())
def test_result_shape_invariants(given_answers: dict[str, int]) -> None:
    result = score(given_answers, ITEMS, REASONS)
    assert [s.reason_id for s in result.ranked[: len(result.top)]] == list(result.top)
    assert sorted(s.reason_id for s in result.ranked) == sorted(REASON_IDS)
    assert len(result.top) <= MAX_TOP
    assert all(0.0 <= s.strength <= 1.0 for s in result.ranked)
    assert all(s.score >= MIN_SCORE for s in result.ranked[: len(result.top)])
    assert (result.confidence == "not_enough") == (result.top == ())
    assert result.answered == len(given_answers)
    assert result.total == len(ITEMS)
    if given_answers.get("refuses_all", 0) == 0:
        assert "avoidance" not in result.top


@settings(max_examples=200, deadline=None)
@given(answer_sets())
def test_results_survive_a_storage_round_trip(given_answers: dict[str, int]) -> None:
    result = score(given_answers, ITEMS, REASONS)
    assert _round_trip(result) == result


# --- only what the answers support (issue 14, points 5-8) ---------------------------------------


def _raising(item: QuizItem, index: int) -> bool:
    """The upper half of the item's scale (for four options: the third and fourth)."""
    return 2 * index >= len(item.scale.options) and item.scale.values[index] > 0


def test_a_rarely_is_not_evidence() -> None:
    result = score(answers(couch="Rarely", what_happens="Often"), ITEMS, REASONS)
    unfamiliar = next(s for s in result.ranked if s.reason_id == "unfamiliar")
    assert [b.item_id for b in unfamiliar.because] == ["what_happens"]
    assert all(b.answer != "Rarely" for s in result.ranked for b in s.because)


def test_almost_everything_rarely_names_no_reason() -> None:
    quiet = {item.id: "Rarely" for item in SCORED if item.scale.id == "frequency"}
    result = score(
        answers(
            **quiet,
            past_therapy="No, or I don't know",
            money_time="A little",
            refuses_all="A little",
        ),
        ITEMS,
        REASONS,
    )
    assert result.top == ()
    assert result.confidence == "not_enough"
    assert all(s.because == () for s in result.ranked)
    assert not_enough_why(result) == "quiet"


def test_everything_sometimes_is_flat_and_says_so() -> None:
    flat = {item.id: 2 for item in SCORED}
    result = score({**answers(), **flat}, ITEMS, REASONS)
    assert result.top == ()
    assert not_enough_why(result) == "flat"


def test_few_answers_are_explained_as_few() -> None:
    result = score({"takes_sides": 3}, ITEMS, REASONS)
    assert not_enough_why(result) == "few"


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        ({"takes_sides": "Often"}, "lead_clear_one"),
        ({"takes_sides": "Often", "wont_work": "Often"}, "lead_clear_many"),
        ({"takes_sides": "Sometimes"}, "lead_some_one"),
        (
            {"takes_sides": "Often", "wont_work": "Often", "feelings": "Often"},
            "lead_some_many",
        ),
    ],
)
def test_the_lead_sentence_follows_the_count(chosen: dict[str, str], expected: str) -> None:
    words = load_result_words()
    result = score(answers(**chosen), ITEMS, REASONS)
    assert headline(result) == getattr(words, expected)
    if len(result.top) == 1:
        assert "these reasons" not in headline(result)
        assert "one reason" in headline(result).lower()


@settings(max_examples=300, deadline=None)
@given(answer_sets())
def test_evidence_lists_contain_only_raising_answers(given_answers: dict[str, int]) -> None:
    result = score(given_answers, ITEMS, REASONS)
    for scored in result.ranked:
        for because in scored.because:
            item = BY_ID[because.item_id]
            index = given_answers[because.item_id]
            assert because.answer == item.scale.options[index]
            assert _raising(item, index), (because.item_id, because.answer)
    # A reason is named only with evidence behind it.
    named = {s.reason_id: s for s in result.ranked}
    assert all(named[reason_id].because for reason_id in result.top)


@st.composite
def quiet_answer_sets(draw: st.DrawFn) -> dict[str, int]:
    """Any mix of skipped items and answers at or below the middle of their scale."""
    chosen: dict[str, int] = {}
    for item in ITEMS:
        middle = (len(item.scale.options) - 1) // 2
        index = draw(st.none() | st.integers(0, middle))
        if index is not None:
            chosen[item.id] = index
    return chosen


@settings(max_examples=300, deadline=None)
@given(quiet_answer_sets())
def test_quiet_answers_never_name_a_reason(given_answers: dict[str, int]) -> None:
    result = score(given_answers, ITEMS, REASONS)
    assert result.confidence != "clear"
    assert result.top == ()
    assert all(s.because == () for s in result.ranked)
    assert not_enough_why(result) in ("quiet", "few")


def test_an_older_result_is_read_by_todays_rules() -> None:
    """A result stored when quiet answers still counted names only what raising answers support."""
    result = score(answers(takes_sides="Often"), ITEMS, REASONS)
    quiet = Because("couch", BY_ID["couch"].text, "Rarely", 0.33)
    blame, *rest = result.ranked
    avoidance = next(s for s in rest if s.reason_id == "avoidance")
    old = replace(
        result,
        ranked=(
            replace(blame, because=(*blame.because, quiet)),
            replace(avoidance, score=0.5, because=(Because("refuses_all", "…", "A little", 0.5),)),
            *(s for s in rest if s.reason_id != "avoidance"),
        ),
        top=("blame", "avoidance"),
    )
    read = reread(old, ITEMS)
    assert read.top == ("blame",)
    ranked = {s.reason_id: s for s in read.ranked}
    assert [b.answer for b in ranked["blame"].because] == ["Often"]
    assert ranked["avoidance"].because == ()
    # Nothing left standing out: the honest "not enough".
    only_quiet = replace(old, top=("avoidance",))
    assert reread(only_quiet, ITEMS).top == ()
    assert reread(only_quiet, ITEMS).confidence == "not_enough"
    # A result scored today reads the same.
    assert reread(result, ITEMS) == result
