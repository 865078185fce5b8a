"""Plotly figures for the six-week plan: data in, a :class:`Chart` out, no Streamlit.

Each builder returns the figure together with a one-line text summary and the table behind it,
so a screen reader (or anyone who prefers numbers) gets the same story as the picture. Ratings are
coloured from the Okabe-Ito palette, which stays distinct for colour-blind readers, and every
coloured cell also carries its word, so colour is never the only cue. Empty data gives a calm
empty-state figure and summary, never an exception.

Text the user wrote (target wording) is HTML-escaped before it goes into a figure, because Plotly
renders a few tags (links, line breaks) inside labels; the summary and the table keep it raw, so
pages should show them with ``st.text``/``st.dataframe`` or escaped markdown.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from content import plan as words
from content.messages import t
from guide.plan import RATING_VALUES, Rating, Target
from guide.stats import SCORE, divergence, latest, trend, value_shares, weekly_scores
from guide.weeks import WEEKS

# Okabe-Ito sky blue and orange, with greys for "not kept" and "not rated yet". All four are light
# enough for near-black cell text to stay readable (contrast well above 4.5:1).
COLOURS = {"kept": "#56B4E9", "partly": "#E69F00", "not": "#BBBBBB", "unrated": "#F2F2F2"}
LINE_COLOUR = "#0072B2"  # Okabe-Ito blue, dark enough for a line on a light background
TEXT_COLOUR = "#111111"
ROUTINE_SCALE = [[0.0, "#F7FBFF"], [1.0, "#6BAED6"]]  # light blues: black counts stay readable
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
# Pass as ``st.plotly_chart(fig, config=CONFIG)``: the charts need no toolbar.
CONFIG = {"displayModeBar": False, "displaylogo": False}

# A cell with no rating gets its own value below 0 so it has its own (near-white) colour band.
UNRATED_Z = -0.5
_ZMIN, _ZMAX = UNRATED_Z, 1.0
# Axis labels wrap onto short lines so the grid keeps its width on a phone.
_LABEL_WIDTH = 14
_LABEL_LINES = 3
# Unrated cells show a dash; the full words are in the hover text and the table.
UNRATED_MARK = "\u2013"


def _band(value: float) -> float:
    """Map a z value onto Plotly's 0..1 colour-scale position."""
    return (value - _ZMIN) / (_ZMAX - _ZMIN)


# Stepped colour scale: each rating value owns a band, with edges halfway between the values.
RATING_SCALE = [
    [0.0, COLOURS["unrated"]],
    [_band(-0.25), COLOURS["unrated"]],
    [_band(-0.25), COLOURS["not"]],
    [_band(0.25), COLOURS["not"]],
    [_band(0.25), COLOURS["partly"]],
    [_band(0.75), COLOURS["partly"]],
    [_band(0.75), COLOURS["kept"]],
    [1.0, COLOURS["kept"]],
]


@dataclass(frozen=True, eq=False)
class Chart:
    """A figure with its one-line summary and the table behind it."""

    figure: go.Figure
    summary: str
    table: pd.DataFrame


def _w() -> Mapping[str, str]:
    """The chart words from content."""
    return words.chart_words()


def _week_labels() -> list[str]:
    """Return "Week 1" .. "Week 6"."""
    return [_w()["week"].format(week=n) for n in range(1, WEEKS + 1)]


def _label(text: str) -> str:
    """Wrap, shorten and escape user text for use as an axis label inside a figure."""
    lines = textwrap.wrap(text, _LABEL_WIDTH) or [""]
    if len(lines) > _LABEL_LINES:
        lines = lines[:_LABEL_LINES]
        lines[-1] = lines[-1][: _LABEL_WIDTH - 1].rstrip() + "\u2026"
    return "<br>".join(html.escape(line, quote=False) for line in lines)


def _unique(labels: list[str]) -> list[str]:
    """Make labels distinct, since Plotly merges equal category labels into one row."""
    seen: dict[str, int] = {}
    result = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        result.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return result


