"""Share with partner and the partner's page in Spanish, and a partner link's own language (issue 18).

- The owner's Share page speaks Spanish, and what is typed in Spanish is kept as typed.
- The owner picks the language of a link's page when making it (and may change it later); the
  partner's page opens in it whatever their browser speaks, until the partner uses the switch.
- A link made before links had a language leaves it to the partner's browser.
- A paused or switched-off link made in Spanish still draws exactly what any dead link draws, in
  whichever language the session speaks: it gives away neither that it was real nor its language.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from streamlit.testing.v1 import AppTest

from guide.sharing import ShareChoices, build_snapshot, partner_view, same_snapshot
from records import sharing as records
from storage import keys
from tests.app.conftest import page_text, rendered, space_of
from tests.app.test_share_pages import SHARE, submit
from tests.support.language import shown_language, switch_to
from ui.share import links as sharing

LANGUAGE = "od_language"
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
NOTE = "¿Podemos hablar el sábado? Me encantó la invitación, señor Ñandú."


def owner_on_share(make_app, key: str, speaks: str = "es") -> AppTest:
    at = make_app(space=key)
    at.session_state[LANGUAGE] = speaks
    at.run()
    at.switch_page(SHARE).run()
    assert not at.exception, at.exception
    return at


def make_link(at: AppTest, label: str, speaks: str | None = None) -> tuple[str, str]:
    """Make a link on the Spanish page; ``speaks`` picks its page's language (else the default)."""
    at.text_input(key="share_label").input(label)
    if speaks is not None:
        at.radio(key="share_link_language").set_value(speaks)
    submit(at, "Crear un enlace")
    url = next(c.value for c in at.code if "?partner=" in c.value)
    return at.session_state["share_new_link"]["id"], url.split("partner=", 1)[1]


def share_es(at: AppTest, link_id: str, **chosen) -> AppTest:
    """Tick what a link shows and press the Spanish "Save and share"."""
    if "options" in chosen:
        at.multiselect(key=f"share_options_{link_id}").set_value(chosen["options"])
    if "explainer" in chosen:
        at.checkbox(key=f"share_explainer_{link_id}").set_value(chosen["explainer"])
    save = next(
        b for b in at.button if b.label == "Guardar y compartir" and link_id in (b.form_id or "")
    )
    save.click().run()
    assert not at.exception, at.exception
    return at


def partner_app(make_app, key: str, browser: str | None = None) -> AppTest:
    """A partner's first visit; ``browser`` stands for what their browser speaks."""
    at = make_app(partner=key)
    if browser is not None:
        at.session_state[LANGUAGE] = browser
    at.run()
    assert not at.exception, at.exception
    return at


def test_the_share_page_speaks_spanish_and_keeps_a_spanish_name(app, make_app, data_dir):
    at = owner_on_share(make_app, app.session_state["od_key"])
    text = page_text(at)
    assert "Crea un enlace privado para tu pareja" in text
    assert "Make a private link for your partner" not in text
    assert "Crear un enlace" in [b.label for b in at.button]
    assert "Make a link" not in [b.label for b in at.button]
    assert at.radio(key="share_link_language").value == "es", "the session's language to start"
    link_id, _key = make_link(at, "Para Mamá, el teléfono nuevo")
    text = page_text(at)
    assert "Tu nuevo enlace, «Para Mamá, el teléfono nuevo», está listo." in text
    assert "Your new link" not in text and "is ready" not in text
    share_es(at, link_id, explainer=True, options=["intake_call"])
    text = page_text(at)
    assert "Tus enlaces" in text and "Your links" not in text
    assert "Se abre en Español." in text
    assert "Muestra cómo es una primera sesión y 1 primer paso para elegir." in text
    store, access = space_of(app, data_dir)
    labels = [link["label"] for link in store.links(access) if link.get("role") == "partner"]
    assert labels == ["Para Mamá, el teléfono nuevo"], "saved exactly as typed"
    assert records.link_language(store.private(access), link_id) == "es"


def test_a_link_made_in_spanish_opens_in_spanish_for_an_english_browser(app, make_app):
    owner_key = app.session_state["od_key"]
    at = owner_on_share(make_app, owner_key)
    link_id, key = make_link(at, "Sam")
    share_es(at, link_id, explainer=True, options=["intake_call"])

    partner = partner_app(make_app, key, browser="en")
    text = page_text(partner)
    assert partner.title[0].value == "Una invitación"
    assert "Alguien que se preocupa por ti hizo esta página para ti." in text
    assert "An invitation" not in text and "Someone who cares about you" not in text
    assert "Una llamada inicial de 30 minutos" in [c.label for c in partner.checkbox]
    assert shown_language(partner) == "es"
    assert "Salida rápida" in rendered(partner), "the way out speaks it from the first run"

    # Saving in Spanish keeps the words, and the page goes on speaking Spanish.
    partner.checkbox(key="partner_option_intake_call").check()
    partner.text_area(key="partner_note").input(NOTE)
    submit(partner, "Enviar mi respuesta")
    assert "Gracias. Tu respuesta está guardada." in page_text(partner)
    assert partner.text_area(key="partner_note").value == NOTE
    owner = owner_on_share(make_app, owner_key)
    assert NOTE in "\n".join(t.value for t in owner.text)
    assert "Sus respuestas" in page_text(owner)


