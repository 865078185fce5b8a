"""The plan's charts and routines in Spanish (issue 18): the Charts section through the real app,
and the routines (timer, check-ins, book track, journal) through the routines' own harness.

Each test sets the session's language before its first run, checks real Spanish words are on the
page and the English ones are not, and that what is saved in Spanish is kept word for word.
"""

from __future__ import annotations

import json
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from content import language
from content import plan as words
from guide import routines as rt
from records import plan as plan_state
from tests.app.conftest import page_text, space_of
from tests.app.test_plan_page import open_plan, section
from tests.app.test_routines import HARNESS, ROOT, TIMEOUT, Space
from tests.support.language import switch_to
from tests.support.seed import seed_six_weeks
from ui.plan.timer import TIMER

TODAY = date.today()


def _spanish(at: AppTest) -> AppTest:
    """Switch an open session to Spanish with the app's own switch."""
    switch_to(at, "es")
    assert not at.exception, at.exception
    assert at.session_state["od_language"] == "es"
    return at


# --- the Charts section, through the real app ----------------------------------------------------


def _specs(at: AppTest) -> str:
    """Every chart's figure as Plotly JSON, together, with its words unescaped."""
    figures = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    return "\n".join(json.dumps(f, ensure_ascii=False) for f in figures)


def test_the_charts_speak_spanish(app, data_dir):
    store, access = space_of(app, data_dir)
    seed_six_weeks(store, access, TODAY)
    _spanish(app)
    open_plan(app)
    # AppTest formats a choice with the widget's format_func in the test's own thread, which has
    # no session to follow: the block makes it speak as the session does (a browser sends the
    # label it shows, so people never meet this).
    with language.speaking("es"):
        section(app, "charts")
    charts = app.get("plotly_chart")
    assert len(charts) == 4
    titles = [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in charts]
    assert titles == [
        "Cada meta, semana por semana",
        "Puntuación semanal",
        "Con qué frecuencia se cumplió cada meta",
        "Rutinas semana por semana",
    ]
    specs = _specs(app)
    for spanish in ("Semana", "Puntuación", "Cumplida en parte", "No cumplida", "Diario"):
        assert spanish in specs
    for english in ("Each target, week by week", "Weekly score", "Partly kept", '"Week'):
        assert english not in specs
    text = page_text(app)
    assert "18 de 18 calificaciones hasta ahora: 7 cumplidas, 7 cumplidas en parte" in text
    assert "Ha ido subiendo con las semanas." in text
    assert "ratings so far" not in text and "rising over the weeks" not in text
    assert [e.label for e in app.expander][:3] == ["Ver los números"] * 3
    assert "Show the numbers" not in [e.label for e in app.expander]
    columns = [list(frame.value.columns) for frame in app.dataframe]
    assert columns[0][0] == "Meta" and columns[1] == ["Semana", "Puntuación"]
    assert "Proporción cumplida" in columns[2] and "Share" not in columns[2]
    assert columns[3][0] == "Rutina" and columns[3][-1] == "Total"


# --- the routines, through their harness ---------------------------------------------------------

# The routines' harness, with the app's language module loaded so the session's choice is followed.
SPANISH_HARNESS = "import ui.language  # noqa: F401\n" + HARNESS


@pytest.fixture
def planned(tmp_path, monkeypatch) -> Space:
    """A space with a six-week plan that began ten days ago (week 2)."""
    monkeypatch.setenv("OPEN_DOOR_LOCAL_MODE", "off")
    folder = tmp_path / "harness"
    folder.mkdir()
    (folder / "app_pages").symlink_to(ROOT / "app_pages", target_is_directory=True)
    (folder / "routines_harness.py").write_text(SPANISH_HARNESS)
    space = Space(tmp_path / "data", folder / "routines_harness.py")
    plan_state.start_cycle(
        space.here, plan_state.new_plan(TODAY - timedelta(days=10), ["Sin teléfonos en la cena"])
    )
    return space


def session(space: Space, code: str = "es") -> AppTest:
    at = AppTest.from_file(str(Path(space.harness)), default_timeout=TIMEOUT)
    at.session_state["harness"] = (str(space.data_dir), space.key, True)
    at.session_state["od_language"] = code
    at.run()
    assert not at.exception, at.exception
    return at


def pick(at: AppTest, routine: str) -> AppTest:
    at.segmented_control(key="plan_routines_pick").set_value(routine).run()
    assert not at.exception, at.exception
    return at


def said(at: AppTest) -> str:
    """The page's text and what its saves said (a toast or a note)."""
    return page_text(at) + "\n" + "\n".join(t.value for t in at.toast)


def button(at: AppTest, label: str) -> AppTest:
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, at.exception
    return at