def _style(fig: go.Figure, title: str, height: int) -> go.Figure:
    """Apply the calm house layout: system font, transparent background, small margins."""
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 16}},
        font={"family": FONT, "size": 14},
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        margin={"l": 8, "r": 8, "t": 48, "b": 8},
        height=height,
        hoverlabel={"font": {"family": FONT}},
    )
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    return fig


def _empty(title: str, message: str) -> go.Figure:
    """A figure with no data: the title and one calm sentence, no axes."""
    fig = go.Figure()
    fig.add_annotation(
        text=html.escape(message, quote=False),
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        showarrow=False,
        font={"size": 15},
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _style(fig, title, 180)


def _cell(rating: Rating | None) -> tuple[float, str, str]:
    """Return the z value, the text written in the cell, and the full word for one grid cell."""
    labels = words.rating_labels()
    if rating is None:
        return UNRATED_Z, UNRATED_MARK, labels["unrated"]
    word = labels[rating.value]
    # One word per line keeps "Partly kept" inside a narrow cell.
    return SCORE[rating.value], "<br>".join(word.split()), word


def _heatmap(y: list[str], cells: list[list[tuple[float, str, str]]]) -> go.Heatmap:
    """A rating heatmap with the word written in every cell and no colour bar."""
    return go.Heatmap(
        x=_week_labels(),
        y=y,
        z=[[z for z, _, _ in row] for row in cells],
        text=[[text for _, text, _ in row] for row in cells],
        customdata=[[word for _, _, word in row] for row in cells],
        texttemplate="%{text}",
        textfont={"color": TEXT_COLOUR, "size": 12},
        hovertemplate="%{y}<br>%{x}: %{customdata}<extra></extra>",
        colorscale=RATING_SCALE,
        zmin=_ZMIN,
        zmax=_ZMAX,
        showscale=False,
        xgap=3,
        ygap=3,
    )


def _grid_axes(fig: go.Figure) -> None:
    """First row at the top, week numbers above the cells (never tilted), no grid lines.

    The ticks are the bare numbers under one "Week" axis title: six "Week N" labels ran into each
    other at a phone's width ("WeekWeekWeek"). Call after ``_style``: it also makes room between
    the title and the labels above the grid.
    """
    weeks = _week_labels()
    fig.update_yaxes(
        autorange="reversed", showgrid=False, ticks="", fixedrange=True, tickfont={"size": 12}
    )
    fig.update_xaxes(
        side="top",
        showgrid=False,
        ticks="",
        fixedrange=True,
        tickangle=0,
        tickmode="array",
        tickvals=weeks,
        ticktext=[str(n) for n in range(1, WEEKS + 1)],
        tickfont={"size": 12},
        title={"text": _w()["week_axis"], "font": {"size": 12}, "standoff": 4},
    )
    fig.update_layout(margin={"t": 96})


def rating_grid(
    targets: Sequence[Target], ratings: Iterable[Rating], rater: str = "owner"
) -> Chart:
    """Target x week grid coloured by rating, with the rating's word in every cell."""
    w = _w()
    weeks = _week_labels()
    target = t("Target")
    if not targets:
        table = pd.DataFrame(columns=[target, *weeks])
        return Chart(_empty(w["grid_title"], w["grid_empty"]), w["grid_empty"], table)
    by_key = {(r.target_id, r.week): r for r in latest(ratings, rater)}
    cells, rows = [], []
    for item in targets:
        row = [_cell(by_key.get((item.id, n))) for n in range(1, WEEKS + 1)]
        cells.append(row)
        rows.append({target: item.text, **{wk: c[2] for wk, c in zip(weeks, row, strict=True)}})
    y = _unique([_label(item.text) for item in targets])
    fig = go.Figure(_heatmap(y, cells))
    _style(fig, w["grid_title"], 140 + 56 * len(targets))
    _grid_axes(fig)
    ids = {item.id for item in targets}
    values = [r.value for r in by_key.values() if r.target_id in ids]
    summary = w["grid_summary"].format(
        rated=len(values),
        cells=len(targets) * WEEKS,
        kept=values.count("kept"),
        partly=values.count("partly"),
        not_kept=values.count("not"),
    )
    return Chart(fig, summary, pd.DataFrame(rows, columns=[target, *weeks]))


def _trend_words(direction: str) -> str:
    """The sentence for a trend."""
    return _w()[f"trend_{direction.replace(' ', '_')}"]


def _label_positions(values: Sequence[float]) -> list[str]:
    """Where each point's number goes so the line never runs through it.

    Above the point, on the side away from a higher neighbour; under it in a dip. Beside a level
    neighbour it stays centred, so two labels over a flat stretch never lean into each other.
    """
    positions = []
    for i, value in enumerate(values):
        before = values[i - 1] if i > 0 else None
        after = values[i + 1] if i + 1 < len(values) else None
        up_before = before is not None and before > value
        up_after = after is not None and after > value
        if value in (before, after):
            positions.append("top center")
        elif up_before and up_after:
            positions.append("bottom center")
        elif up_after:
            positions.append("top left")
        elif up_before:
            positions.append("top right")
        else:
            positions.append("top center")
    return positions


def weekly_score_line(
    targets: Sequence[Target], ratings: Iterable[Rating], rater: str = "owner"
) -> Chart:
    """The mean weekly score (kept 1, partly 0.5, not 0) as a line over the six weeks."""
    w = _w()
    week, score = t("Week"), t("Score")
    scores = weekly_scores(ratings, targets, rater)
    if not scores:
        table = pd.DataFrame(columns=[week, score])
        return Chart(_empty(w["line_title"], w["line_empty"]), w["line_empty"], table)
    weeks = [n for n, _ in scores]
    values = [round(s, 2) for _, s in scores]
    fig = go.Figure(
        go.Scatter(
            x=weeks,
            y=values,
            mode="lines+markers+text",
            text=[f"{v:.2f}" for v in values],
            textposition=_label_positions(values),
            textfont={"size": 12},
            line={"color": LINE_COLOUR, "width": 3},
            marker={"color": LINE_COLOUR, "size": 10, "symbol": "circle"},
            hovertemplate=w["week"].format(week="%{x}") + ": %{y:.2f}<extra></extra>",
            cliponaxis=False,
        )
    )
    # Bare week numbers under a "Week" title, upright: tilted "Week N" labels lost Week 6 off the
    # right edge at a phone's width.
    fig.update_xaxes(
        tickvals=list(range(1, WEEKS + 1)),
        ticktext=[str(n) for n in range(1, WEEKS + 1)],
        tickangle=0,
        title={"text": w["week_axis"], "standoff": 6},
        range=[0.5, WEEKS + 0.5],
        showgrid=False,
        fixedrange=True,
    )
    fig.update_yaxes(
        range=[-0.08, 1.15],
        tickvals=[0, 0.5, 1],
        ticktext=[w["score_low"], w["score_mid"], w["score_high"]],
        title=w["score_axis"],
        gridcolor="rgba(128,128,128,0.25)",
        zeroline=False,
        fixedrange=True,
    )
    _style(fig, w["line_title"], 320)
    points = ", ".join(
        f"{w['week'].format(week=n)} {v:.2f}" for n, v in zip(weeks, values, strict=True)
    )
    summary = w["line_summary"].format(points=points, trend=_trend_words(trend(scores)))
    table = pd.DataFrame({week: weeks, score: values})
    return Chart(fig, summary, table)


def kept_share_bars(
    targets: Sequence[Target], ratings: Iterable[Rating], rater: str = "owner"
) -> Chart:
    """Each target's share of rated weeks kept, partly kept and not kept, as stacked bars."""
    w, labels = _w(), words.rating_labels()
    target, rated, share = t("Target"), t("Weeks rated"), t("Share")
    columns = [target, rated, labels["kept"], labels["partly"], labels["not"], share]
    pool = latest(ratings, rater)
    counts = {item.id: [r.value for r in pool if r.target_id == item.id] for item in targets}
    if not targets or not any(counts.values()):
        table = pd.DataFrame(columns=columns)
        return Chart(_empty(w["shares_title"], w["shares_empty"]), w["shares_empty"], table)
    y = _unique([_label(item.text) for item in targets])
    fig = go.Figure()
    for value in RATING_VALUES:
        shares = [value_shares(pool, item.id, rater)[value] for item in targets]
        numbers = [counts[item.id].count(value) for item in targets]
        fig.add_trace(
            go.Bar(
                name=labels[value],
                y=y,
                x=shares,
                orientation="h",
                marker={"color": COLOURS[value], "line": {"color": "white", "width": 1}},
                text=[f"{labels[value]} {n}" if n else "" for n in numbers],
                textposition="inside",
                insidetextanchor="middle",
                textangle=0,
                textfont={"color": TEXT_COLOUR},
                hovertemplate="%{y}<br>" + labels[value] + ": %{x:.0%}<extra></extra>",
            )
        )
    fig.update_layout(
        barmode="stack",
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "traceorder": "normal"},
        # Text too small to read in a narrow segment is hidden, not shrunk or turned on its side;
        # the legend, the summary and the table still say every number.
        uniformtext={"minsize": 11, "mode": "hide"},
    )
    fig.update_xaxes(
        range=[0, 1],
        tickvals=[0, 0.25, 0.5, 0.75, 1],
        tickformat=".0%",
        title=w["share_axis"],
        fixedrange=True,
    )
    fig.update_yaxes(autorange="reversed", fixedrange=True)
    _style(fig, w["shares_title"], 210 + 56 * len(targets))
    # The title sits at the top edge and the legend under it: on a phone the legend wraps onto
    # three rows, which overlapped a title placed in the middle of a smaller margin.
    fig.update_layout(
        margin={"t": 124, "r": 24},  # "100%" at the axis end needs room past the last bar
        title={"yref": "container", "y": 1, "yanchor": "top", "pad": {"t": 12}},
    )
    rows, parts = [], []
    for item in targets:
        values = counts[item.id]
        kept = values.count("kept") / len(values) if values else None
        rows.append(
            {
                target: item.text,
                rated: len(values),
                labels["kept"]: values.count("kept"),
                labels["partly"]: values.count("partly"),
                labels["not"]: values.count("not"),
                share: kept,
            }
        )
        template = w["shares_part"] if values else w["shares_unrated"]
        parts.append(
            template.format(target=item.text, kept=values.count("kept"), rated=len(values))
        )
    summary = w["shares_summary"].format(parts="; ".join(parts))
    return Chart(fig, summary, pd.DataFrame(rows, columns=columns))


