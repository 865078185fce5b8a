"""The plan's figures in Spanish: titles, axis words, hover text, legend, cells and table columns.

Built under ``content.language.speaking("es")``, the same builders that draw the English charts
must say every word in Spanish (from content/es/plan.toml and plan_charts.po) and no English one.
"""

from __future__ import annotations

from datetime import date

import pytest

from content import language
from content import plan as words
from guide import calendar, figures
from guide.plan import Rating, RoutineEntry, Target, make_target
from guide.stats import routine_counts

START = date(2025, 3, 7)
ENGLISH = ("Week", "Target", "Kept", "Partly kept", "Not kept", "Score", "Share", "Gap")


def r(target_id: str, week: int, value: str, rater: str = "owner") -> Rating:
    return Rating(target_id, week, value, rater=rater, rated_on=START)


@pytest.fixture
def targets() -> list[Target]:
    return [make_target("Sin teléfonos en la cena", "t1"), make_target("Una cita por semana", "t2")]


@pytest.fixture
def ratings() -> list[Rating]:
    return [r("t1", 1, "kept"), r("t1", 2, "partly"), r("t2", 1, "not"), r("t2", 3, "kept")]


def _words(fig) -> str:
    """Every word a person can read in a figure, as one string (title, axes, traces, notes)."""
    layout = fig.layout
    found = [layout.title.text or ""]
    for axis in (layout.xaxis, layout.yaxis):
        found += [axis.title.text or "", *(axis.ticktext or ())]
    for trace in fig.data:
        found += [str(getattr(trace, "name", "") or ""), str(trace.hovertemplate or "")]
        for field in ("x", "text", "customdata"):
            values = getattr(trace, field, None)
            if values is not None:
                found += [str(v) for v in values]
    found += [a.text or "" for a in layout.annotations]
    return " | ".join(found)


def _no_english(text: str) -> None:
    for word in ENGLISH:
        assert word not in text.replace("<br>", " "), (word, text)


def test_the_rating_grid_speaks_spanish(targets, ratings) -> None:
    with language.speaking("es"):
        chart = figures.rating_grid(targets, ratings)
    layout, heat = chart.figure.layout, chart.figure.data[0]
    assert layout.title.text == "Cada meta, semana por semana"
    assert layout.xaxis.title.text == "Semana"
    assert list(heat.x) == [f"Semana {n}" for n in range(1, 7)]
    assert [c.replace("<br>", " ") for c in heat.text[0][:2]] == ["Cumplida", "Cumplida en parte"]
    assert heat.customdata[1][0] == "No cumplida"
    assert heat.customdata[1][1] == "Sin calificar todavía"
    assert list(chart.table.columns) == ["Meta", *[f"Semana {n}" for n in range(1, 7)]]
    assert chart.summary.startswith("4 de 12 calificaciones hasta ahora")
    _no_english(_words(chart.figure) + " ".join(chart.table.columns) + chart.summary)


def test_the_score_line_speaks_spanish(targets, ratings) -> None:
    with language.speaking("es"):
        chart = figures.weekly_score_line(targets, ratings)
    layout, line = chart.figure.layout, chart.figure.data[0]
    assert layout.title.text == "Puntuación semanal"
    assert layout.xaxis.title.text == "Semana"
    assert layout.yaxis.title.text == "Puntuación"
    assert list(layout.yaxis.ticktext) == [
        "0 ninguna cumplida",
        "0.5 en parte",
        "1 todas cumplidas",
    ]
    assert line.hovertemplate.startswith("Semana %{x}: ")
    assert list(chart.table.columns) == ["Semana", "Puntuación"]
    assert chart.summary.endswith("Semana 3 1.00. Ha ido subiendo con las semanas.")
    _no_english(_words(chart.figure) + " ".join(chart.table.columns) + chart.summary)


def test_the_kept_share_bars_speak_spanish(targets, ratings) -> None:
    with language.speaking("es"):
        chart = figures.kept_share_bars(targets, ratings)
    layout = chart.figure.layout
    assert layout.title.text == "Con qué frecuencia se cumplió cada meta"
    assert layout.xaxis.title.text == "Proporción de semanas calificadas"
    assert [bar.name for bar in chart.figure.data] == [
        "Cumplida",
        "Cumplida en parte",
        "No cumplida",
    ]
    assert "Cumplida: %{x:.0%}" in chart.figure.data[0].hovertemplate
    assert list(chart.table.columns) == [
        "Meta",
        "Semanas calificadas",
        "Cumplida",
        "Cumplida en parte",
        "No cumplida",
        "Proporción cumplida",
    ]
    assert chart.table["Proporción cumplida"].tolist() == [0.5, 0.5]
    assert chart.summary == (
        "Semanas cumplidas sobre semanas calificadas: Sin teléfonos en la cena: 1 de 2; "
        "Una cita por semana: 1 de 2."
    )
    _no_english(_words(chart.figure) + " ".join(chart.table.columns) + chart.summary)


