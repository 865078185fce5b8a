"""The six-week plan's own sections in Spanish (AppTest): setting up a plan and rating a week speak
Spanish, the words typed in Spanish are saved as typed and stay when the page switches back to
English, and the review, the decision and the setup speak Spanish too."""

from __future__ import annotations

from datetime import date

from content import language
from content import plan as words
from guide.plan import target_suggestions
from records import plan as plan_state
from tests.app.conftest import page_text, space_of
from tests.app.test_plan_page import click, open_plan, progress_text, section, space
from tests.support.language import switch_to
from tests.support.seed import seed_six_weeks
from ui import pages

PLAN = pages.path("plan")
TODAY = date.today()


def speak(at, code: str):
    switch_to(at, code)
    assert not at.exception, at.exception
    return at


def test_set_up_and_rate_a_week_in_spanish_and_the_words_stay_in_english(app, data_dir):
    open_plan(speak(app, "es"))
    text = page_text(app)
    assert "No puedes obligar a nadie a ir a terapia" in text
    assert "Prepara tus seis semanas" in text
    assert "Set up your six weeks" not in text and "try a few small changes" not in text
    assert app.date_input(key="plan_setup_start").label == "¿Cuándo empiezan las seis semanas?"
    ideas = app.pills(key="plan_setup_ideas")
    with language.speaking("es"):
        spanish_ideas = [e.text for e in words.target_examples()]
    assert set(ideas.options) >= set(spanish_ideas[:3])
    assert app.text_input(key="plan_setup_target_1").label == "Meta 1"

    ideas.set_value([spanish_ideas[0]])
    app.text_input(key="plan_setup_target_1").input("Diez minutos de charla después de cenar")
    click(app, "Empezar mis seis semanas")
    assert "Tus seis semanas empiezan el" in " ".join(t.value for t in app.toast) + page_text(app)
    assert "Semana 1 de 6" in progress_text(app)
    assert "Week 1 of 6" not in progress_text(app)

    cycle = plan_state.active_cycle(space(app, data_dir))
    assert cycle is not None
    assert [t.text for t in cycle.targets] == [
        spanish_ideas[0],
        "Diez minutos de charla después de cenar",
    ]
    first, second = cycle.target_ids
    weeks = app.segmented_control(key=f"plan_week_{cycle.id}")
    assert weeks.label == "¿Qué semana?"
    rating = app.segmented_control(key=f"plan_value_{cycle.id}_1_{first}")
    assert rating.options == [
        "Cumplida",
        "Cumplida en parte",
        "No cumplida",
    ]
    assert "La semana 2 empieza el" in page_text(app)
    rating.set_value("kept")
    app.segmented_control(key=f"plan_value_{cycle.id}_1_{second}").set_value("partly")
    app.text_input(key=f"plan_note_{cycle.id}_1_{second}").input("Dos noches de cinco, ¡bien!")
    click(app, "Guardar la semana 1")
    assert [t.value for t in app.toast] == ["Semana 1 guardada."]
    (kept, partly) = sorted(plan_state.ratings(space(app, data_dir), cycle), key=lambda r: r.value)
    assert (kept.value, partly.value, partly.note) == (
        "kept",
        "partly",
        "Dos noches de cinco, ¡bien!",
    )

    # Back to English: the page speaks English, the words typed in Spanish are as they were.
    speak(app, "en")
    open_plan(app)
    assert "Week 1 of 6" in progress_text(app)
    assert "Semana 1 de 6" not in progress_text(app)
    text = page_text(app)
    assert "Diez minutos de charla después de cenar" in text
    assert spanish_ideas[0] in text
    assert app.text_input(key=f"plan_note_{cycle.id}_1_{second}").value == (
        "Dos noches de cinco, ¡bien!"
    )
    assert app.segmented_control(key=f"plan_value_{cycle.id}_1_{first}").value == "kept"
    assert any(b.label == "Save week 1" for b in app.button)
    again = plan_state.active_cycle(space(app, data_dir))
    assert again == cycle


def test_the_review_and_a_decision_in_spanish(app, data_dir):
    store, access = space_of(app, data_dir)
    cycle = seed_six_weeks(store, access, TODAY)
    open_plan(speak(app, "es"))
    text = page_text(app)
    assert "Tus seis semanas terminaron." in text
    assert "Your six weeks are done" not in text
    click(app, "Abrir la revisión")
    text = page_text(app)
    for spanish in (
        "Lo que muestra el registro",
        "Decidir qué sigue",
        "La puntuación semanal promedió",
        "semanas calificadas",
        "Las seis semanas están calificadas.",
    ):
        assert spanish in text, spanish
    for english in ("What the record shows", "rated weeks", "Deciding what comes next"):
        assert english not in text, english
    markdown = " ".join(m.value for m in app.markdown)
    assert "promedió **0," in markdown, "the score is written with a decimal comma"
    choice = app.radio(key=f"plan_decision_{cycle.id}")
    assert choice.label == "¿Qué va contigo ahora?"
    choice.set_value("keep_going")
    app.text_area(key=f"plan_decision_note_{cycle.id}").input("Hablarlo con calma en enero")
    click(app, "Guardar mi decisión")
    assert [t.value for t in app.toast] == ["Tu decisión quedó guardada."]
    text = page_text(app)
    assert "Elegiste **Seguir adelante** el" in " ".join(m.value for m in app.markdown)
    assert "Empieza unas nuevas seis semanas" in text

    speak(app, "en")
    open_plan(app)
    decided = plan_state.active_cycle(space(app, data_dir)).decision
    assert (decided.option, decided.note) == ("keep_going", "Hablarlo con calma en enero")
    assert "Hablarlo con calma en enero" in page_text(section(app, "review"))
    assert "You chose **Keep going** on" in " ".join(m.value for m in app.markdown)


def test_setup_speaks_spanish_and_a_reworded_target_keeps_its_spanish_words(app, data_dir):
    store, access = space_of(app, data_dir)
    cycle = seed_six_weeks(store, access, TODAY)
    section(open_plan(speak(app, "es")), "setup")
    text = page_text(app)
    assert "Fechas" in text and "Tus metas" in text
    assert "Dates" not in text and "Your targets" not in text
    assert any(
        b.label == "Agregar recordatorios a mi calendario" for b in app.get("download_button")
    )
    target = cycle.targets[0]
    box = app.text_input(key=f"plan_edit_text_{target.id}")
    assert box.label == "Nuevas palabras"
    box.input("Sin celulares en la mesa, ni en el desayuno")
    click(app, "Guardar las nuevas palabras")
    assert "Meta reescrita." in page_text(app) + " ".join(t.value for t in app.toast)
    assert "Antes decía:" in page_text(app)
    reworded = plan_state.active_cycle(space(app, data_dir)).targets[0]
    assert reworded.text == "Sin celulares en la mesa, ni en el desayuno"
    assert reworded.history[-1][1] == target.text


def test_spanish_vague_phrases_match_without_their_accents():
    with language.speaking("es"):
        # The content lists "más cerca" and "oírme" only with their accents; typed without
        # them (as many people type on a phone), they still match.
        expected = target_suggestions("Estar más cerca")
        assert expected
        assert target_suggestions("Estar mas cerca") == expected
        assert target_suggestions("ESTAR MÁS CERCA") == expected
        assert target_suggestions("Que quiera oirme") == target_suggestions("Que quiera oírme")
        assert target_suggestions("Que quiera oirme")
        assert target_suggestions("Sin celulares en la cena") == ()
        assert target_suggestions("Estar más cercanos") == ()  # whole words only
