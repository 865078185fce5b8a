"""The plan's data model: targets and their history, ratings, validation, cycles, round trips."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from content import plan as words
from guide.plan import (
    DECISIONS,
    MAX_TARGETS,
    NOTE_LIMIT,
    RATERS,
    RATING_VALUES,
    ROUTINES,
    TARGET_LIMIT,
    Cycle,
    Decision,
    PlanError,
    Rating,
    RoutineEntry,
    Target,
    decide,
    edit_cycle_target,
    edit_target,
    make_cycle,
    make_target,
    new_id,
    next_cycle,
    rate,
    rated_weeks,
    ratings_by,
    target_hint,
    target_suggestions,
    validate_rating,
)

START = date(2025, 3, 5)  # a Wednesday


def day(offset: int) -> date:
    """A day relative to the start of the test cycle."""
    return START + timedelta(days=offset)


@pytest.fixture
def cycle() -> Cycle:
    """A cycle with three targets starting on a Wednesday."""
    targets = [
        make_target("No phones at dinner", "t1"),
        make_target("One date night a week", "t2"),
        make_target("Let each other finish sentences", "t3"),
    ]
    return make_cycle("c1", START, targets)


def rating(target_id: str = "t1", week: int = 1, value: str = "kept", **kw: object) -> Rating:
    """A rating with sensible defaults."""
    return Rating(target_id, week, value, rated_on=kw.pop("rated_on", day(0)), **kw)  # type: ignore[arg-type]


# --- targets ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "tidy"),
    [
        ("No phones at dinner", "No phones at dinner"),
        ("  No   phones\tat dinner \n", "No phones at dinner"),
        ("x", "x"),
    ],
)
def test_make_target_tidies_whitespace(raw: str, tidy: str) -> None:
    assert make_target(raw, "a") == Target(id="a", text=tidy)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "few words"),
        ("   \n", "few words"),
        ("x" * (TARGET_LIMIT + 1), "please cut 1 character"),
    ],
)
def test_make_target_refuses_empty_or_overlong(raw: str, message: str) -> None:
    with pytest.raises(PlanError, match=message):
        make_target(raw, "a")


def test_edit_target_keeps_every_earlier_wording_in_order() -> None:
    target = make_target("Be nicer", "a")
    once = edit_target(target, "Say thank you once a day", day(3))
    twice = edit_target(once, "Say thank you for one thing each day", day(10))
    assert twice.id == "a"
    assert twice.text == "Say thank you for one thing each day"
    assert twice.history == ((day(3), "Be nicer"), (day(10), "Say thank you once a day"))
    assert target.history == ()  # the original is untouched


@pytest.mark.parametrize("same", ["Be nicer", "  Be   nicer  "])
def test_editing_to_the_same_words_adds_no_history(same: str) -> None:
    target = make_target("Be nicer", "a")
    assert edit_target(target, same, day(1)) is target


def test_editing_to_nothing_is_refused() -> None:
    with pytest.raises(PlanError):
        edit_target(make_target("Be nicer", "a"), "  ", day(1))


# --- cycles ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("texts", "message"),
    [
        ([], "at least one"),
        (["a", "b", "c", "d"], "up to three"),
        (["No phones", "no  PHONES"], "same wording"),
    ],
)
def test_make_cycle_refuses_bad_target_sets(texts: list[str], message: str) -> None:
    targets = [make_target(text, f"t{i}") for i, text in enumerate(texts)]
    with pytest.raises(PlanError, match=message):
        make_cycle("c", START, targets)


@pytest.mark.parametrize("count", range(1, MAX_TARGETS + 1))
def test_make_cycle_accepts_one_to_three_targets(count: int) -> None:
    targets = [make_target(f"Target {i}", f"t{i}") for i in range(count)]
    cycle = make_cycle("c", START, targets)
    assert cycle.target_ids == tuple(f"t{i}" for i in range(count))
    assert cycle.review_on == START + timedelta(days=42)
    assert cycle.decision is None


def test_edit_cycle_target_rewords_one_target_only(cycle: Cycle) -> None:
    edited = edit_cycle_target(cycle, "t2", "Two date nights a month", day(8))
    assert edited.target("t2") == Target(
        "t2", "Two date nights a month", ((day(8), "One date night a week"),)
    )
    assert edited.target("t1") == cycle.target("t1")
    assert edited.target("t3") == cycle.target("t3")


@pytest.mark.parametrize(
    ("target_id", "text", "message"),
    [
        ("nope", "Anything", "isn't part of this plan"),
        ("t2", "No phones at dinner", "same wording"),
    ],
)
def test_edit_cycle_target_refusals(cycle: Cycle, target_id: str, text: str, message: str) -> None:
    with pytest.raises(PlanError, match=message):
        edit_cycle_target(cycle, target_id, text, day(1))


def test_decide_records_choice_and_timeline(cycle: Cycle) -> None:
    decided = decide(
        cycle,
        "ask_again",
        day(42),
        note="  I'll bring the chart.  ",
        timeline={"wait": "until summer", "change": "  ", "non_negotiables": "no yelling"},
    )
    assert decided.decision == Decision(
        option="ask_again",
        decided_on=day(42),
        note="I'll bring the chart.",
        timeline=(("wait", "until summer"), ("non_negotiables", "no yelling")),
    )
    again = decide(decided, "keep_going", day(43))
    assert again.decision is not None and again.decision.option == "keep_going"


def test_decide_refuses_unknown_options(cycle: Cycle) -> None:
    with pytest.raises(PlanError, match="choices listed"):
        decide(cycle, "give_up", day(42))


def test_next_cycle_carries_targets_with_history_and_fresh_ids(cycle: Cycle) -> None:
    old = edit_cycle_target(cycle, "t1", "No phones at meals", day(4))
    new = next_cycle(old, "c2", day(42))
    assert new.previous_id == "c1"
    assert new.start == day(42)
    assert [t.text for t in new.targets] == [t.text for t in old.targets]
    assert new.targets[0].history == ((day(4), "No phones at dinner"),)
    assert set(new.target_ids).isdisjoint(old.target_ids)
    assert new.decision is None
    # Ratings from the old cycle cannot land on the new one by accident.
    with pytest.raises(PlanError, match="isn't part of this plan"):
        validate_rating(new, rating("t1", 1), day(43))
    assert validate_rating(new, rating(new.target_ids[0], 1, rated_on=day(43)), day(43)) is None


def test_next_cycle_without_targets_and_start_checks(cycle: Cycle) -> None:
    empty = next_cycle(cycle, "c2", day(50), keep_targets=False)
    assert empty.targets == () and empty.previous_id == "c1"
    for bad_start in (START, day(-1)):
        with pytest.raises(PlanError, match="after the last one began"):
            next_cycle(cycle, "c2", bad_start)


def test_new_id_is_random_and_plain() -> None:
    ids = {new_id() for _ in range(50)}
    assert len(ids) == 50
    assert all(re.fullmatch(r"[0-9a-f]{16}", i) for i in ids)


# --- ratings ---------------------------------------------------------------------------------


def test_rating_again_updates_in_place_and_never_duplicates() -> None:
    ratings = rate([], rating("t1", 1, "not"))
    ratings = rate(ratings, rating("t2", 1, "kept"))
    ratings = rate(ratings, rating("t1", 1, "partly", note="better by Friday"))
    assert [(r.target_id, r.week, r.value) for r in ratings] == [
        ("t1", 1, "partly"),
        ("t2", 1, "kept"),
    ]
    assert ratings[0].note == "better by Friday"


def test_owner_and_partner_ratings_are_kept_apart() -> None:
    ratings = rate([], rating("t1", 1, "kept", rater="owner"))
    ratings = rate(ratings, rating("t1", 1, "not", rater="partner"))
    assert len(ratings) == 2
    assert [r.value for r in ratings_by(ratings, "owner")] == ["kept"]
    assert [r.value for r in ratings_by(ratings, "partner")] == ["not"]


def test_rate_collapses_duplicates_already_in_the_list() -> None:
    messy = [rating("t1", 1, "not"), rating("t1", 1, "kept")]
    assert rate(messy, rating("t2", 1)) == [rating("t1", 1, "kept"), rating("t2", 1)]


@pytest.mark.parametrize(
    ("today_offset", "new", "message"),
    [
        (0, rating("t1", 2), "Week 2 hasn't started yet. You can rate it from Wednesday 12 March."),
        (13, rating("t1", 3), "Week 3 hasn't started yet"),
        (-5, rating("t1", 1), "Week 1 hasn't started yet"),
        (100, rating("t1", 7), "from 1 to 6"),
        (100, rating("t1", 0), "from 1 to 6"),
        (10, rating("zz", 1), "isn't part of this plan"),
        (10, rating("t1", 1, "maybe"), "kept, partly kept or not kept"),
        (10, rating("t1", 1, rater="friend"), "who made this rating"),
        (10, rating("t1", 1, note="x" * (NOTE_LIMIT + 1)), "please cut 1 character"),
    ],
)
def test_validate_rating_refuses_calmly(
    cycle: Cycle, today_offset: int, new: Rating, message: str
) -> None:
    with pytest.raises(PlanError) as caught:
        validate_rating(cycle, new, day(today_offset))
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("today_offset", "week"),
    [(0, 1), (6, 1), (7, 2), (30, 1), (30, 5), (41, 6), (42, 6), (300, 3)],
)
def test_validate_rating_accepts_begun_weeks_including_late_ones(
    cycle: Cycle, today_offset: int, week: int
) -> None:
    accepted = []
    for rater in RATERS:
        for value in RATING_VALUES:
            new = rating("t3", week, value, rater=rater, note="x" * NOTE_LIMIT)
            validate_rating(cycle, new, day(today_offset))  # raises PlanError if refused
            accepted = rate(accepted, new)
    assert len(accepted) == len(RATERS)  # one per rater: each value replaced the one before


def test_every_plan_message_is_calm() -> None:
    for text in words.messages().values():
        assert "!" not in text
        assert not re.search(r"\b(error|invalid|illegal|failed|wrong input)\b", text, re.I)
        assert len(text) <= 120


def test_rated_weeks_needs_every_target(cycle: Cycle) -> None:
    ratings = [rating(t, 1) for t in ("t1", "t2", "t3")] + [rating("t1", 2), rating("t2", 2)]
    ratings += [rating(t, 3, rater="partner") for t in ("t1", "t2", "t3")]
    assert rated_weeks(cycle, ratings) == {1}
    assert rated_weeks(cycle, ratings, rater="partner") == {3}
    assert rated_weeks(Cycle("e", START, ()), ratings) == set()


# --- hints -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("No phones at dinner", None),
        ("One date night a week", None),
        ("Let each other finish sentences", None),
        ("", None),
        ("   ", None),
        ("Be nicer", "Kindness"),
        ("be NICER to me", "Kindness"),
        ("Communicate better", "Talking"),
        ("Stop fighting", "disagree"),
        ("Spend more time together", "Closeness"),
        ("Listen to me", "Listening"),
        ("Help more around the house", "Sharing the load"),
        ("Less phone", "Screens"),
        ("More affection", "Affection"),
        ("Stop being so selfish", "something someone does"),
        ("I want to feel loved", "ordinary week"),
        ("More hugs", "ordinary week"),
        ("Try harder", "ordinary week"),
        (
            "We take a walk together every single evening after dinner, even when it rains",
            "Shorter",
        ),
    ],
)
def test_target_hint_table(text: str, expected: str | None) -> None:
    hint = target_hint(text)
    if expected is None:
        assert hint is None
    else:
        assert hint is not None and expected in hint


def test_vague_hint_offers_concrete_examples() -> None:
    hint = target_hint("be nicer")
    assert hint is not None
    suggestions = target_suggestions("be nicer")
    assert len(suggestions) >= 2
    assert all(s in hint for s in suggestions[:2])
    assert target_suggestions("No phones at dinner") == ()


@pytest.mark.parametrize("text", ["nicely done dishes", "Phoneless Sundays", "supportive notes"])
def test_hint_phrases_match_whole_words_only(text: str) -> None:
    # "nicer"/"support" must not fire inside other words ("supportive" is not "support").
    assert target_suggestions(text) == ()


def test_every_example_and_suggestion_passes_its_own_hint() -> None:
    texts = [e.text for e in words.target_examples()]
    texts += [s for p in words.vague_patterns() for s in p.suggestions]
    assert [t for t in texts if target_hint(t) is not None] == []


# --- constants match the content -------------------------------------------------------------


def test_model_constants_match_content_keys() -> None:
    assert set(RATING_VALUES) | {"unrated"} == set(words.rating_labels())
    assert set(ROUTINES) == set(words.routine_labels())
    assert set(DECISIONS) == {o.id for o in words.decision_options()}


# --- round trips -----------------------------------------------------------------------------

texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1))
ids = st.text("abcdef0123456789-", min_size=1, max_size=12)
targets_st = st.builds(
    Target, id=ids, text=texts, history=st.lists(st.tuples(dates, texts), max_size=3).map(tuple)
)
ratings_st = st.builds(
    Rating,
    target_id=ids,
    week=st.integers(1, 6),
    value=st.sampled_from(RATING_VALUES),
    note=texts,
    rater=st.sampled_from(RATERS),
    rated_on=dates,
)
decisions_st = st.builds(
    Decision,
    option=st.sampled_from(DECISIONS),
    decided_on=dates,
    note=texts,
    timeline=st.dictionaries(ids, texts, max_size=4).map(lambda d: tuple(d.items())),
)
cycles_st = st.builds(
    Cycle,
    id=ids,
    start=dates,
    targets=st.lists(targets_st, max_size=3).map(tuple),
    decision=st.none() | decisions_st,
    previous_id=st.none() | ids,
    book_id=st.none() | ids,
)
entries_st = st.builds(RoutineEntry, routine=st.sampled_from(ROUTINES), day=dates, note=texts)


@pytest.mark.parametrize(
    ("kind", "strategy"),
    [
        (Target, targets_st),
        (Rating, ratings_st),
        (Decision, decisions_st),
        (Cycle, cycles_st),
        (RoutineEntry, entries_st),
    ],
)
@given(data=st.data())
def test_dict_round_trips_through_json(
    kind: type, strategy: st.SearchStrategy, data: st.DataObject
) -> None:
    value = data.draw(strategy)
    text = json.dumps(value.to_dict(), allow_nan=False)
    assert kind.from_dict(json.loads(text)) == value


@pytest.mark.parametrize(
    ("kind", "record"),
    [
        (Target, None),
        (Target, {"id": "a", "text": "x"}),
        (
            Target,
            {"id": "a", "text": "x", "history": [{"changed_on": "yesterday", "old_text": "y"}]},
        ),
        (
            Rating,
            {
                "target_id": "a",
                "week": "1",
                "value": "kept",
                "note": "",
                "rater": "owner",
                "rated_on": "2025-01-01",
            },
        ),
        (
            Rating,
            {
                "target_id": "a",
                "week": True,
                "value": "kept",
                "note": "",
                "rater": "owner",
                "rated_on": "2025-01-01",
            },
        ),
        (
            Rating,
            {
                "target_id": "a",
                "week": 1,
                "value": "great",
                "note": "",
                "rater": "owner",
                "rated_on": "2025-01-01",
            },
        ),
        (
            Rating,
            {
                "target_id": "a",
                "week": 1,
                "value": "kept",
                "note": "",
                "rater": "boss",
                "rated_on": "2025-01-01",
            },
        ),
        (Decision, {"option": "leave_now", "decided_on": "2025-01-01", "note": "", "timeline": {}}),
        (
            Decision,
            {"option": "keep_going", "decided_on": "2025-01-01", "note": "", "timeline": {"a": 1}},
        ),
        (Cycle, {"id": "c", "start": "2025-01-01", "targets": {}, "decision": None}),
        (Cycle, {"id": "c", "start": "2025-01-01", "targets": [], "decision": None, "book_id": 3}),
        (RoutineEntry, {"routine": "yoga", "day": "2025-01-01", "note": ""}),
        (RoutineEntry, ["nightly", "2025-01-01"]),
    ],
)
def test_from_dict_refuses_malformed_records(kind: type, record: object) -> None:
    with pytest.raises(PlanError, match="could not be read"):
        kind.from_dict(record)


# --- safety mode: ideas for the person's own support and safety ---------------------------------


@pytest.mark.parametrize("vague", ["Be nicer", "Spend more time together", "Communicate better"])
def test_in_safety_mode_a_vague_target_is_offered_own_support_ideas(vague: str) -> None:
    from guide.plan import target_hint, target_suggestions

    own = {e.text for e in words.target_examples(own_support=True)}
    together = {e.text for e in words.target_examples()}
    suggested = target_suggestions(vague, own_support=True)
    assert suggested and set(suggested) <= own
    hint = target_hint(vague, own_support=True)
    assert hint is not None and words.safety_mode().hint in hint
    assert not any(t in hint for t in together)


def test_the_own_support_ideas_are_easy_to_rate_and_need_no_partner() -> None:
    from guide.plan import target_hint

    for example in words.target_examples(own_support=True):
        assert target_hint(example.text, own_support=True) is None, example.text
        assert not re.search(r"\b(?:we|us|our|together|partner)\b", example.text, re.I)
