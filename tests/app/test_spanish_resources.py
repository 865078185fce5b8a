"""The crisis resources in Spanish (issue 18, point 4): each service's Spanish lines first, each
with its source and the day it was checked; a service without one says so and shows its English
lines; an emergency number with none says to call it anyway.

What a person reads on a button -> what their phone opens is written out by hand, as in
tests/app/test_safety_page.py, so an edit to the Spanish file has to be made here too.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1.element_tree import Block

from content import language
from content import resources as res
from tests.app.conftest import page_text
from ui import pages

SAFETY = pages.path("safety")

with language.speaking("es"):
    ES_COUNTRIES = res.countries()

# Each US card's buttons, in the order shown: Spanish lines first.
US_CARDS_ES = {
    "us-911": [("Llama al 911", "tel:911")],
    "us-ndvh": [
        ("Llama al 1-800-799-7233", "tel:+18007997233"),
        ("Chatea en español en espanol.thehotline.org", "https://espanol.thehotline.org"),
        ("TTY 1-800-787-3224", "tel:+18007873224"),
        ("Envía START al 88788", "sms:88788?&body=START"),
    ],
    "us-988": [
        ("Llama al 988 y marca 2", "tel:988"),
        ("Envía AYUDA al 988", "sms:988?&body=AYUDA"),
        ("Chatea en 988lifeline.org", "https://988lifeline.org/chat"),
    ],
    "us-crisis-text-line": [
        ("Envía AYUDA al 741741", "sms:741741?&body=AYUDA"),
        ("crisistextline.org", "https://www.crisistextline.org"),
    ],
}
NO_SPANISH_LINE = (
    "En nuestros datos, este servicio no tiene una línea en español. "
    "Te mostramos sus líneas en inglés."
)
EMERGENCY_NO_SPANISH = (
    "No hemos comprobado si en este número te atienden en español. "
    "Si estás en peligro, llama de todos modos."
)


@pytest.fixture
def spanish(make_app):
    """A new space whose session speaks Spanish from its first run, on the Safety page."""
    at = make_app()
    at.session_state["od_language"] = "es"
    at.run()
    assert not at.exception, at.exception
    at.switch_page(SAFETY).run()
    assert not at.exception, at.exception
    return at


def choose(at, code: str) -> None:
    """Pick a country; the picker's names are formatted in Spanish here too, as in the session."""
    with language.speaking("es"):
        at.selectbox(key="safety_country").set_value(code).run()
    assert not at.exception, at.exception


def buttons(at) -> list[tuple[str, str]]:
    return [(b.proto.label, b.proto.url) for b in at.get("link_button")]


def card(at, key: str) -> Block:
    """The bordered box of one resource (its container's key, e.g. ``safety_us_us-988``)."""
    found = []

    def walk(node) -> None:
        if isinstance(node, Block) and getattr(node, "proto", None) is not None and node.key == key:
            found.append(node)
        for child in getattr(node, "children", {}).values():
            walk(child)

    for child in at._tree.children.values():
        walk(child)
    assert len(found) == 1, f"{key}: {len(found)} cards"
    return found[0]


def card_buttons(at, key: str) -> list[tuple[str, str]]:
    """The link buttons inside one resource card, in order."""
    return [(b.proto.label, b.proto.url) for b in card(at, key).get("link_button")]


def card_text(at, key: str) -> str:
    """The words inside one resource card: its markdown and its caption."""
    box = card(at, key)
    return "\n".join(e.value for kind in ("markdown", "caption") for e in box.get(kind))


def test_us_cards_show_spanish_lines_first_with_the_numbers_they_dial(spanish):
    for rid, wanted in US_CARDS_ES.items():
        assert card_buttons(spanish, f"safety_us_{rid}") == wanted, rid
    assert buttons(spanish)[0] == ("Llama al 911", "tel:911")


def test_each_group_of_lines_says_its_language(spanish):
    for rid in ("us-ndvh", "us-988", "us-crisis-text-line"):
        text = card_text(spanish, f"safety_us_{rid}")
        assert text.index("**En español**") < text.index("**En inglés**"), rid
    assert "En español" not in card_text(spanish, "safety_us_us-911")


