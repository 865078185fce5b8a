"""The shell and Home in Spanish: the front door's words (page titles, the sidebar's sections, the
quick exit), the notices, Home's welcome and next step, the bad-link and storage-away pages, and
the switch (``od_language_switch``, a button per other language) that changes the language mid-session."""

from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

import storage.files
from content.home import load as load_words
from content.language import speaking
from records import links
from storage.errors import StorageUnavailable
from tests.app.conftest import page_text, space_of
from tests.support import journey
from tests.support.language import switch_to
from ui.callbacks import CLOSED_STATE

TODAY = date.today()
with speaking("es"):
    ES = load_words()
EN = load_words()


def spanish(make_app, **query: str) -> AppTest:
    """A new session that speaks Spanish from its first run (as a Spanish browser would)."""
    at = make_app(**query)
    at.session_state["od_language"] = "es"
    at.run()
    assert not at.exception, at.exception
    return at


def quick_exit_html(at: AppTest) -> list[str]:
    return [h.proto.body for h in at.get("html") if "od-quick-exit" in h.proto.body]


def sidebar_captions(at: AppTest) -> list[str]:
    return [c.value for c in at.sidebar.caption]


def link_labels(at: AppTest) -> list[str]:
    return [link.proto.label for link in at.get("page_link")]


def said_in_spanish_exit(at: AppTest) -> None:
    (snippet,) = quick_exit_html(at)  # one quick exit, however often the run said it
    assert "Salida rápida" in snippet
    assert 'aria-label="Salida rápida: sal de este sitio ahora.' in snippet
    assert 'title="Sal de este sitio ahora' in snippet
    assert "Quick exit" not in snippet and "Leave this site" not in snippet


def test_a_first_visit_is_welcomed_in_spanish(make_app):
    at = spanish(make_app)
    text = page_text(at)
    assert at.title[0].value == ES.welcome.title == "Te damos la bienvenida a Open Door"
    assert "Este es tu espacio privado." in text
    assert "Ya guardé mi enlace" in [b.label for b in at.button]
    assert "This is your private space" not in text and EN.welcome.title not in text
    said_in_spanish_exit(at)
    captions = sidebar_captions(at)
    assert {"Tu camino", "Guías", "Seguridad y datos"} <= set(captions)
    assert not {"Your path", "Guides", "Safety and data"} & set(captions)
    assert any("¿Necesitas salir rápido?" in c for c in captions)
    labels = link_labels(at)
    for title in ("Inicio", "Cuestionario", "Creador de guion", "Plan de seis semanas"):
        assert title in labels
    for title in ("Compartir con tu pareja", "Por tu cuenta", "Elegir terapeuta", "Mis datos"):
        assert title in labels
    assert not {"Home", "Quiz", "Script builder", "Six-week plan", "My data"} & set(labels)
    assert at.button(key="chrome_safety_flag").label == "Esto tiene que ver con mi seguridad"


def test_the_pages_keep_their_addresses_in_spanish(make_app):
    at = spanish(make_app)
    pages = {link.proto.label: link.proto.page for link in at.sidebar.get("page_link")}
    assert pages["Mis datos"].endswith("my-data") and pages["Por tu cuenta"].endswith("going-alone")
    at.switch_page("app_pages/my_data.py").run()
    assert not at.exception
    assert at.title[0].value == "Mis datos"


def test_saving_in_spanish_keeps_the_words_and_says_them_in_spanish(make_app, data_dir):
    at = spanish(make_app)
    at.button(key="notice_link_saved").click().run()
    assert not at.exception
    assert "Este es tu espacio privado." not in page_text(at)
    store, access = space_of(at, data_dir)
    assert links.link_saved(store.private(access))
    # The sidebar's safety button switches safety mode on, in Spanish, and opens Seguridad.
    at.button(key="chrome_safety_flag").click().run()
    assert not at.exception
    assert at.title[0].value == "Seguridad"
    assert any("El modo de seguridad está activado." in e.value for e in at.error)
    # Home again, in a new session of the same space (the Safety page's own widgets stay its own).
    home = spanish(make_app, space=at.session_state["od_key"])
    assert home.title[0].value == ES.dashboard.safety_title
    assert home.button(key="home_next_go").label == ES.stages["safety"].action
    assert any("El modo de seguridad está activado." in e.value for e in home.error)


