"""The script builder in Spanish: its own words, the script it builds, downloads and versions.

The session speaks Spanish from its first run (``od_language`` set before it); every check looks
for real Spanish words and for the English ones being gone, and that what the person saves in
Spanish is kept word for word.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from content import language
from content.script import load_script_content
from guide.script import assemble
from tests.app.conftest import page_text
from tests.app.test_script_page import downloads, fill, save_step, stored_draft  # noqa: F401
from ui import pages

SCRIPT = pages.path("script")
with language.speaking("es"):
    ES = load_script_content()


@pytest.fixture
def app_es(make_app) -> AppTest:
    """A brand-new private space whose session speaks Spanish, on the script builder."""
    at = make_app()
    at.session_state["od_language"] = "es"
    at.run()
    assert not at.exception, at.exception
    at.switch_page(SCRIPT).run()
    assert not at.exception, at.exception
    return at


def show(at: AppTest, view: str) -> None:
    """Pick a view. AppTest formats the picker's labels in the test's own thread: in Spanish here,
    as the browser sends them back from a Spanish page."""
    with language.speaking("es"):
        at.segmented_control(key="script_view").set_value(view).run()
    assert not at.exception, at.exception


def toasts(at: AppTest) -> list[str]:
    return [toast.value for toast in at.toast]


def labels(at: AppTest) -> list[str]:
    return [e.label for e in at.expander]


def buttons(at: AppTest) -> list[str]:
    return [b.label for b in at.button]


def test_the_builder_speaks_spanish(app_es):
    text = page_text(app_es)
    assert "10 pasos cortos, en el orden en que suele ir una buena conversación" in text
    assert "Si haces primero el cuestionario" in text
    assert "short steps" not in text and "Taking the quiz first" not in text
    steps = labels(app_es)
    assert steps[0].endswith(f"1. {ES.step('timing').title}")
    assert any(label.endswith("Di cómo te sientes") for label in steps)
    assert not any("Say how you feel" in label for label in steps)
    assert "Guardar este paso" in buttons(app_es) and "Save this step" not in buttons(app_es)
    picker = app_es.segmented_control(key="script_view")
    assert picker.options == [
        "Preparar",
        "Tu guion",
        "Practicar",
        "Versiones guardadas",
    ]
    placeholders = [w.placeholder for w in app_es.text_input if w.placeholder]
    assert "Por ejemplo: lejos de ti" in placeholders


def test_a_step_saved_in_spanish_keeps_its_words_and_reads_as_spanish(app_es, data_dir):
    fill(
        app_es,
        {
            "feeling": "me siento lejos de ti",
            "situation": "cuando pasamos días sin hablar",
            "wish": "volver a sentirnos cerca",
        },
    )
    save_step(app_es, "i_statement")
    draft = stored_draft(app_es, data_dir)
    assert draft.feeling == "me siento lejos de ti"
    assert draft.situation == "cuando pasamos días sin hablar"
    assert toasts(app_es) == ["Se guardó “Di cómo te sientes”."]
    text = page_text(app_es)
    assert "Cómo se lee ahora" in text and "How it reads now" not in text
    sentence = "Me siento lejos de ti cuando pasamos días sin hablar, y me gustaría volver a sentirnos cerca."
    assert sentence in text
    assert "I feel" not in text and "Saved “" not in text


def test_the_script_view_downloads_and_practice_are_in_spanish(app_es, data_dir, downloads):  # noqa: F811
    fill(app_es, {"opener": "qué te imaginas que pasa en una sesión"})
    save_step(app_es, "opener")
    fill(app_es, {"problem": "nos acaloramos cuando hablamos de dinero"})
    save_step(app_es, "ask")
    show(app_es, "script")
    text = page_text(app_es)
    assert "Una frase corta por paso" in text and "Usa la opción Imprimir" in text
    assert "Use your browser's Print" not in text and "One short line per step" not in text
    assert [tab.label for tab in app_es.tabs] == [
        "Puntos clave",
        "Guion completo",
        "Invitación",
        "Para imprimir",
    ]
    labels_ = {d.proto.label: d.proto for d in app_es.get("download_button")}
    assert set(labels_) == {"Descargar en Markdown", "Descargar como texto simple"}
    with language.speaking("es"):
        script = assemble(stored_draft(app_es, data_dir), safety_mode=False)
    markdown = next(v for k, v in downloads.items() if k.endswith(".md"))
    plain = next(v for k, v in downloads.items() if k.endswith(".txt"))
    assert all(name.startswith("plan-de-conversacion-") for name in downloads)
    assert markdown.decode() == script.full_markdown
    assert plain.decode() == script.full_text
    for body in (markdown.decode(), plain.decode()):
        assert body.startswith(ES.title) or body.startswith(f"# {ES.title}")
        assert "¿Qué te imaginas que pasa en una sesión?" in body
        assert "Hay una cosa que me gustaría que trabajáramos" in body
        assert "There's one thing" not in body and "My conversation plan" not in body
    # The invitation is the Spanish one.
    assert ES.invitation_opening in script.invitation

    show(app_es, "practice")
    assert app_es.get("progress")[0].proto.text == "Paso 1 de 2"
    assert "Siguiente" in buttons(app_es) and "Next" not in buttons(app_es)


def test_versions_are_named_and_confirmed_in_spanish(app_es, data_dir):
    fill(app_es, {"shared": "sé que yo también tengo cosas que mejorar"})
    save_step(app_es, "shared")
    show(app_es, "versions")
    name_box = next(w for w in app_es.text_input if w.key.startswith("script_version_name"))
    name = name_box.value
    assert name.startswith("Versión 1 — ")
    assert name_box.label == "Nombre"
    app_es.button(key="script_version_save").click().run()
    assert not app_es.exception
    assert toasts(app_es) == [f"Se guardó como “{name}”."]
    text = page_text(app_es)
    assert "Guardada el " in text and "Saved " not in text
    assert "Versiones guardadas" in text
    assert stored_draft(app_es, data_dir).shared == "sé que yo también tengo cosas que mejorar"


def test_a_tone_tip_in_spanish_is_labelled_in_spanish(app_es):
    fill(app_es, {"opener": "Tú siempre haces esto"})
    save_step(app_es, "opener")
    warnings = "\n".join(w.body for w in app_es.warning)
    assert "**“Tú siempre”**" in warnings
    assert "**Prueba en su lugar:**" in warnings and "Try instead" not in warnings
    assert any(
        label.endswith("Empieza con una pregunta · 1 consejo de tono") for label in labels(app_es)
    )