def test_the_nightly_check_in_and_its_timer_speak_spanish(planned: Space) -> None:
    at = session(planned)
    text = page_text(at)
    assert "Presiona **Empezar**" in text and "Press **Start**" not in text
    assert "Todavía no hay noches registradas esta semana." in text
    assert at.button(key="plan_routines_start").label == "Empezar"
    with language.speaking("es"):
        first = words.nightly_checkin().phases[0]
    assert f"1. {first.name} · 2 min" in "\n".join(m.value for m in at.markdown)

    at.button(key="plan_routines_start").click().run()
    assert at.metric[0].label == f"Paso 1 de 3: {first.name}"
    assert "Formas de empezar: " in page_text(at)
    at.button(key="plan_routines_pause").click().run()
    assert "En pausa." in page_text(at)
    labels = {b.label for b in at.button}
    assert {"Seguir", "Siguiente paso", "Detener"} <= labels
    assert not labels & {"Carry on", "Next step", "Stop", "Pause"}
    at.session_state[TIMER] = rt.Timer(started=time.monotonic() - 10_000)
    at.run()
    assert at.button(key="plan_routines_start").label == "Empezar de nuevo"

    at.text_input(key="plan_routines_nightly_step").input("Una caminata después de cenar")
    button(at, "Registrar la charla de esta noche")
    assert [d["note"] for d in planned.log("nightly")] == ["Una caminata después de cenar"]
    text = said(at)
    assert "La charla de esta noche quedó registrada." in text
    assert "Noches registradas esta semana: 1" in text
    assert "Tonight's check-in is logged." not in text
    assert "Una caminata después de cenar" in [t.value for t in at.text]

    at.text_input(key="plan_routines_nightly_step").input("")
    button(at, "Registrar la charla de esta noche")
    assert [d["note"] for d in planned.log("nightly")] == ["Una caminata después de cenar"]
    assert "se conserva lo que registraste hoy más temprano" in page_text(at)
    at.button(key="plan_routines_nightly_clear").click().run()
    assert "¿Quitar la nota de esta noche?" in page_text(at)
    assert at.button(key="plan_routines_nightly_clear_yes").label == "Quitar la nota"
    assert at.button(key="plan_routines_nightly_clear_no").label == "Conservar"


def test_the_weekly_check_in_speaks_spanish_and_keeps_the_words(planned: Space) -> None:
    at = pick(session(planned), "weekly")
    text = page_text(at)
    assert "**Cada quien responde**" in text and "**Las reglas**" in text
    assert "Con una o dos palabras basta." in text and "Each of you answers" not in text
    at.text_input(key="plan_routines_weekly_0").input("la caminata del domingo")
    at.text_input(key="plan_routines_weekly_note").input("Volvimos a reírnos")
    button(at, "Registrar la charla de esta semana")
    (weekly,) = planned.log("weekly")
    assert weekly["note"] == "Volvimos a reírnos"
    assert weekly["answers"][0] == "la caminata del domingo"
    text = said(at)
    assert "La charla de esta semana quedó registrada." in text
    assert "La charla de esta semana se registró el " in text


def test_the_book_track_speaks_spanish(planned: Space) -> None:
    at = pick(session(planned), "book")
    assert any("Plan de lectura" in s.value for s in at.subheader)
    radio = at.radio(key="plan_routines_book_pick_none")
    assert radio.label == "Elige un libro"
    with language.speaking("es"):
        book = words.books()[0]
    assert radio.options[0] == f"{book.title}, de {book.author}"
    radio.set_value(book.id).run()
    assert f"Estás leyendo {book.title}." in said(at)
    at.checkbox(key=f"plan_routines_book_{book.id}_1").check().run()
    assert not at.exception, at.exception
    assert "Semana 1 marcada como hecha." in said(at)
    assert at.get("progress")[0].proto.text == "Semanas completadas: 1 de 4"
    assert at.checkbox(key=f"plan_routines_book_{book.id}_1").label.startswith("Semana 1: ")
    assert [e.label for e in at.expander] == ["Elegir otro libro"]


def test_the_journal_speaks_spanish_and_keeps_the_line_as_written(planned: Space) -> None:
    at = pick(session(planned), "journal")
    text = page_text(at)
    assert "Solo para ti." in text and "Private to you." not in text
    box = at.text_input(key="plan_routines_journal_text")
    assert box.label.startswith("Tu línea de hoy, ")
    assert box.placeholder.startswith("Por ejemplo:")
    box.input("Me preguntó primero por mi día, ¡qué sorpresa!")
    button(at, "Guardar la línea de hoy")
    assert "La línea de hoy quedó guardada." in said(at)
    mark = at.checkbox(key=f"plan_routines_telling_{TODAY.isoformat()}")
    assert mark.label == "Reveladora"
    mark.check().run()
    assert "Marcada como reveladora." in said(at)
    (line,) = planned.journal()
    assert line["text"] == "Me preguntó primero por mi día, ¡qué sorpresa!"
    assert line["telling"] is True

    english = pick(session(planned, "en"), "journal")  # the same words, read in English
    assert "Me preguntó primero por mi día, ¡qué sorpresa!" in [t.value for t in english.text]
    assert english.checkbox(key=f"plan_routines_telling_{TODAY.isoformat()}").label == "Telling"


def test_the_routines_speak_spanish_before_any_plan(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("OPEN_DOOR_LOCAL_MODE", "off")
    folder = tmp_path / "harness"
    folder.mkdir()
    (folder / "app_pages").symlink_to(ROOT / "app_pages", target_is_directory=True)
    (folder / "routines_harness.py").write_text(SPANISH_HARNESS)
    space = Space(tmp_path / "data", folder / "routines_harness.py")
    at = AppTest.from_file(str(space.harness), default_timeout=TIMEOUT)
    at.session_state["harness"] = (str(space.data_dir), space.key, False)
    at.session_state["od_language"] = "es"
    at.run()
    assert not at.exception, at.exception
    info = " ".join(i.value for i in at.info)
    assert "Las rutinas son parte de un plan de seis semanas" in info
    assert "Routines belong" not in info