@pytest.mark.parametrize(
    ("rated", "days_in", "title"),
    [
        (1, 16, "La semana 2 está por calificar"),
        (1, 23, "Las semanas 2 y 3 están por calificar"),
    ],
)
def test_home_says_the_weeks_to_rate_as_one_spanish_sentence(
    make_app, data_dir, rated, days_in, title
):
    at = spanish(make_app)
    store, access = space_of(at, data_dir)
    journey.mark_link_saved(store.private(access))
    journey.seed_result(store.private(access))
    journey.seed_script(store.private(access))
    journey.seed_plan(store, access, TODAY, days_in=days_in, rated_weeks=rated)
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value == ES.dashboard.title
    headings = [h.value for h in at.subheader]
    assert title in headings, headings
    assert not any("Week" in h for h in headings)
    text = page_text(at)
    for label in ("Cuestionario", "Guion", "Seis semanas", "Revisión"):
        assert label in text
    assert at.button(key="home_next_go").label == ES.stages["ratings_due"].action
    more = [link.proto.label for link in at.main.get("page_link")]  # titled by the registry
    assert {"Por tu cuenta", "Elegir terapeuta", "Seguridad", "Mis datos"} <= set(more), more


def test_a_bad_link_is_answered_in_spanish(make_app):
    at = make_app(space="nothing-here")
    at.session_state["od_language"] = "es"
    at.session_state[CLOSED_STATE] = True  # an old tab's refused action, told on this page
    at.run()
    assert not at.exception, at.exception
    text = page_text(at)
    assert at.title[0].value == "Este enlace no abre nada"
    assert "Puede que se haya copiado incompleto" in text
    assert "No se leyó ni se guardó nada" in text
    assert at.button(key="bad_link_start").label == "Empezar un espacio privado nuevo"
    assert "doesn't open anything" not in text and "Nothing was read" not in text
    said_in_spanish_exit(at)


def test_the_switch_changes_the_language_on_the_bad_link_page(make_app):
    at = make_app(space="nothing-here")
    at.run()
    assert at.title[0].value == "This link doesn't open anything"
    switch_to(at, "es")
    assert not at.exception
    assert at.title[0].value == "Este enlace no abre nada"
    said_in_spanish_exit(at)


@pytest.mark.files_only  # a fault of the data folder's files
def test_storage_away_is_said_in_spanish(make_app, monkeypatch):
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise StorageUnavailable()

    monkeypatch.setattr(storage.files, "write_bytes", refuse)
    monkeypatch.setattr(storage.files, "replace_all", refuse)
    at = spanish(make_app)
    text = page_text(at)
    assert at.title[0].value == "Open Door no puede abrir un espacio en este momento"
    assert "No pudimos abrirte un espacio privado" in text
    assert "Si estás en peligro ahora, llama al **911**" in text
    assert at.button(key="storage_down_retry").label == "Intentar de nuevo"
    assert "couldn't open a private space" not in text
    said_in_spanish_exit(at)


def test_the_switch_changes_the_language_and_back(app):
    assert app.title[0].value == EN.welcome.title
    assert "Quick exit" in quick_exit_html(app)[0]
    switch_to(app, "es")
    assert not app.exception
    assert app.session_state["od_language"] == "es"
    assert app.title[0].value == ES.welcome.title
    said_in_spanish_exit(app)
    assert "Tu camino" in sidebar_captions(app) and "Inicio" in link_labels(app)
    switch_to(app, "en")
    assert not app.exception
    assert app.title[0].value == EN.welcome.title
    assert "Your path" in sidebar_captions(app) and "Home" in link_labels(app)
    (snippet,) = quick_exit_html(app)
    assert "Quick exit" in snippet and "Salida rápida" not in snippet


def test_a_space_saved_in_spanish_opens_in_spanish_quick_exit_too(app, make_app, data_dir):
    store, access = space_of(app, data_dir)
    links.save_language(store.private(access), "es")
    elsewhere = make_app(space=app.session_state["od_key"])  # a new browser, no language of its own
    elsewhere.run()
    assert not elsewhere.exception, elsewhere.exception
    assert elsewhere.session_state["od_language"] == "es"
    assert elsewhere.title[0].value == ES.welcome.title
    said_in_spanish_exit(elsewhere)  # said again once the space's language was known
    assert "Inicio" in link_labels(elsewhere)
