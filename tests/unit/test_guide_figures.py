"""Figure builders: assert on the figures' data (z values, cell words, labels), never on pixels."""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go
import pytest

from content import plan as words
from guide.figures import (
    COLOURS,
    CONFIG,
    TEXT_COLOUR,
    UNRATED_MARK,
    UNRATED_Z,
    Chart,
    kept_share_bars,
    owner_partner_comparison,
    rating_grid,
    routine_activity,
    weekly_score_line,
)
from guide.plan import Rating, RoutineEntry, Target, make_target
from guide.stats import routine_counts

START = date(2025, 3, 7)
WEEK_LABELS = [f"Week {n}" for n in range(1, 7)]
LABELS = words.rating_labels()


def r(target_id: str, week: int, value: str, rater: str = "owner") -> Rating:
    """A rating with a fixed date."""
    return Rating(target_id, week, value, rater=rater, rated_on=START)


def grid(rows: dict[str, str], rater: str = "owner") -> list[Rating]:
    """Ratings from a compact table: {"t1": "KPN-"} means kept, partly, not, unrated."""
    code = {"K": "kept", "P": "partly", "N": "not"}
    return [
        r(tid, week, code[c], rater)
        for tid, row in rows.items()
        for week, c in enumerate(row, 1)
        if c != "-"
    ]


@pytest.fixture
def targets() -> list[Target]:
    """Two everyday targets."""
    return [make_target("No phones at dinner", "t1"), make_target("One date night a week", "t2")]


def plain(cell: str) -> str:
    """Cell text without the line breaks used to fit narrow cells."""
    return cell.replace("<br>", " ")


# --- the rating grid -------------------------------------------------------------------------


def test_rating_grid_cells_carry_value_colour_and_word(targets: list[Target]) -> None:
    chart = rating_grid(targets, grid({"t1": "KPN", "t2": "-K"}) + grid({"t1": "NNN"}, "partner"))
    heat = chart.figure.data[0]
    assert isinstance(heat, go.Heatmap)
    assert list(heat.x) == WEEK_LABELS
    assert [plain(y) for y in heat.y] == ["No phones at dinner", "One date night a week"]
    assert [list(row) for row in heat.z] == [
        [1, 0.5, 0, UNRATED_Z, UNRATED_Z, UNRATED_Z],
        [UNRATED_Z, 1, UNRATED_Z, UNRATED_Z, UNRATED_Z, UNRATED_Z],
    ]
    assert [plain(c) for c in heat.text[0][:4]] == ["Kept", "Partly kept", "Not kept", UNRATED_MARK]
    assert list(heat.customdata[1][:2]) == [LABELS["unrated"], "Kept"]
    assert heat.texttemplate == "%{text}"
    xaxis = chart.figure.layout.xaxis
    # Bare numbers under one "Week" title: six "Week N" labels ran together at 390 px.
    assert list(xaxis.ticktext) == [str(n) for n in range(1, 7)] and xaxis.tickangle == 0
    assert xaxis.title.text == "Week"
    assert heat.showscale is False
    assert chart.summary == "4 of 12 ratings so far: 2 kept, 1 partly kept, 1 not kept."
    assert list(chart.table.columns) == ["Target", *WEEK_LABELS]
    assert (
        chart.table.iloc[0].tolist()
        == ["No phones at dinner", "Kept", "Partly kept", "Not kept"] + [LABELS["unrated"]] * 3
    )


def test_rating_grid_escapes_user_text_but_the_table_keeps_it(targets: list[Target]) -> None:
    sneaky = [make_target('<a href="javascript:alert(1)">x</a>', "t1")]
    chart = rating_grid(sneaky, [])
    label = chart.figure.data[0].y[0]
    assert "<a" not in label and "&lt;a" in label
    assert chart.table["Target"][0] == '<a href="javascript:alert(1)">x</a>'


def test_rating_grid_wraps_long_target_labels() -> None:
    long = [
        make_target(
            "Take a twenty minute break when a talk heats up and then come back to it", "t1"
        )
    ]
    label = rating_grid(long, []).figure.data[0].y[0]
    lines = label.split("<br>")
    assert len(lines) == 3 and lines[-1].endswith("\u2026")
    assert all(len(line) <= 14 for line in lines)


def test_rating_grid_with_targets_but_no_ratings_is_all_unrated(targets: list[Target]) -> None:
    chart = rating_grid(targets, [])
    assert {z for row in chart.figure.data[0].z for z in row} == {UNRATED_Z}
    assert chart.summary.startswith("0 of 12 ratings")


