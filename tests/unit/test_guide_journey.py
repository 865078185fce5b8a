"""The user's path: which stage each set of facts is at, the one next step, and where they stand."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from content.home import load as load_words
from guide.formatting import day
from guide.journey import (
    MILESTONE_OF,
    PLAN_SECTIONS,
    STAGES,
    Facts,
    PlanFacts,
    milestones,
    next_step,
    stage,
    weeks_phrase,
)
from ui import pages

START = date(2026, 3, 2)  # a Monday
REVIEW = START + timedelta(days=42)


def plan(**fields) -> PlanFacts:
    return PlanFacts(start=START, review_on=REVIEW, **fields)


RUNNING = plan(week=3, started=True)
WAITING = plan(week=0, started=False)
DUE = plan(week=3, started=True, due_weeks=(2,))
REVIEW_DUE = plan(week=6, started=True, review_due=True, finished=True)
DECIDED = plan(week=6, started=True, finished=True, decided=True)


@pytest.mark.parametrize(
    ("facts", "expected", "page"),
    [
        (Facts(), "start", "quiz"),
        (Facts(quiz_in_progress=True), "quiz_started", "quiz"),
        (Facts(has_result=True), "result", "script"),
        (Facts(has_result=True, quiz_in_progress=True), "result", "script"),
        (Facts(has_result=True, has_draft=True), "draft", "script"),
        (Facts(has_result=True, has_script=True), "script", "plan"),
        (Facts(has_script=True), "script", "plan"),
        (
            Facts(has_result=True, has_script=True, plan=WAITING),
            "plan_waiting",
            "plan",
        ),
        (
            Facts(has_result=True, has_script=True, plan=RUNNING),
            "plan_running",
            "plan",
        ),
        (Facts(plan=DUE), "ratings_due", "plan"),
        (Facts(plan=REVIEW_DUE), "review_due", "plan"),
        (Facts(plan=DECIDED), "decided", "plan"),
        (Facts(safety_mode=True), "safety", "safety"),
        (Facts(has_result=True, result_safety=True), "safety", "safety"),
        (Facts(has_script=True, plan=RUNNING, safety_mode=True), "safety", "safety"),
    ],
)
def test_stage_and_page(facts, expected, page):
    assert stage(facts) == expected
    step = next_step(facts)
    assert (step.stage, step.page) == (expected, page)


def test_due_ratings_come_before_the_review():
    both = plan(week=6, started=True, finished=True, review_due=True, due_weeks=(6,))
    assert stage(Facts(plan=both)) == "ratings_due"


@pytest.mark.parametrize(
    ("facts", "title", "section"),
    [
        (Facts(plan=RUNNING), "Keep going with week 3", "week"),
        (Facts(plan=DUE), "Week 2 is ready to rate", "week"),
        (Facts(plan=plan(week=4, started=True, due_weeks=(2, 3))), "Weeks 2 and 3 are", "week"),
        (Facts(plan=REVIEW_DUE), "Your six weeks are done", "review"),
        (Facts(plan=WAITING), "Your six weeks begin on Monday 2 March", None),
        (Facts(plan=DECIDED), "Your review is saved", None),
        (Facts(), "Take the quiz", None),
    ],
)
def test_next_step_words_are_filled_in(facts, title, section):
    step = next_step(facts)
    assert step.title.startswith(title)
    assert step.plan_section == section


def test_running_week_names_its_last_day():
    # Week 3 of a cycle starting Monday 2 March runs to Sunday 22 March.
    assert "Sunday 22 March" in next_step(Facts(plan=RUNNING)).text


@pytest.mark.parametrize(
    ("weeks", "phrase"),
    [
        ((), ""),
        ((2,), "Week 2 is"),
        ((2, 3), "Weeks 2 and 3 are"),
        ((1, 2, 4), "Weeks 1, 2 and 4 are"),
    ],
)
def test_weeks_phrase(weeks, phrase):
    assert weeks_phrase(weeks) == phrase


def test_day_reads_like_the_plan_page():
    assert day(date(2026, 3, 4)) == "Wednesday 4 March"


def test_every_stage_has_words_and_a_page():
    words = load_words().stages
    assert set(words) == set(STAGES)
    assert set(MILESTONE_OF) | {"safety"} == set(STAGES)
    assert set(PLAN_SECTIONS) <= set(STAGES)
    for page in STAGES.values():
        assert page in pages.ALL  # a page the registry knows, by its short name


@pytest.mark.parametrize(
    ("facts", "details"),
    [
        (Facts(), ["not yet", "not yet", "not yet", "not yet"]),
        (Facts(quiz_in_progress=True), ["in progress", "not yet", "not yet", "not yet"]),
        (Facts(has_result=True, has_draft=True), ["done", "draft saved", "not yet", "not yet"]),
        (
            Facts(has_result=True, has_script=True, plan=WAITING),
            ["done", "done", "begins Monday 2 March", "on Monday 13 April"],
        ),
        (
            Facts(has_result=True, has_script=True, plan=RUNNING),
            ["done", "done", "week 3 of 6", "on Monday 13 April"],
        ),
        (
            Facts(has_result=True, has_script=True, plan=REVIEW_DUE),
            ["done", "done", "done", "ready now"],
        ),
        (Facts(has_result=True, has_script=True, plan=DECIDED), ["done", "done", "done", "done"]),
    ],
)
def test_milestones(facts, details):
    found = milestones(facts)
    assert [m.id for m in found] == ["quiz", "script", "plan", "review"]
    assert [m.detail for m in found] == details
    assert [m.done for m in found] == [d == "done" for d in details]


@pytest.mark.parametrize(
    ("facts", "current"),
    [
        (Facts(), "quiz"),
        (Facts(has_result=True), "script"),
        (Facts(has_script=True), "plan"),
        (Facts(plan=RUNNING), "plan"),
        (Facts(plan=REVIEW_DUE), "review"),
        (Facts(safety_mode=True), None),
    ],
)
def test_one_milestone_is_current(facts, current):
    marked = [m.id for m in milestones(facts) if m.current]
    assert marked == ([current] if current else [])


@pytest.mark.parametrize(
    ("facts", "first"),
    [
        (Facts(), True),
        (Facts(safety_mode=True), True),
        (Facts(quiz_in_progress=True), False),
        (Facts(has_draft=True), False),
        (Facts(plan=WAITING), False),
    ],
)
def test_first_visit(facts, first):
    assert facts.first_visit is first


plans = st.builds(
    PlanFacts,
    start=st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 1, 1)),
    review_on=st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 1, 1)),
    week=st.integers(0, 6),
    started=st.booleans(),
    due_weeks=st.lists(st.integers(1, 6), max_size=6, unique=True).map(tuple),
    review_due=st.booleans(),
    finished=st.booleans(),
    decided=st.booleans(),
)
facts_strategy = st.builds(
    Facts,
    has_result=st.booleans(),
    result_safety=st.booleans(),
    quiz_in_progress=st.booleans(),
    has_script=st.booleans(),
    has_draft=st.booleans(),
    plan=st.none() | plans,
    safety_mode=st.booleans(),
)


@given(facts_strategy)
def test_any_facts_give_one_complete_step(facts):
    step = next_step(facts)
    assert step.stage in STAGES and step.page == STAGES[step.stage]
    for text in (step.title, step.text, step.action):
        assert text.strip() and not re.search(r"[{}]", text)
    assert sum(m.current for m in milestones(facts)) <= 1


@given(facts_strategy)
def test_safety_always_comes_first(facts):
    step = next_step(facts)
    if facts.safety_mode or facts.result_safety:
        assert step.page == "safety"
    else:
        assert step.stage != "safety"


# Home reads the same facts as the plan page (issue 15, point 8): a week rated early is said to be
# rated, never "you can rate this week from ..."; a week not rated yet can be rated now.
RATED_EARLY = plan(week=1, started=True, rated_weeks=(1,))
ALL_RATED = plan(week=6, started=True, rated_weeks=(1, 2, 3, 4, 5, 6))


@pytest.mark.parametrize(
    ("facts", "expected", "says", "never"),
    [
        (
            Facts(plan=RATED_EARLY),
            "week_rated",
            ["Week 1 is rated", day(START + timedelta(days=7))],
            ["from"],
        ),
        (Facts(plan=ALL_RATED), "all_rated", ["All six weeks are rated", day(REVIEW)], ["from"]),
        (
            Facts(plan=RUNNING),
            "plan_running",
            ["now", day(START + timedelta(days=20))],
            ["Nothing is due right now. You can rate this week from"],
        ),
    ],
)
def test_home_says_what_the_plan_page_allows(facts, expected, says, never):
    step = next_step(facts)
    assert step.stage == expected
    words = f"{step.title} {step.text}"
    for part in says:
        assert part in words, words
    for part in never:
        assert part not in words, words
    assert step.page == "plan" and MILESTONE_OF[expected] == "plan"
