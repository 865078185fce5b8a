"""The Safety page, safety mode, the safety plan and My data in Spanish (issue 18).

Someone reading these pages may be in danger: the help, the safety gate and every safety-mode
message must read in Spanish, with no English left between them. A plan written in Spanish is
kept word for word, also when the person switches back to English, and its download is written in
the language the page was drawn in.
"""

from __future__ import annotations

from datetime import date

import pytest

from content import language
from content import safety as safety_content
from guide.safety import FEATURES, SafetyPlan, safety_plan_from_dict
from storage.errors import AccessDenied, DiskFull, StorageError, StorageUnavailable
from tests.app.conftest import page_text, space_of
from tests.support.language import switch_to
from tests.support.seed import seed_six_weeks
from ui import pages
from ui.safety import plan_kept

SAFETY = pages.path("safety")
MY_DATA = pages.path("my_data")

with language.speaking("es"):
    ES = safety_content.load()
EN = safety_content.load()


@pytest.fixture
def spanish(make_app):
    """A brand-new space whose session speaks Spanish from its first run.

    The test itself speaks Spanish too: AppTest calls a widget's ``format_func`` (the country
    picker's names) in the test's own thread, outside the session, where it would otherwise say the
    names in English and not find them among the Spanish options the page drew.
    """
    with language.speaking("es"):
        at = make_app()
        at.session_state["od_language"] = "es"
        at.run()
        assert not at.exception, at.exception
        yield at


def open_page(at, page: str):
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def labels(at) -> list[str]:
    return [b.label for b in at.button]


def press(at, label: str) -> None:
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, at.exception


def kept_docs(at, data_dir) -> list[dict]:
    store, access = space_of(at, data_dir)
    return store.private(access).all("safety_plan")


# --- the Safety page ----------------------------------------------------------------------------


def test_the_safety_page_speaks_spanish(spanish):
    open_page(spanish, SAFETY)
    headers = [h.value for h in spanish.header]
    assert headers[0] == "Si estás en peligro ahora"
    assert "Modo de seguridad" in headers and ES.plan.title in headers
    text = page_text(spanish)
    assert "Llama al **911** en los Estados Unidos" in text
    assert "**El modo de seguridad está desactivado.**" in text
    assert "¿Dónde debe quedar este plan?" in str(spanish.radio(key="safety_plan_where").proto)
    assert "Guardar mi plan" in labels(spanish)
    assert ES.gate.self_flag_label in labels(spanish)
    for english in (
        "If you are in danger now",
        "Safety mode is off",
        "For any country",
        "Where should this plan live?",
    ):
        assert english not in text, english
    assert "Save my plan" not in labels(spanish)


def test_safety_mode_switched_on_in_spanish_says_why_and_what_changes(spanish):
    open_page(spanish, SAFETY)
    spanish.button(key="safety_self_flag").click().run()
    assert not spanish.exception, spanish.exception
    text = page_text(spanish)
    assert "El modo de seguridad está activado." in text
    assert f"**{ES.gate.title}.** Te explicamos por qué:" in text
    assert ES.gate.reason_self in text
    for feature in FEATURES:
        assert ES.gate.withheld[feature] in text
    assert ES.gate.leave_hint in text
    assert "**Lo que cambia mientras está activado:**" in text
    quiz_links = [p.proto.label for p in spanish.get("page_link") if p.proto.page == "quiz"]
    assert "Responder otra vez las preguntas de seguridad" in quiz_links
    assert "Take the safety questions again" not in quiz_links
    for english in (
        "Safety mode is switched on",
        "Here is why",
        "What it changes",
        "Safety mode is on",
    ):
        assert english not in text, english
    assert EN.gate.reason_self not in text and EN.gate.leave_hint not in text


# --- the safety plan ----------------------------------------------------------------------------

PLACE = "Casa de mi hermana, segundo piso; la llave está con la vecina"
CONTACT = ("Tía Rosa", "555 0100, palabra clave: azul")


def fill_plan_in_spanish(at, where: str) -> None:
    at.radio(key="safety_plan_where").set_value(where).run()
    at.text_area(key="safety_plan_safe_place").input(PLACE)
    at.checkbox(key="safety_plan_bag_phone").check()
    at.text_input(key="safety_plan_contact_name_0").input(CONTACT[0])
    at.text_input(key="safety_plan_contact_how_0").input(CONTACT[1])


