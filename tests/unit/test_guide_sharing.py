"""What a partner may see and send: snapshot whitelisting, defensive reading, reply and rating checks."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guide.plan import Rating, Target
from guide.sharing import (
    LABEL_LIMIT,
    NOTE_LIMIT,
    PartnerReply,
    PartnerView,
    ShareChoices,
    SharedOption,
    SharedTarget,
    SharingError,
    asked_first_steps,
    biggest_gaps,
    build_snapshot,
    choices_from_dict,
    choices_to_dict,
    clean_label,
    clean_text,
    make_reply,
    option_labels,
    partner_rating,
    partner_view,
    rating_key,
    rating_record,
    ratings_from_records,
    reply_from_dict,
    reply_to_dict,
    same_snapshot,
    shared_parts,
)

NOW = datetime(2025, 3, 20, 9, 30, tzinfo=UTC)
START = date(2025, 3, 6)  # a Thursday; on TODAY weeks 1..3 have begun
TODAY = START + timedelta(days=15)


@dataclass(frozen=True)
class Option:
    id: str
    label: str


CATALOGUE = (
    Option("call", "A short call"),
    Option("workshop", "A workshop"),
    Option("book", "A book"),
)
TARGETS = (
    Target("t1", "Phones away at dinner", ((START, "PRIVATE OLD WORDING"),)),
    Target("t2", "A walk on Sundays"),
)


def snap(choices: ShareChoices, invitation: str | None = "Dear you", **kw: Any) -> dict[str, Any]:
    return build_snapshot(
        choices,
        invitation,
        kw.get("options", CATALOGUE),
        kw.get("targets", TARGETS),
        kw.get("cycle_start", START),
        now=NOW,
    )


def view_of(**kw: Any) -> PartnerView:
    base: dict[str, Any] = {
        "invitation": None,
        "explainer": False,
        "options": (SharedOption("call", "A short call"), SharedOption("book", "A book")),
        "targets": (SharedTarget("t1", "Phones away"), SharedTarget("t2", "A walk")),
        "cycle_start": START,
    }
    return PartnerView(**(base | kw))


# ---- labels and text ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("For Sam", "For Sam"),
        ("  For \n Sam  ", "For Sam"),
        ("A\x00li\u200bce", "Alice"),
        ("x" * LABEL_LIMIT, "x" * LABEL_LIMIT),
    ],
)
def test_clean_label_tidies(raw, expected):
    assert clean_label(raw) == expected


@pytest.mark.parametrize("raw", ["", "   ", "\x00\x01", "x" * (LABEL_LIMIT + 1)])
def test_clean_label_refuses_empty_or_long(raw):
    with pytest.raises(SharingError):
        clean_label(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\r\nb\rc", "a\nb\nc"),
        ("  keep\ttabs  ", "keep\ttabs"),
        ("bell\x07 and \u202eflip", "bell and flip"),
    ],
)
def test_clean_text(raw, expected):
    assert clean_text(raw) == expected


# ---- choices --------------------------------------------------------------------------------------


@given(
    st.builds(
        ShareChoices,
        script_version=st.none() | st.text(min_size=1),
        explainer=st.booleans(),
        options=st.lists(st.text(), unique=True).map(tuple),
        targets=st.booleans(),
    )
)
def test_choices_round_trip(choices):
    data = json.loads(json.dumps(choices_to_dict(choices)))
    assert choices_from_dict(data) == choices


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (None, ShareChoices()),
        ("nonsense", ShareChoices()),
        ({"script_version": 3, "explainer": "yes", "targets": 1}, ShareChoices()),
        ({"script_version": "", "options": "call"}, ShareChoices()),
        ({"options": ["call", 5, "call", "book"]}, ShareChoices(options=("call", "book"))),
        ({"script_version": "v1", "explainer": True}, ShareChoices("v1", True)),
    ],
)
def test_choices_from_bad_data_are_repaired_to_not_shared(data, expected):
    assert choices_from_dict(data) == expected


# ---- the snapshot ---------------------------------------------------------------------------------


def test_nothing_ticked_shares_nothing():
    snapshot = snap(ShareChoices())
    assert snapshot["invitation"] is None and snapshot["options"] == []
    assert snapshot["targets"] is None and snapshot["cycle_start"] is None
    assert partner_view(snapshot) is None


@pytest.mark.parametrize(
    ("choices", "field", "expected"),
    [
        (ShareChoices(script_version="v1"), "invitation", "Dear you"),
        (ShareChoices(explainer=True), "invitation", None),
        (ShareChoices(explainer=True), "explainer", True),
        (
            ShareChoices(options=("book", "call")),
            "options",
            [
                {"id": "call", "label": "A short call"},
                {"id": "book", "label": "A book"},
            ],
        ),
        (ShareChoices(options=("unknown",)), "options", []),
        (
            ShareChoices(targets=True),
            "targets",
            [
                {"id": "t1", "text": "Phones away at dinner"},
                {"id": "t2", "text": "A walk on Sundays"},
            ],
        ),
        (ShareChoices(targets=True), "cycle_start", "2025-03-06"),
        (ShareChoices(explainer=True), "targets", None),
    ],
)
def test_snapshot_copies_only_what_is_ticked(choices, field, expected):
    assert snap(choices)[field] == expected


@pytest.mark.parametrize(
    ("kw", "invitation"),
    [
        ({"targets": ()}, "x"),
        ({"cycle_start": None}, "x"),
    ],
)
def test_targets_need_a_running_cycle(kw, invitation):
    snapshot = snap(ShareChoices(targets=True), invitation, **kw)
    assert snapshot["targets"] is None and snapshot["cycle_start"] is None


@pytest.mark.parametrize("invitation", [None, "", "   \n  "])
def test_an_empty_invitation_is_not_shared(invitation):
    assert snap(ShareChoices(script_version="v1"), invitation)["invitation"] is None


def test_target_history_never_reaches_the_snapshot():
    snapshot = snap(ShareChoices("v1", True, ("call",), True))
    assert "PRIVATE OLD WORDING" not in json.dumps(snapshot)


def test_published_at_does_not_make_snapshots_differ():
    first = snap(ShareChoices(explainer=True))
    later = first | {"published_at": "2030-01-01T00:00:00+00:00", "key": "x", "_id": 4}
    assert same_snapshot(first, later)
    assert not same_snapshot(first, snap(ShareChoices(explainer=True, targets=True)))
    assert same_snapshot(None, None) and not same_snapshot(first, None)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


@settings(max_examples=150)
@given(
    version=st.none() | st.just("v1"),
    explainer=st.booleans(),
    chosen=st.lists(st.sampled_from(["call", "workshop", "book", "zzz"]), unique=True),
    share_targets=st.booleans(),
    invitation=st.none() | texts,
    target_texts=st.lists(texts.filter(str.strip), max_size=4),
    start=st.none() | st.dates(),
)
def test_every_string_in_a_snapshot_came_from_an_allowed_source(
    version, explainer, chosen, share_targets, invitation, target_texts, start
):
    targets = [
        Target(f"id{i}", text, ((date(2020, 1, 1), "SECRET HISTORY"),))
        for i, text in enumerate(target_texts)
    ]
    choices = ShareChoices(version, explainer, tuple(chosen), share_targets)
    snapshot = build_snapshot(choices, invitation, CATALOGUE, targets, start, now=NOW)
    assert set(snapshot) == {
        "invitation",
        "explainer",
        "options",
        "targets",
        "cycle_start",
        "published_at",
    }
    allowed = {o.id for o in CATALOGUE} | {o.label for o in CATALOGUE}
    allowed |= {t.id for t in targets} | {" ".join(clean_text(t.text).split()) for t in targets}
    allowed |= {clean_text(invitation or "")}
    allowed |= {snapshot["published_at"], start.isoformat() if start else ""}
    assert all(s in allowed or s.endswith("…") for s in _strings(snapshot))
    assert "SECRET HISTORY" not in json.dumps(snapshot)
    assert {o["id"] for o in snapshot["options"]} <= set(chosen) - {"zzz"}
    if version is None:
        assert snapshot["invitation"] is None
    if not share_targets:
        assert snapshot["targets"] is None
    view = partner_view(json.loads(json.dumps(snapshot)))
    if view is not None:
        assert set(view.option_ids) <= set(chosen)


# ---- reading a snapshot back ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "stored",
    [
        None,
        "a string",
        [],
        {},
        {"invitation": "", "explainer": "true", "options": "call", "targets": []},
        {"options": [{"id": 1, "label": "x"}, {"id": "a"}, "nonsense"]},
        {"targets": [{"id": "t1", "text": "x"}], "cycle_start": "not a date"},
        {"targets": [{"id": "t1", "text": "x"}]},
    ],
)
def test_malformed_or_empty_snapshots_show_nothing(stored):
    assert partner_view(stored) is None


def test_partner_view_reads_a_snapshot_and_drops_the_rest():
    stored = snap(ShareChoices("v1", True, ("call",), True)) | {
        "owner_key": "SECRET",
        "key": "link",
        "_id": 3,
    }
    stored["options"].append({"id": "call", "label": "duplicate"})
    view = partner_view(stored)
    assert view == PartnerView(
        invitation="Dear you",
        explainer=True,
        options=(SharedOption("call", "A short call"),),
        targets=(
            SharedTarget("t1", "Phones away at dinner"),
            SharedTarget("t2", "A walk on Sundays"),
        ),
        cycle_start=START,
        published_at=NOW.isoformat(timespec="seconds"),
    )
    assert "SECRET" not in repr(view)


@pytest.mark.parametrize(
    ("today", "weeks"),
    [
        (START - timedelta(days=1), []),
        (START, [1]),
        (TODAY, [1, 2, 3]),
        (START + timedelta(days=100), [1, 2, 3, 4, 5, 6]),
    ],
)
def test_rateable_weeks_are_the_begun_ones(today, weeks):
    assert view_of().rateable_weeks(today) == weeks


def test_no_targets_means_no_weeks():
    assert view_of(targets=(), cycle_start=None).rateable_weeks(TODAY) == []


@pytest.mark.parametrize(
    ("view", "parts"),
    [
        (None, ()),
        (view_of(options=(), targets=()), ()),
        (view_of(invitation="Hi", options=(), targets=()), ("your invitation",)),
        (
            view_of(explainer=True),
            (
                "what a first session is like",
                "2 first steps to choose from",
                "your six-week targets",
            ),
        ),
        (
            view_of(options=(SharedOption("a", "A"),), targets=()),
            ("1 first step to choose from",),
        ),
    ],
)
def test_shared_parts(view, parts):
    assert shared_parts(view) == parts


# ---- replies --------------------------------------------------------------------------------------


def test_reply_keeps_offered_options_in_page_order():
    reply = make_reply(view_of(), ["book", "call", "book"], "  Saturday?  ", now=NOW)
    assert reply == PartnerReply(
        ("call", "book"), "Saturday?", NOW.isoformat(timespec="seconds"), view_of().option_ids
    )


def test_a_reply_remembers_what_was_offered_so_the_owner_sees_only_what_was_asked():
    asked = make_reply(view_of(), [], "ok", now=NOW)
    assert reply_from_dict(reply_to_dict(asked)) == asked
    assert asked_first_steps(asked, offered_now=())
    unasked = PartnerReply((), "ok", "", offered=())
    assert not asked_first_steps(unasked, offered_now=("call",)), "what it asked then counts"
    older = PartnerReply((), "ok", "")  # stored before "offered" was kept
    assert not asked_first_steps(older, offered_now=())
    assert asked_first_steps(older, offered_now=("call",))
    assert asked_first_steps(PartnerReply(("call",), "", ""), offered_now=())


@pytest.mark.parametrize(
    ("options", "note"),
    [
        (["workshop"], ""),  # not offered on this link
        (["call", "anything"], ""),
        ([], "x" * (NOTE_LIMIT + 1)),
    ],
)
def test_reply_refuses_unoffered_options_and_long_notes(options, note):
    with pytest.raises(SharingError):
        make_reply(view_of(), options, note, now=NOW)


def test_a_note_at_the_limit_is_fine_and_markup_stays_text():
    evil = "**x** <img src=x onerror=alert(1)> [l](http://e)"
    assert make_reply(view_of(), [], "y" * NOTE_LIMIT, now=NOW).note == "y" * NOTE_LIMIT
    assert make_reply(view_of(), [], evil, now=NOW).note == evil  # stored as written


@given(
    st.builds(
        PartnerReply,
        options=st.lists(st.text(), unique=True).map(tuple),
        note=texts.map(clean_text),
        updated_at=st.text(max_size=30),
    )
)
def test_reply_round_trip(reply):
    assert reply_from_dict(json.loads(json.dumps(reply_to_dict(reply)))) == reply


@pytest.mark.parametrize(
    "data", [None, "x", {"options": "call", "note": ""}, {"options": [], "note": 5}]
)
def test_malformed_replies_read_as_none(data):
    assert reply_from_dict(data) is None


def test_option_labels_follow_the_catalogue_and_skip_unknown_ids():
    assert option_labels(["book", "gone", "call"], CATALOGUE) == ("A short call", "A book")


# ---- ratings --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "week", "value"),
    [
        ("t1", 1, "kept"),
        ("t2", 3, "partly"),
        ("t1", 2, "not"),
    ],
)
def test_partner_rating_for_a_begun_week(target, week, value):
    rating = partner_rating(view_of(), target, week, value, today=TODAY)
    assert rating == Rating(target, week, value, rater="partner", rated_on=TODAY)


@pytest.mark.parametrize(
    ("target", "week", "value"),
    [
        ("t9", 1, "kept"),  # not shared
        ("t1", 4, "kept"),  # has not begun
        ("t1", 0, "kept"),
        ("t1", 7, "kept"),
        ("t1", 1, "great"),
    ],
)
def test_partner_rating_refuses_what_was_not_offered(target, week, value):
    with pytest.raises(SharingError):
        partner_rating(view_of(), target, week, value, today=TODAY)


def test_rating_records_belong_to_their_link():
    mine = Rating("t1", 1, "kept", rater="partner", rated_on=TODAY)
    records = [
        rating_record(mine, "link-a"),
        rating_record(Rating("t2", 1, "not", rater="partner", rated_on=TODAY), "link-b"),
        rating_record(Rating("t1", 2, "kept", rated_on=TODAY), "link-a"),  # an owner rating
        {"link_id": "link-a", "target_id": "t1", "week": "two"},
        "nonsense",
    ]
    assert ratings_from_records(records, "link-a") == [mine]
    assert rating_key("link-a", "t1", 1) == "link-a/t1/1"


def test_biggest_gaps_show_differences_only_for_current_targets():
    def r(tid: str, week: int, value: str, rater: str) -> Rating:
        return Rating(tid, week, value, rater=rater, rated_on=TODAY)

    owner = [
        r("t1", 1, "kept", "owner"),
        r("t1", 2, "kept", "owner"),
        r("t2", 1, "partly", "owner"),
    ]
    owner.append(r("old", 1, "kept", "owner"))
    partner = [r("t1", 1, "not", "partner"), r("t1", 2, "kept", "partner")]
    partner += [r("t2", 1, "kept", "partner"), r("old", 1, "not", "partner")]
    gaps = biggest_gaps(TARGETS, owner, partner)
    assert [(d.target_id, d.week, d.gap) for d in gaps] == [("t1", 1, 1.0), ("t2", 1, 0.5)]
    assert len(biggest_gaps(TARGETS, owner, partner, most=1)) == 1