def test_the_partners_switch_wins_over_the_links_language(app, make_app):
    at = owner_on_share(make_app, app.session_state["od_key"])
    link_id, key = make_link(at, "Sam")
    share_es(at, link_id, explainer=True, options=["intake_call"])
    partner = partner_app(make_app, key)
    assert partner.title[0].value == "Una invitación"

    switch_to(partner, "en")
    assert not partner.exception, partner.exception
    assert partner.title[0].value == "An invitation"
    assert "A 30-minute intake call" in [c.label for c in partner.checkbox]
    assert "Una invitación" not in page_text(partner)
    # It stays their choice on the next press, though the link still says Spanish.
    partner.text_area(key="partner_note").input("Saturday suits me.")
    submit(partner, "Send my reply")
    assert "Thank you. Your reply is saved." in page_text(partner)
    assert shown_language(partner) == "en"


def test_an_english_link_opens_in_english_even_for_a_spanish_browser(app, make_app):
    at = owner_on_share(make_app, app.session_state["od_key"])
    link_id, key = make_link(at, "Sam", speaks="en")
    share_es(at, link_id, explainer=True)
    assert "Se abre en English." in page_text(at)
    partner = partner_app(make_app, key, browser="es")
    assert partner.title[0].value == "An invitation"
    switch_to(partner, "es")
    assert partner.title[0].value == "Una invitación"


def test_the_owner_can_change_a_links_language_with_what_it_shows(app, make_app):
    at = owner_on_share(make_app, app.session_state["od_key"])
    link_id, key = make_link(at, "Sam")
    at.button(key="share_new_link_done").click().run()
    at.radio(key=f"share_language_{link_id}").set_value("en")
    share_es(at, link_id, explainer=True)
    assert "Se abre en English." in page_text(at)
    assert partner_app(make_app, key).title[0].value == "An invitation"


@pytest.mark.parametrize("browser", [None, "es"])
def test_a_link_from_before_languages_speaks_the_browsers(app, make_app, data_dir, browser):
    store, access = space_of(app, data_dir)
    link_id, key = store.add_partner_link(access, "For Sam")  # no language, as links were
    here = make_app(space=app.session_state["od_key"]).run().session_state["od_here"]
    sharing.publish(here, link_id, ShareChoices(explainer=True))
    assert records.link_language(store.private(access), link_id) is None
    assert records.shown(store.shared(access), link_id).language is None
    partner = partner_app(make_app, key, browser=browser)
    expected = "Una invitación" if browser == "es" else "An invitation"
    assert partner.title[0].value == expected
    owner = owner_on_share(make_app, app.session_state["od_key"])
    choice = owner.radio(key=f"share_language_{link_id}")
    assert choice.value is None, "an old link keeps 'their browser's' until the owner picks"
    assert "El que use su navegador" in choice.options


def _dead_spanish_links(app: AppTest, make_app) -> dict[str, str]:
    """A paused and a switched-off link, both made and shared in Spanish, and a made-up one."""
    owner_key = app.session_state["od_key"]
    at = owner_on_share(make_app, owner_key)
    made = {}
    for kind in ("paused", "revoked"):
        link_id, made[kind] = make_link(at, f"Para Sam ({kind})")
        at.button(key="share_new_link_done").click().run()
        share_es(at, link_id, explainer=True)
        assert partner_app(make_app, made[kind], "en").title[0].value == "Una invitación"
        if kind == "revoked":
            at.button(key=f"share_revoke_{link_id}").click().run()
            at.button(key=f"share_revoke_yes_{link_id}").click().run()
            assert not at.exception, at.exception
    owner = make_app(space=owner_key).run()
    owner.button(key="chrome_safety_flag").click().run()  # safety mode on: links pause
    assert not owner.exception, owner.exception
    made["unknown"] = keys.new_key()
    return made


def test_a_paused_or_switched_off_spanish_link_is_any_dead_link_in_either_language(app, make_app):
    links = _dead_spanish_links(app, make_app)
    for browser in ("en", "es"):
        drawn = {kind: partner_app(make_app, key, browser) for kind, key in links.items()}
        trees = {kind: rendered(at) for kind, at in drawn.items()}
        for kind, tree in trees.items():
            assert tree == trees["unknown"], f"a {kind} link differs for a {browser} browser"
        for at in drawn.values():
            assert at.session_state[LANGUAGE] == browser, "the link's language never shows"
            assert "Una invitación" not in page_text(at) and "An invitation" not in page_text(at)
        english = "This link doesn't open anything" in page_text(drawn["paused"])
        assert english == (browser == "en"), "the dead-link page speaks the browser's language"


# ---- the stored shapes (pure, fast) ----------------------------------------------------------------


@pytest.mark.parametrize("stored", [None, 5, "", "ES", "español", "e", ["es"]])
def test_a_snapshot_without_a_readable_language_leaves_it_to_the_browser(stored):
    snapshot = build_snapshot(ShareChoices(explainer=True), None, (), (), None, now=NOW)
    assert "language" not in snapshot, "a link without a language publishes none"
    if stored is not None:
        snapshot["language"] = stored
    view = partner_view(snapshot)
    assert view is not None and view.language is None


def test_a_snapshot_carries_the_links_language_and_a_change_republishes():
    chosen = ShareChoices(explainer=True)
    spanish = build_snapshot(chosen, None, (), (), None, now=NOW, language="es")
    older = build_snapshot(chosen, None, (), (), None, now=NOW)
    assert partner_view(spanish).language == "es"
    assert not same_snapshot(spanish, older), "a new language is published"
    assert same_snapshot(older, dict(older)), "an older snapshot is not rewritten for nothing"
    assert partner_view({**spanish, "explainer": False}) is None, "a language alone shows nothing"