def test_a_plan_saved_in_spanish_is_kept_and_stays_when_switching_back(spanish, data_dir):
    open_page(spanish, SAFETY)
    fill_plan_in_spanish(spanish, "keep")
    press(spanish, "Guardar mi plan")
    text = page_text(spanish)
    assert "Tu plan quedó guardado en la app. Solo tu enlace privado lo abre." in text
    assert "**Tu plan está guardado en la app.**" in text
    assert "Your plan is saved" not in text
    assert {"Descargar una copia", "Borrarlo de la app"} <= {
        *labels(spanish),
        *(d.proto.label for d in spanish.get("download_button")),
    }
    (doc,) = kept_docs(spanish, data_dir)
    doc.pop("_id"), doc.pop("key")
    assert safety_plan_from_dict(doc) == SafetyPlan(
        safe_place=PLACE, bag=("phone",), contacts=(CONTACT,), keep_in_app=True
    )
    # The download of the kept plan is written in the page's language, even though Streamlit
    # makes the file outside the session's run (where the run's language is English).
    here = spanish.session_state["od_here"]
    markdown = plan_kept._kept_markdown(here, "es")
    assert markdown.startswith(f"# {ES.plan.download_title}")
    assert f"## {ES.plan.safe_place.title}" in markdown and PLACE in markdown
    assert f"- [x] {next(i.label for i in ES.plan.bag_items if i.id == 'phone')}" in markdown
    assert EN.plan.download_title not in markdown
    # Back to English: the words typed in Spanish are still in the form and in storage.
    switch_to(spanish, "en")
    assert not spanish.exception, spanish.exception
    assert spanish.session_state["od_language"] == "en"
    assert spanish.text_area(key="safety_plan_safe_place").value == PLACE
    assert spanish.text_input(key="safety_plan_contact_how_0").value == CONTACT[1]
    assert spanish.checkbox(key="safety_plan_bag_phone").value is True
    assert "Your plan is kept in the app." in page_text(spanish)
    assert "Save my plan" in labels(spanish)
    assert kept_docs(spanish, data_dir)[0]["safe_place"] == PLACE


def test_a_plan_only_downloaded_in_spanish_is_a_spanish_file(spanish, data_dir):
    open_page(spanish, SAFETY)
    fill_plan_in_spanish(spanish, "download")
    press(spanish, "Guardar mi plan")
    text = page_text(spanish)
    assert "**Tu plan está listo para descargar.** No se guardó nada en la app." in text
    assert "El archivo se llama notes.md" in text
    pending = spanish.session_state["safety_plan_pending"]
    assert pending.startswith(f"# {ES.plan.download_title}") and PLACE in pending
    assert EN.plan.safe_place.title not in pending
    assert kept_docs(spanish, data_dir) == []
    spanish.button(key="safety_plan_forget").click().run()
    assert "Se borró sin descargarlo. No se guardó nada en la app" in page_text(spanish)


def test_a_choice_left_out_and_a_delete_are_said_in_spanish(spanish, data_dir):
    open_page(spanish, SAFETY)
    spanish.text_area(key="safety_plan_safe_place").input(PLACE)
    press(spanish, "Guardar mi plan")
    assert "Primero elige dónde debe quedar tu plan" in page_text(spanish)
    assert spanish.text_area(key="safety_plan_safe_place").value == PLACE
    spanish.radio(key="safety_plan_where").set_value("keep").run()
    press(spanish, "Guardar mi plan")
    spanish.button(key="safety_plan_delete").click().run()
    assert "¿Quieres borrar tu plan de la app? No se puede deshacer." in page_text(spanish)
    assert {"Sí, borrar mi plan", "No, conservar mi plan"} <= set(labels(spanish))
    spanish.button(key="safety_plan_delete_yes").click().run()
    assert "Tu plan se borró de la app." in page_text(spanish)
    assert kept_docs(spanish, data_dir) == []


# --- My data ------------------------------------------------------------------------------------