def test_colour_scale_bands_put_each_value_in_its_own_colour() -> None:
    scale = rating_grid([make_target("A", "a")], []).figure.data[0].colorscale

    def colour_at(z: float) -> str:
        position = (z - UNRATED_Z) / (1 - UNRATED_Z)
        # the last stop at or below the position decides the band
        return [c for p, c in scale if p <= position + 1e-9][-1]

    assert colour_at(UNRATED_Z) == COLOURS["unrated"]
    assert colour_at(0) == COLOURS["not"]
    assert colour_at(0.5) == COLOURS["partly"]
    assert colour_at(1) == COLOURS["kept"]
    assert len(set(COLOURS.values())) == len(COLOURS)


def _luminance(hex_colour: str) -> float:
    """WCAG relative luminance of a #RRGGBB colour."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    rgb = [int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]
    return 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2])


@pytest.mark.parametrize("value", list(COLOURS))
def test_cell_text_contrast_is_readable(value: str) -> None:
    a, b = sorted([_luminance(COLOURS[value]), _luminance(TEXT_COLOUR)], reverse=True)
    assert (a + 0.05) / (b + 0.05) >= 4.5


# --- the weekly score line -------------------------------------------------------------------


def test_weekly_score_line_points_and_summary(targets: list[Target]) -> None:
    chart = weekly_score_line(targets, grid({"t1": "NPK-K", "t2": "NNK-P"}))
    line = chart.figure.data[0]
    assert list(line.x) == [1, 2, 3, 5]
    assert list(line.y) == [0.0, 0.25, 1.0, 0.75]
    assert list(line.text) == ["0.00", "0.25", "1.00", "0.75"]
    xaxis = chart.figure.layout.xaxis
    assert list(xaxis.ticktext) == [str(n) for n in range(1, 7)] and xaxis.tickangle == 0
    assert xaxis.title.text == "Week"
    assert list(chart.figure.layout.yaxis.tickvals) == [0, 0.5, 1]
    assert "Week 2 0.25" in chart.summary and "rising" in chart.summary
    assert chart.table.to_dict("list") == {"Week": [1, 2, 3, 5], "Score": [0.0, 0.25, 1.0, 0.75]}


@pytest.mark.parametrize(
    ("rows", "phrase"),
    [
        ({"t1": "KK"}, "too early"),
        ({"t1": "KKK"}, "steady"),
        ({"t1": "KPN"}, "lower in recent weeks"),
    ],
)
def test_weekly_score_line_speaks_the_trend(
    targets: list[Target], rows: dict[str, str], phrase: str
) -> None:
    assert phrase in weekly_score_line(targets, grid(rows)).summary


# --- kept shares -----------------------------------------------------------------------------


def test_kept_share_bars_stack_the_three_values(targets: list[Target]) -> None:
    chart = kept_share_bars(targets, grid({"t1": "KKPN", "t2": "NN"}))
    kept, partly, not_kept = chart.figure.data
    assert [t.name for t in chart.figure.data] == [LABELS["kept"], LABELS["partly"], LABELS["not"]]
    assert list(kept.x) == [0.5, 0.0]
    assert list(partly.x) == [0.25, 0.0]
    assert list(not_kept.x) == [0.25, 1.0]
    assert list(kept.text) == ["Kept 2", ""]
    assert list(not_kept.text) == ["Not kept 1", "Not kept 2"]
    assert chart.figure.layout.barmode == "stack"
    assert list(chart.figure.layout.xaxis.range) == [0, 1]
    assert (
        chart.summary
        == "Weeks kept out of weeks rated: No phones at dinner: 2 of 4; One date night a week: 0 of 2."
    )
    assert chart.table["Share"].tolist() == [0.5, 0.0]
    assert chart.table["Weeks rated"].tolist() == [4, 2]


def test_kept_share_bars_mark_unrated_targets(targets: list[Target]) -> None:
    chart = kept_share_bars(targets, grid({"t1": "K"}))
    assert "One date night a week: not rated yet" in chart.summary
    assert pd.isna(chart.table["Share"][1])


# --- routines --------------------------------------------------------------------------------


def test_routine_activity_counts_per_week() -> None:
    log = [
        RoutineEntry("nightly", START),
        RoutineEntry("nightly", START),
        RoutineEntry("book", date(2025, 3, 20)),
    ]
    chart = routine_activity(routine_counts(log, START))
    heat = chart.figure.data[0]
    names = words.routine_labels()
    assert list(heat.x) == WEEK_LABELS
    assert list(heat.y) == [names[k] for k in ("nightly", "weekly", "book", "journal", "support")]
    assert list(heat.z[0]) == [2, 0, 0, 0, 0, 0]
    assert list(heat.z[2]) == [0, 1, 0, 0, 0, 0]
    assert list(heat.text[0][:2]) == ["2", "0"]
    assert chart.summary == "Routine entries logged: 3 (Nightly check-in 2, Book track 1)."
    assert chart.table.set_index("Routine")["Total"].to_dict()["Nightly check-in"] == 2


# --- owner and partner side by side -----------------------------------------------------------


def test_comparison_pairs_rows_and_marks_the_biggest_gaps(targets: list[Target]) -> None:
    owner = grid({"t1": "KKKK", "t2": "PN"})
    partner = grid({"t1": "KNKP", "t2": "PK"}, rater="partner")
    chart = owner_partner_comparison(targets, owner, partner)
    heat = chart.figure.data[0]
    assert [plain(y) for y in heat.y] == [
        "No phones at dinner You",
        "No phones at dinner Partner",
        "One date night a week You",
        "One date night a week Partner",
    ]
    assert list(heat.z[0][:4]) == [1, 1, 1, 1]
    assert list(heat.z[1][:4]) == [1, 0, 1, 0.5]
    notes = chart.figure.layout.annotations
    # Gaps: t1 week 2 (1.0), t2 week 2 (1.0), t1 week 4 (0.5); the top three are marked.
    assert [(a.x, a.y, a.text) for a in notes] == [
        (1, 0.5, "differs"),
        (1, 2.5, "differs"),
        (3, 0.5, "differs"),
    ]
    assert len(chart.figure.layout.shapes) == 3
    assert chart.table.iloc[0].tolist() == ["No phones at dinner", 2, "Kept", "Not kept", 1.0]
    assert "You both rated 6 of the same target-weeks and agreed on 3." in chart.summary
    assert "biggest difference is No phones at dinner in week 2" in chart.summary


def test_comparison_when_the_two_agree_or_only_one_rated(targets: list[Target]) -> None:
    same = owner_partner_comparison(targets, grid({"t1": "KP"}), grid({"t1": "KP"}, "partner"))
    assert same.figure.layout.annotations == ()
    assert "biggest" not in same.summary
    alone = owner_partner_comparison(targets, grid({"t1": "KP"}), [])
    assert alone.summary == words.chart_words()["compare_empty"]
    assert alone.table.empty
    assert len(alone.figure.data) == 1  # the grid still shows the owner's own row


# --- empty data and the shared look ----------------------------------------------------------

EMPTY_CASES = [
    ("grid", lambda: rating_grid([], [])),
    ("line", lambda: weekly_score_line([], [])),
    ("line-no-ratings", lambda: weekly_score_line([make_target("A", "a")], [])),
    ("shares", lambda: kept_share_bars([], [])),
    ("shares-no-ratings", lambda: kept_share_bars([make_target("A", "a")], grid({"zz": "K"}))),
    ("routines", lambda: routine_activity({})),
    ("routines-zeros", lambda: routine_activity(routine_counts([], START))),
    ("compare", lambda: owner_partner_comparison([], [], [])),
]


@pytest.mark.parametrize(("name", "build"), EMPTY_CASES, ids=[c[0] for c in EMPTY_CASES])
def test_empty_data_gives_a_calm_empty_state(name: str, build) -> None:
    chart = build()
    assert isinstance(chart, Chart)
    assert chart.figure.data == ()
    assert chart.figure.layout.annotations[0].text == chart.summary
    assert chart.summary.endswith(".")
    assert isinstance(chart.table, pd.DataFrame) and chart.table.empty


FULL_CASES = [
    ("grid", lambda t, o, p: rating_grid(t, o)),
    ("line", lambda t, o, p: weekly_score_line(t, o)),
    ("shares", lambda t, o, p: kept_share_bars(t, o)),
    (
        "routines",
        lambda t, o, p: routine_activity(routine_counts([RoutineEntry("journal", START)], START)),
    ),
    ("compare", lambda t, o, p: owner_partner_comparison(t, o, p)),
]


@pytest.mark.parametrize(("name", "build"), FULL_CASES, ids=[c[0] for c in FULL_CASES])
def test_every_chart_has_the_calm_light_layout(name: str, build, targets: list[Target]) -> None:
    chart = build(
        targets, grid({"t1": "KPNKPN", "t2": "PPKKNN"}), grid({"t1": "KKKKKK"}, "partner")
    )
    layout = chart.figure.layout
    assert layout.paper_bgcolor == "rgba(0,0,0,0)" and layout.plot_bgcolor == "rgba(0,0,0,0)"
    assert "system-ui" in layout.font.family
    # Small margins; the shares chart keeps 24 px on the right for its "100%" at the axis end.
    assert max(layout.margin.l, layout.margin.r, layout.margin.b) <= 24
    assert layout.title.text
    assert chart.summary and "\n" not in chart.summary
    assert not chart.table.empty
    chart.figure.to_json()  # serialisable, as st.plotly_chart needs
    assert CONFIG["displayModeBar"] is False