def routine_activity(counts: Mapping[str, Sequence[int]]) -> Chart:
    """Routine x week grid of how often each routine was logged (from ``stats.routine_counts``)."""
    w, names = _w(), words.routine_labels()
    weeks = _week_labels()
    routine, total_column = t("Routine"), t("Total")
    columns = [routine, *weeks, total_column]
    total = sum(sum(per_week) for per_week in counts.values())
    if total == 0:
        table = pd.DataFrame(columns=columns)
        return Chart(_empty(w["routines_title"], w["routines_empty"]), w["routines_empty"], table)
    keys = list(counts)
    y = _unique([html.escape(names.get(k, k), quote=False) for k in keys])
    z = [[int(c) for c in counts[k]][:WEEKS] + [0] * (WEEKS - len(counts[k])) for k in keys]
    fig = go.Figure(
        go.Heatmap(
            x=weeks,
            y=y,
            z=z,
            text=[[str(c) for c in row] for row in z],
            texttemplate="%{text}",
            textfont={"color": TEXT_COLOUR, "size": 12},
            hovertemplate="%{y}<br>%{x}: %{z}<extra></extra>",
            colorscale=ROUTINE_SCALE,
            zmin=0,
            zmax=max(max(row) for row in z),
            showscale=False,
            xgap=3,
            ygap=3,
        )
    )
    _style(fig, w["routines_title"], 140 + 44 * len(keys))
    _grid_axes(fig)
    rows = [
        {routine: names.get(k, k), **dict(zip(weeks, row, strict=True)), total_column: sum(row)}
        for k, row in zip(keys, z, strict=True)
    ]
    parts = ", ".join(
        w["routines_part"].format(routine=names.get(k, k), count=sum(row))
        for k, row in zip(keys, z, strict=True)
        if sum(row)
    )
    summary = w["routines_summary"].format(total=total, parts=parts)
    return Chart(fig, summary, pd.DataFrame(rows, columns=columns))