def test_spanish_lines_name_their_source_and_the_day_they_were_checked(spanish):
    ndvh = card_text(spanish, "safety_us_us-ndvh")
    assert (
        "En español (Llama al 1-800-799-7233, Chatea en español en espanol.thehotline.org)" in ndvh
    )
    assert "fuente [hhs.texas.gov](https://www.hhs.texas.gov/es/" in ndvh
    lifeline = card_text(spanish, "safety_us_us-988")
    assert "En español (Llama al 988 y marca 2, Envía AYUDA al 988)" in lifeline
    assert "fuente [988lifeline.org](https://988lifeline.org/get-help/what-to-expect)" in lifeline
    assert "Cuando contesten, marca 2 para hablar en español." in lifeline
    ctl = card_text(spanish, "safety_us_us-crisis-text-line")
    assert "fuente [crisistextline.org](https://crisistextline.org/blog/" in ctl
    captions = "\n".join(c.value for c in spanish.caption)
    assert (
        "Datos comprobados por última vez el 3 de diciembre de 2026, con los datos publicados, "
        "sin llamar." in captions
    )
    assert "Fuente: [thehotline.org](https://www.thehotline.org)." in captions
    assert "Datos comprobados por última vez el 22 de noviembre de 2026" in captions
    for english in ("Source:", "not by calling", "Details last checked"):
        assert english not in captions, english


def test_the_emergency_number_says_to_call_it_anyway(spanish):
    text = card_text(spanish, "safety_us_us-911")
    assert EMERGENCY_NO_SPANISH in text
    assert NO_SPANISH_LINE not in text
    assert "Servicios de emergencia (911)" in text


def test_every_button_dials_the_number_its_label_shows_then_the_option(spanish):
    lifeline = {c.label: c for c in ES_COUNTRIES["US"].resources[2].contacts}
    for label, url in buttons(spanish):
        if url.startswith(("tel:", "sms:")):
            number = url.split(":", 1)[1].split("?", 1)[0].lstrip("+")
            press = lifeline[label].press if label in lifeline else ""
            assert "".join(ch for ch in label if ch.isdigit()) == number + press, label
        else:
            assert url.startswith("https://"), url


@pytest.mark.parametrize("code", [c for c in ES_COUNTRIES if c != "US"])
def test_other_countries_say_they_have_no_spanish_line_and_show_the_english_ones(spanish, code):
    country = ES_COUNTRIES[code]
    wanted = [(c.label, res.contact_href(c)) for r in country.resources for c in r.contacts]
    before = buttons(spanish)
    choose(spanish, code)
    after = buttons(spanish)
    for entry in wanted:
        assert entry in after, f"{code}: missing {entry}"
    assert len(after) - len(before) == len(wanted)
    for resource in country.resources:
        text = card_text(spanish, f"safety_{code}_{resource.id}")
        assert resource.hours in text
        assert (EMERGENCY_NO_SPANISH if resource.emergency else NO_SPANISH_LINE) in text
        if not resource.emergency:
            assert "**En inglés**" in text


def test_the_picker_and_directories_speak_spanish(spanish):
    picker = spanish.selectbox(key="safety_country")
    assert picker.label == "Tu país"
    assert "Reino Unido" in picker.options and "Mi país no está en la lista" in picker.options
    text = page_text(spanish)
    assert "No incluimos todos los países" in text
    assert "presiona la tecla Shift tres veces" in text
    assert "**¿Necesitas salir rápido?**" in text
    choose(spanish, "other")
    with language.speaking("es"):
        assert res.words().not_listed in page_text(spanish)
    hrefs = {url for _, url in buttons(spanish)}
    assert {"https://findahelpline.com", "https://befrienders.org"} <= hrefs
    for english in ("We don't list every country", "Need to leave fast", "My country isn't"):
        assert english not in page_text(spanish), english


def test_how_these_details_were_checked_lists_each_spanish_line(spanish):
    (expander,) = [e for e in spanish.expander if e.label == "Cómo comprobamos estos datos"]
    text = "\n".join(m.value for m in expander.markdown) + "\n".join(
        c.value for c in expander.caption
    )
    assert "No hemos llamado para confirmarlos." in text
    assert "- **988 Suicide & Crisis Lifeline" in text
    assert "    - En español, Llama al 988 y marca 2: 988 Suicide & Crisis Lifeline" in text
    assert "Comprobado el 3 de diciembre de 2026." in text
    assert "No comprobado en vivo." in text
    assert "Checked " not in text


def test_english_cards_have_no_language_marks(app):
    app.switch_page(SAFETY).run()
    assert not app.exception
    text = page_text(app)
    for mark in ("**In English**", "**In Spanish**", "no line in", "answers in"):
        assert mark not in text, mark
