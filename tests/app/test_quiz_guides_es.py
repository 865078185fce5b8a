"""The quiz and the two guides in Spanish: the code's own words speak the session's language, a
result taken in English reads in Spanish, and what is saved in Spanish keeps its words."""

from __future__ import annotations

from datetime import UTC, datetime

from streamlit.testing.v1 import AppTest

from content import language
from content.guides import load_therapist
from content.quiz import load_quiz
from content.reasons import load_reasons
from guide.quiz import score
from records.quiz import stored_result
from tests.app.conftest import page_text, space_of
from ui import pages

QUIZ, GOING_ALONE, THERAPIST = (pages.path(p) for p in ("quiz", "going_alone", "therapist"))
ITEMS = load_quiz()  # English: what a result taken in English stored
SCORED = [item for item in ITEMS if item.kind != "safety"]
SAFETY = [item for item in ITEMS if item.kind == "safety"]


def in_spanish(at: AppTest, path: str) -> AppTest:
    at.session_state["od_language"] = "es"
    at.switch_page(path).run()
    assert not at.exception, at.exception
    return at


def seed_english_result(at: AppTest, data_dir, chosen: dict[str, int]) -> dict:
    """A result scored and stored in English (its labels and questions in English)."""
    answers = {item.id: 0 for item in ITEMS} | chosen
    with language.speaking("en"):
        result = score(answers, load_quiz(), load_reasons())
        doc = stored_result(result, datetime(2026, 11, 3, 9, tzinfo=UTC), declined=False)
    store, access = space_of(at, data_dir)
    store.private(access).insert("quiz_results", doc)
    return doc


def test_the_quiz_intro_and_first_question_speak_spanish(app) -> None:
    in_spanish(app, QUIZ)
    text = page_text(app)
    assert f"{len(SCORED)} preguntas cortas sobre lo que tu pareja dice y hace" in text
    assert "short questions" not in text
    assert app.button(key="quiz_start").label == "Empezar el cuestionario"
    app.button(key="quiz_start").click().run()
    assert not app.exception, app.exception
    assert app.get("progress")[0].proto.text == f"Pregunta 1 de {len(ITEMS)}"
    assert app.button(key="quiz_back").label == "Atrás"
    assert app.button(key="quiz_next").label == "Siguiente"
    with language.speaking("es"):
        first = load_quiz()[0]
    assert first.text in page_text(app)
    assert list(app.radio(key=f"quiz_answer_{first.id}").options) == list(first.scale.options)


def test_the_finish_step_and_a_declined_safety_screen_speak_spanish(app, data_dir) -> None:
    store, access = space_of(app, data_dir)
    answers = {item.id: 0 for item in SCORED}
    fields = {"answers": answers, "started_at": "2026-11-01T10:00:00+00:00", "position": len(ITEMS)}
    store.private(access).put("quiz_progress", "current", fields)
    in_spanish(app, QUIZ)
    text = page_text(app)
    assert "Tu resultado está listo" in text
    assert f"Te falta responder {len(SAFETY)} preguntas de seguridad." in text
    assert "still need an answer" not in text
    app.button(key="quiz_decline").click().run()
    assert not app.exception, app.exception
    text = page_text(app)
    assert "Tu seguridad es lo primero" in text
    assert "Elegiste no responder las preguntas de seguridad." in text
    assert "Your safety comes first" not in text
    # What is stored is not words: the same whichever language the quiz was taken in.
    [doc] = store.private(access).all("quiz_results")
    assert doc["safety_declined"] is True and doc["safety_flagged"] is True


