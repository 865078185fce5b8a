"""Home: the welcome on a first visit, then the one next step for each stage of the user's path.

Each stage is seeded through the tables the other pages document (``tests/support/journey.py``),
then Home is run again and must show that stage's step, and its button must lead to the right page.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from content.home import load as load_words
from tests.app.conftest import page_text, space_of
from tests.support import journey
from tests.support.seed import StoreSpace, seed_six_weeks
from ui.safety.state import set_self_flag

WORDS = load_words()
TODAY = date.today()


def stage_title(stage: str, **fill: object) -> str:
    return WORDS.stages[stage].title.format(**fill)


def _quiz_started(store, access):
    journey.seed_quiz_in_progress(store.private(access))


def _result(store, access):
    journey.seed_result(store.private(access))


def _draft(store, access):
    _result(store, access)
    store.private(access).put("script_working", "current", {"draft": {}, "updated_at": "x"})


def _script(store, access):
    _result(store, access)
    journey.seed_script(store.private(access))


def _waiting(store, access):
    _script(store, access)
    journey.seed_plan(store, access, TODAY, days_in=-3, rated_weeks=0)


def _running(store, access):
    _script(store, access)
    journey.seed_plan(store, access, TODAY, days_in=9, rated_weeks=1)


def _due(store, access):
    _script(store, access)
    journey.seed_plan(store, access, TODAY, days_in=16, rated_weeks=1)


def _review(store, access):
    _script(store, access)
    seed_six_weeks(store, access, TODAY)


def _decided(store, access):
    _script(store, access)
    cycle = journey.seed_plan(store, access, TODAY, days_in=45, rated_weeks=6)
    journey.decide(store, access, cycle, TODAY)


STAGES: list[tuple[str, Callable, str, str]] = [
    # (stage, seed, title shown, page the button opens)
    ("quiz_started", _quiz_started, stage_title("quiz_started"), "Quiz"),
    ("result", _result, stage_title("result"), "Script builder"),
    ("draft", _draft, stage_title("draft"), "Script builder"),
    ("script", _script, stage_title("script"), "Six-week plan"),
    ("plan_waiting", _waiting, "Your six weeks begin on", "Six-week plan"),
    ("plan_running", _running, stage_title("plan_running", week=2), "Six-week plan"),
    ("ratings_due", _due, stage_title("ratings_due", weeks="Week 2 is"), "Six-week plan"),
    ("review_due", _review, stage_title("review_due"), "Six-week plan"),
    ("decided", _decided, stage_title("decided"), "Six-week plan"),
]


def seeded(app, data_dir, seed: Callable) -> None:
    store, access = space_of(app, data_dir)
    journey.mark_link_saved(store.private(access))
    seed(store, access)
    app.run()
    assert not app.exception, app.exception


def test_first_visit_welcomes_and_starts_with_the_quiz(app):
    text = page_text(app)
    w = WORDS.welcome
    assert app.title[0].value == w.title
    for part in (w.lead, w.cannot, w.privacy, w.safety_title, *w.can):
        assert part in text
    assert any(link.proto.label == w.safety_link for link in app.get("page_link"))
    assert not app.get("plotly_chart")
    app.button(key="home_start").click().run()
    assert not app.exception
    assert app.title[0].value == "Quiz"
    # One press is enough (issue 15, point 10): the first question, not a second start button.
    assert "quiz_start" not in [b.key for b in app.button]
    assert len(app.radio) == 1


@pytest.mark.parametrize(("stage", "seed", "title", "lands_on"), STAGES, ids=[s[0] for s in STAGES])
def test_each_stage_shows_its_one_next_step(app, data_dir, stage, seed, title, lands_on):
    seeded(app, data_dir, seed)
    assert app.title[0].value == WORDS.dashboard.title
    headings = [h.value for h in app.subheader]
    assert any(h.startswith(title) for h in headings), headings
    assert app.button(key="home_next_go").label == WORDS.stages[stage].action
    assert "home_start" not in [b.key for b in app.button]
    app.button(key="home_next_go").click().run()
    assert not app.exception, app.exception
    assert app.title[0].value == lands_on


@pytest.mark.parametrize(
    ("seed", "headline", "chart"),
    [
        (_running, "Week 2 of 6", True),
        (_review, "All six weeks are done", True),
        (_waiting, "Your six weeks begin on", False),
    ],
)
def test_a_plan_shows_week_n_of_6_and_the_latest_chart(app, data_dir, seed, headline, chart):
    seeded(app, data_dir, seed)
    bars = app.get("progress")
    assert len(bars) == 1 and headline in bars[0].proto.text
    assert bool(app.get("plotly_chart")) is chart
    if chart:
        assert "Weekly score" in page_text(app)  # the chart's text summary, not only the picture


def test_review_step_opens_the_plan_on_its_review(app, data_dir):
    seeded(app, data_dir, _review)
    app.button(key="home_next_go").click().run()
    assert app.session_state["plan_section"] == "review"


def test_where_you_are_lists_the_four_milestones(app, data_dir):
    seeded(app, data_dir, _running)
    text = page_text(app)
    m = WORDS.milestones
    for label in (m.quiz, m.script, m.plan, m.review):
        assert label in text
    assert "week 2 of 6" in text


@pytest.mark.parametrize("how", ["self_flag", "quiz_result"])
def test_safety_mode_leads_with_resources_and_no_coaching(app, data_dir, how):
    def seed(store, access):
        _script(store, access)
        seed_six_weeks(store, access, TODAY)
        if how == "self_flag":
            set_self_flag(StoreSpace(store, access))  # type: ignore[arg-type]
        else:
            journey.seed_result(store.private(access), unsafe=True)

    seeded(app, data_dir, seed)
    assert app.title[0].value == WORDS.dashboard.safety_title
    labels = [b.proto.label for b in app.get("link_button")]
    assert "Call 911" in labels
    assert any("988" in label for label in labels)
    assert app.button(key="home_next_go").label == WORDS.stages["safety"].action
    assert not app.get("plotly_chart")
    pages = [link.proto.page for link in app.main.get("page_link")]
    assert not any("therapist" in page for page in pages)
    text = page_text(app)
    assert stage_title("review_due") not in text and stage_title("script") not in text
    app.button(key="home_next_go").click().run()
    assert app.title[0].value == "Safety"


def test_damaged_records_never_break_home(app, data_dir):
    def seed(store, access):
        private = store.private(access)
        private.insert("quiz_results", {"taken_at": "not a date"})
        private.insert("scripts", {"key": 3})
        private.put("plan_cycles", "bad", {"active": True, "start": "soon"})

    seeded(app, data_dir, seed)
    # Nothing readable: the welcome again, calmly.
    assert app.title[0].value == WORDS.welcome.title


def test_home_and_the_plan_page_agree_on_a_week_rated_early(app, data_dir):
    """Issue 15, point 8: week 1 rated on its first days; Home must not offer to rate it later."""

    def rated_early(store, access):
        _script(store, access)
        journey.seed_plan(store, access, TODAY, days_in=2, rated_weeks=1)

    seeded(app, data_dir, rated_early)
    text = page_text(app)
    assert "Week 1 is rated" in text
    assert "You can rate this week from" not in text
    app.button(key="home_next_go").click().run()
    assert not app.exception, app.exception
    assert app.title[0].value == "Six-week plan"
    assert "ready to rate" not in page_text(app)