def test_my_data_speaks_spanish(spanish):
    open_page(spanish, MY_DATA)
    subheaders = [s.value for s in spanish.subheader]
    assert subheaders == [
        "Descargar una copia de seguridad",
        "Restaurar desde una copia de seguridad",
        "Borrar todo",
    ]
    text = page_text(spanish)
    assert "Todo lo que escribes en Open Door se queda en tu espacio privado" in text
    assert 'Para confirmar, escribe "borrar" aquí abajo' in text
    (download,) = spanish.get("download_button")
    assert download.proto.label == "Descargar copia de seguridad (.json)"
    for english in (
        "Download a backup",
        "Restore from a backup",
        "Delete everything",
        "backup file",
    ):
        assert english not in text, english


def test_a_restore_in_spanish_says_what_comes_back_and_what_is_replaced(
    spanish, make_app, data_dir
):
    old = make_app()
    old.run()
    store, access = space_of(old, data_dir)
    seed_six_weeks(store, access, date.today())
    backup = store.export_backup(access)
    store, access = space_of(spanish, data_dir)
    store.private(access).insert("journal", {"day": "2026-11-30", "text": "una línea de hoy"})
    open_page(spanish, MY_DATA)
    spanish.get("file_uploader")[0].upload("copia.json", backup, "application/json").run()
    assert not spanish.exception, spanish.exception
    text = page_text(spanish)
    assert "Esta copia de seguridad se puede leer. Se hizo el " in text
    assert "**Plan de seis semanas** · Vuelve desde la copia de seguridad" in text
    assert "6 de 6 semanas calificadas" in text and "3 metas" in text
    assert "**Diario** · Lo tuyo se reemplaza por lo de la copia" in text
    assert "En tu espacio ahora: 1 línea" in text
    assert "Restaurar reemplaza todo lo que hay ahora en tu espacio" in text
    for english in ("Comes back", "In the backup", "weeks rated", "Restoring replaces"):
        assert english not in text, english
    spanish.checkbox(key="my_data_confirm").check().run()
    spanish.button(key="my_data_restore").click().run()
    assert not spanish.exception, spanish.exception
    assert "Tu copia de seguridad se restauró." in page_text(spanish)


def test_a_restore_keeps_safety_mode_on_and_says_so_in_spanish(spanish, make_app, data_dir):
    old = make_app()
    old.run()
    store, access = space_of(old, data_dir)
    backup = store.export_backup(access)
    open_page(spanish, SAFETY)
    spanish.button(key="safety_self_flag").click().run()
    open_page(spanish, MY_DATA)
    spanish.get("file_uploader")[0].upload("copia.json", backup, "application/json").run()
    assert "**El modo de seguridad sigue activado.**" in page_text(spanish)
    spanish.checkbox(key="my_data_confirm").check().run()
    spanish.button(key="my_data_restore").click().run()
    assert not spanish.exception, spanish.exception
    assert (
        "Tu copia de seguridad se restauró. El modo de seguridad sigue activado, y los enlaces "
        "para tu pareja siguen desactivados." in page_text(spanish)
    )


def test_deleting_in_spanish_asks_for_the_spanish_word(spanish, data_dir):
    store, _ = space_of(spanish, data_dir)
    old_key = spanish.session_state["od_key"]
    open_page(spanish, MY_DATA)
    spanish.text_input(key="my_data_delete_word").input("delete please")
    press(spanish, "Borrar mi espacio")
    assert 'No se borró nada. Escribe la palabra "borrar" para confirmar.' in page_text(spanish)
    assert store.resolve(old_key) is not None
    spanish.text_input(key="my_data_delete_word").input("Borrar")
    press(spanish, "Borrar mi espacio")
    assert store.resolve(old_key) is None
    assert spanish.session_state["od_key"] != old_key
    assert spanish.session_state["od_language"] == "es", "the new space still speaks Spanish"


# --- storage's calm messages --------------------------------------------------------------------


def test_storage_says_its_calm_messages_in_the_readers_language():
    raised = DiskFull()  # raised in one language, shown in another: it speaks the shower's
    with language.speaking("es"):
        assert raised.message.startswith("No pudimos guardar en este momento")
        assert StorageUnavailable.message == raised.message
        assert AccessDenied().message == "Este enlace no abre nada."
        assert StorageError().message.startswith("Algo salió mal al guardar.")
        assert str(raised).startswith("We couldn't save just now"), "logs stay English"
    assert raised.message.startswith("We couldn't save just now")
    assert StorageError("Said as given.").message == "Said as given."