def test_a_result_taken_in_english_reads_in_spanish(app, data_dir) -> None:
    by_id = {item.id: item for item in ITEMS}
    chosen = {"takes_sides": 3, "you_need_it": 2}
    doc = seed_english_result(app, data_dir, chosen)
    assert doc["ranked"][0]["because"][0]["answer"] == "Often"  # stored as it was taken
    in_spanish(app, QUIZ)
    text = page_text(app)
    with language.speaking("es"):
        spanish = {item.id: item for item in load_quiz()}
        blame = load_reasons()["blame"].name
    assert f"1. {blame}" in text
    assert "**Porque dijiste:**" in text
    sides = spanish["takes_sides"]
    assert f"**{sides.scale.options[3]}**: “{sides.text}”" in text
    assert "Often" not in text and by_id["takes_sides"].text not in text
    assert "Because you said" not in text
    assert "Volver a hacer el cuestionario" in [b.label for b in app.button]
    # The stored result is unchanged by being read in another language.
    store, access = space_of(app, data_dir)
    [again] = store.private(access).all("quiz_results")
    assert again["ranked"][0]["because"][0]["answer"] == "Often"


def test_history_in_spanish_names_reasons_in_spanish(app, data_dir) -> None:
    seed_english_result(app, data_dir, {"takes_sides": 3, "you_need_it": 2})
    store, access = space_of(app, data_dir)
    answers = {item.id: 0 for item in ITEMS} | {"wont_work": 3, "couch": 3}
    with language.speaking("en"):
        later = score(answers, load_quiz(), load_reasons())
    doc = stored_result(later, datetime(2026, 11, 10, 9, tzinfo=UTC), declined=False)
    store.private(access).insert("quiz_results", doc)
    in_spanish(app, QUIZ)
    text = page_text(app)
    assert "Tus resultados con el tiempo" in text
    assert "**Qué cambió desde la vez anterior**" in text
    assert "Lo que destacó:" in text and "Stood out" not in text
    with language.speaking("es"):
        names = {reason_id: r.name for reason_id, r in load_reasons().items()}
    with language.speaking("en"):
        english = {reason_id: r.name for reason_id, r in load_reasons().items()}
    assert f"“{names['blame']}”" in text
    assert f"“{english['blame']}”" not in text


def test_going_alone_in_safety_mode_speaks_spanish(app) -> None:
    in_spanish(app, GOING_ALONE)
    app.button(key="chrome_safety_flag").click().run()
    assert not app.exception, app.exception
    labels = [link.proto.label for link in app.main.get("page_link")]
    assert "Ayuda y recursos de seguridad" in labels
    assert "Safety help and resources" not in labels


def test_the_checklist_saves_in_spanish_and_keeps_the_words(app, make_app, data_dir) -> None:
    in_spanish(app, THERAPIST)
    with language.speaking("es"):
        words = load_therapist()
    assert words.checklist.title in page_text(app)
    app.text_input(key="therapist_c1_name").input("Dra. Núñez")
    app.text_input(key="therapist_c1_ask_sides").input("Dice que el patrón es de los dos")
    next(b for b in app.button if b.label == words.checklist.save_label).click().run()
    assert not app.exception, app.exception
    assert words.checklist.saved in page_text(app)
    store, access = space_of(app, data_dir)
    doc = store.private(access).get("therapist_checklist", "current")
    assert doc["candidates"][0]["name"] == "Dra. Núñez"
    assert doc["candidates"][0]["answers"]["sides"] == "Dice que el patrón es de los dos"
    app.button(key="therapist_clear").click().run()
    assert app.button(key="therapist_clear_yes").label.startswith("Sí, vaciar")
    assert "¿Vaciar las tres pestañas de la lista? No se puede deshacer." in page_text(app)
    app.button(key="therapist_clear_no").click().run()

    # Every box emptied and saved: nothing is erased, and the note says so in Spanish.
    app.text_input(key="therapist_c1_name").input("")
    app.text_input(key="therapist_c1_ask_sides").input("")
    next(b for b in app.button if b.label == words.checklist.save_label).click().run()
    assert "Todas las casillas estaban vacías" in page_text(app)

    again = make_app(space=app.session_state["od_key"])
    again.run()
    in_spanish(again, THERAPIST)
    assert again.text_input(key="therapist_c1_name").value == "Dra. Núñez"