def owner_partner_comparison(
    targets: Sequence[Target],
    owner: Iterable[Rating],
    partner: Iterable[Rating],
    most: int = 3,
) -> Chart:
    """Owner's and partner's ratings side by side per target and week; the biggest gaps marked."""
    w, labels = _w(), words.rating_labels()
    target, week, gap = t("Target"), t("Week"), t("Gap")
    columns = [target, week, w["you"], w["partner"], gap]
    if not targets:
        table = pd.DataFrame(columns=columns)
        return Chart(_empty(w["compare_title"], w["compare_empty"]), w["compare_empty"], table)
    mine = {(r.target_id, r.week): r for r in latest(owner, "owner")}
    theirs = {(r.target_id, r.week): r for r in latest(partner, "partner")}
    ids = {item.id for item in targets}
    pairs = [d for d in divergence(mine.values(), theirs.values()) if d.target_id in ids]
    y_labels, cells = [], []
    for item in targets:
        for who, source in ((w["you"], mine), (w["partner"], theirs)):
            cells.append([_cell(source.get((item.id, n))) for n in range(1, WEEKS + 1)])
            y_labels.append(f"{_label(item.text)}<br>{html.escape(who, quote=False)}")
    fig = go.Figure(_heatmap(_unique(y_labels), cells))
    _style(fig, w["compare_title"], 140 + 56 * len(y_labels))
    _grid_axes(fig)
    row_of = {item.id: i for i, item in enumerate(targets)}
    for d in [d for d in pairs if d.gap > 0][:most]:
        top = 2 * row_of[d.target_id]
        fig.add_shape(
            type="rect",
            x0=d.week - 1.5,
            x1=d.week - 0.5,
            y0=top - 0.5,
            y1=top + 1.5,
            line={"color": TEXT_COLOUR, "width": 3},
        )
        fig.add_annotation(
            x=d.week - 1,
            y=top + 0.5,
            text=html.escape(w["differs"], quote=False),
            showarrow=False,
            font={"size": 11, "color": TEXT_COLOUR},
            bgcolor="white",
            bordercolor=TEXT_COLOUR,
            borderwidth=1,
        )
    names = {item.id: item.text for item in targets}
    rows = [
        {
            target: names[d.target_id],
            week: d.week,
            w["you"]: labels[d.owner],
            w["partner"]: labels[d.partner],
            gap: d.gap,
        }
        for d in pairs
    ]
    if not pairs:
        summary = w["compare_empty"]
    else:
        agree = sum(1 for d in pairs if d.gap == 0)
        summary = w["compare_summary"].format(pairs=len(pairs), agree=agree)
        if pairs[0].gap > 0:
            summary += " " + w["compare_biggest"].format(
                target=names[pairs[0].target_id], week=pairs[0].week
            )
    return Chart(fig, summary, pd.DataFrame(rows, columns=columns))