def test_the_routine_grid_speaks_spanish() -> None:
    entries = [RoutineEntry("nightly", START), RoutineEntry("journal", START)]
    with language.speaking("es"):
        chart = figures.routine_activity(routine_counts(entries, START))
    layout, heat = chart.figure.layout, chart.figure.data[0]
    assert layout.title.text == "Rutinas semana por semana"
    assert layout.xaxis.title.text == "Semana"
    assert "Charla de cada noche" in list(heat.y) and "Diario" in list(heat.y)
    columns = list(chart.table.columns)
    assert (columns[0], columns[-1]) == ("Rutina", "Total")
    assert chart.summary.startswith("Registros de rutinas: 2 (")
    _no_english(_words(chart.figure) + " ".join(chart.table.columns) + chart.summary)


def test_the_comparison_speaks_spanish(targets) -> None:
    owner = [r("t1", 1, "kept"), r("t2", 1, "kept")]
    partner = [r("t1", 1, "not", "partner"), r("t2", 1, "kept", "partner")]
    with language.speaking("es"):
        chart = figures.owner_partner_comparison(targets, owner, partner)
    layout = chart.figure.layout
    assert layout.title.text == "Tu punto de vista y el de tu pareja, lado a lado"
    assert any("Tú" in y for y in chart.figure.data[0].y)
    assert any("Tu pareja" in y for y in chart.figure.data[0].y)
    assert [a.text for a in layout.annotations] == ["difiere"]
    assert list(chart.table.columns) == ["Meta", "Semana", "Tú", "Tu pareja", "Diferencia"]
    assert chart.table.iloc[0].tolist() == [
        "Sin teléfonos en la cena",
        1,
        "Cumplida",
        "No cumplida",
        1.0,
    ]
    assert "La mayor diferencia: Sin teléfonos en la cena, en la semana 1." in chart.summary
    _no_english(_words(chart.figure) + " ".join(chart.table.columns) + chart.summary)


@pytest.mark.parametrize(
    "build",
    [
        lambda: figures.rating_grid((), ()),
        lambda: figures.weekly_score_line((), ()),
        lambda: figures.kept_share_bars((), ()),
        lambda: figures.routine_activity({}),
        lambda: figures.owner_partner_comparison((), (), ()),
    ],
)
def test_an_empty_figure_says_so_in_spanish(build) -> None:
    with language.speaking("es"):
        chart = build()
        empty = {
            words.chart_words()[k]
            for k in ("grid_empty", "line_empty", "shares_empty", "routines_empty", "compare_empty")
        }
    assert chart.summary in empty and chart.summary.startswith("Todavía no hay")
    assert [a.text for a in chart.figure.layout.annotations] == [chart.summary]
    _no_english(" ".join(chart.table.columns))


def test_the_same_builders_still_speak_english_outside_the_block(targets, ratings) -> None:
    with language.speaking("es"):
        figures.rating_grid(targets, ratings)
    chart = figures.kept_share_bars(targets, ratings)
    assert chart.figure.layout.title.text == words.chart_words()["shares_title"]
    columns = list(chart.table.columns)
    assert columns[0] == "Target" and "Share" in columns


def test_the_calendar_speaks_spanish_and_stays_neutral() -> None:
    with language.speaking("es"):
        text = calendar.build_ics(START).decode("utf-8")
    assert "BEGIN:VCALENDAR" in text
    assert "X-WR-CALNAME:Notas semanales" in text
    assert text.count("SUMMARY:Notas de la semana") == 6
    assert "SUMMARY:Repasar seis semanas de notas" in text
    # What a calendar shows (PRODID is the file's maker id, never shown): Spanish, and neutral.
    shown = "".join(
        line for line in text.replace("\r\n ", "").splitlines() if not line.startswith("PRODID")
    )
    for word in ("Weekly", "Review", "terapia", "pareja", "plan"):
        assert word not in shown
