"""Share with partner says what is true and no more (issue 15, points 12, 13 and 14).

- A link's name reads well in "your link ... is ready" whatever it is ("Sam", "For Sam"), and the
  name box's example does not lead to "for For Sam"; a pasted name over the limit stays in the box
  with how much to cut (no ``max_chars`` dropping it whole).
- The owner's reply card shows first steps only when the link offered some.
- While a switch-off waits for its confirmation, there is one way to switch it off, not two.
"""

from __future__ import annotations

import pytest

from guide.sharing import LABEL_LIMIT
from tests.app.conftest import page_text
from tests.app.test_share_pages import make_link, owner_on_share, partner_app, share, submit


@pytest.mark.parametrize("label", ["Sam", "For Sam", "for my husband"])
def test_the_ready_line_reads_well_for_any_name(app, make_app, label):
    at = owner_on_share(make_app, app.session_state["od_key"])
    placeholder = at.text_input(key="share_label").placeholder
    assert not placeholder.lower().split(":")[-1].strip().startswith("for "), placeholder
    make_link(at, label)
    text = page_text(at)
    assert "for For" not in text and "for for" not in text.lower()
    assert f"“{label}”" in text, "the name is quoted, so it reads as a name"


def test_a_name_over_the_limit_stays_in_the_box_with_how_much_to_cut(app, make_app):
    at = owner_on_share(make_app, app.session_state["od_key"])
    box = at.text_input(key="share_label")
    assert box.max_chars is None or box.max_chars == 0, "no max_chars: a paste is never dropped"
    long = "Sam " * 40
    box.input(long)
    submit(at, "Make a link")
    assert "share_new_link" not in at.session_state
    assert at.text_input(key="share_label").value == long, "the paste is kept"
    cut = len(" ".join(long.split())) - LABEL_LIMIT
    assert f"please cut {cut} characters" in page_text(at)


def test_a_reply_to_a_link_without_first_steps_shows_no_first_steps(app, make_app):
    owner_key = app.session_state["od_key"]
    at = owner_on_share(make_app, owner_key)
    link_id, key = make_link(at, "Sam")
    share(at, link_id, explainer=True)
    partner = partner_app(make_app, key)
    partner.text_area(key="partner_note").input("I read it.")
    submit(partner, "Send my reply")
    at = owner_on_share(make_app, owner_key)
    text = page_text(at) + "\n".join(t.value for t in at.text)
    assert "I read it." in text
    assert "First steps they'd be willing to try" not in text
    assert "None for now." not in text


def test_a_reply_to_a_link_with_first_steps_says_none_were_chosen(app, make_app):
    owner_key = app.session_state["od_key"]
    at = owner_on_share(make_app, owner_key)
    link_id, key = make_link(at, "Sam")
    share(at, link_id, options=["intake_call"])
    partner = partner_app(make_app, key)
    partner.text_area(key="partner_note").input("Not yet.")
    submit(partner, "Send my reply")
    at = owner_on_share(make_app, owner_key)
    text = page_text(at) + "\n".join(t.value for t in at.text)
    assert "First steps they'd be willing to try" in text
    assert "None for now." in text


def test_while_a_switch_off_waits_there_is_one_switch_off_button(app, make_app):
    at = owner_on_share(make_app, app.session_state["od_key"])
    link_id, _key = make_link(at, "Sam")
    at.button(key="share_new_link_done").click().run()
    at.button(key=f"share_revoke_{link_id}").click().run()
    assert "Switch this link off for good?" in page_text(at)
    labels = [b.label for b in at.button]
    switch_offs = [lbl for lbl in labels if "switch" in lbl.lower() and "off" in lbl.lower()]
    assert switch_offs == ["Yes, switch it off"], labels


def test_while_one_switch_off_waits_no_other_link_offers_one(app, make_app):
    at = owner_on_share(make_app, app.session_state["od_key"])
    first, _ = make_link(at, "Sam")
    at.button(key="share_new_link_done").click().run()
    second, _ = make_link(at, "Sam, the old phone")
    at.button(key="share_new_link_done").click().run()
    at.button(key=f"share_revoke_{first}").click().run()
    keys = [b.key for b in at.button]
    assert f"share_revoke_yes_{first}" in keys
    assert f"share_revoke_{second}" not in keys, "one decision at a time"
    at.button(key=f"share_revoke_no_{first}").click().run()
    keys = [b.key for b in at.button]
    assert {f"share_revoke_{first}", f"share_revoke_{second}"} <= set(keys), "both come back"
