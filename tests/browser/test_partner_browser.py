"""Owner and partner in two separate browsers: share, reply and rate, see it, then switch it off."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from guide.plan import Rating, Target, make_cycle
from guide.script import ScriptDraft, draft_to_dict
from storage.store import Store
from tests.support.browser import no_exception, open_fresh_space, shot, wait_idle
from tests.support.server import own_server

ASK = "we end up shouting about money on Sundays"
TARGETS = ("Phones away at dinner", "A walk together on Sundays")
NOTE = "**x** <img src=x onerror=alert(1)> Saturday mornings suit me."
PRIVATE = (
    "LEAKJOURNALLINE",
    "LEAKSCRIPTFEELING",
    "LEAKSCRIPTNAME",
    "LEAKRATINGNOTE",
    "LEAKSAFEPLACE",
    "LEAKOLDWORDING",
    "LEAKLINKLABEL",
)


@pytest.fixture(scope="module")
def site(tmp_path_factory, exit_site) -> Iterator[tuple[str, Path]]:
    """A server of our own, so the test can seed the owner's space on disk."""
    yield from own_server(tmp_path_factory, exit_site, "partner-data")


def seed(data: Path, key: str) -> None:
    """A saved script, a running plan with an owner rating, and private things that must stay so."""
    store = Store(data)
    access = store.resolve(key)
    assert access is not None
    private = store.private(access)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    draft = ScriptDraft(
        name="LEAKSCRIPTNAME",
        feeling="LEAKSCRIPTFEELING",
        problem=ASK,
        first_step="Would you come to one 30-minute call with me?",
    )
    private.put("scripts", "v1", {"name": "Sunday", "saved_at": now, "draft": draft_to_dict(draft)})
    start = date.today() - timedelta(days=9)
    targets = [
        Target("t1", TARGETS[0], ((start, "LEAKOLDWORDING"),)),
        Target("t2", TARGETS[1]),
    ]
    private.put("plan_cycles", "c1", make_cycle("c1", start, targets).to_dict() | {"active": True})
    for target_id in ("t1", "t2"):
        rating = Rating(target_id, 2, "kept", note="LEAKRATINGNOTE", rated_on=date.today())
        private.put("plan_ratings", f"{target_id}/2/owner", rating.to_dict())
    private.insert("journal", {"day": start.isoformat(), "text": "LEAKJOURNALLINE"})
    private.put("safety_plan", "plan", {"version": 1, "safe_place": "LEAKSAFEPLACE"})
    private.put("settings", "link_saved", {"saved": True})


def pick(page, testid: str, label: str, option: str) -> None:
    """Choose ``option`` in the select-style widget labelled ``label``.

    Under load a click can land while an expander is still settling, or be lost in a rerun, so
    each attempt is checked (a multiselect shows its chosen options as text) and tried again.
    """
    box = page.locator(f"[data-testid='{testid}']").filter(has_text=label)
    choice = page.locator("[role='option']").filter(has_text=option).first
    for _ in range(3):
        box.locator("input").first.click()
        try:
            choice.wait_for(timeout=3_000)
        except Exception:
            page.keyboard.press("Escape")
            continue
        choice.click()
        page.keyboard.press("Escape")
        wait_idle(page)
        if testid != "stMultiSelect" or option in box.inner_text():
            return
    expect(box).to_contain_text(option)


def test_owner_shares_partner_replies_owner_sees_it_then_revokes(browser, site):
    server, data = site
    owner_ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    partner_ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    owner_ctx.set_default_timeout(30_000)
    partner_ctx.set_default_timeout(30_000)
    try:
        owner = owner_ctx.new_page()
        key = open_fresh_space(owner, server)
        seed(data, key)

        # The owner makes a link and chooses what it shows.
        owner.goto(f"{server}/share?space={key}")
        wait_idle(owner)
        owner.get_by_role("textbox", name="Name this link").fill("LEAKLINKLABEL")
        owner.get_by_role("button", name="Make a link").click()
        wait_idle(owner)
        link = owner.locator("[data-testid='stCode']").filter(has_text="?partner=")
        url = link.inner_text().strip()
        assert url.startswith(f"{server}/?partner=")
        pick(owner, "stSelectbox", "Your invitation", "Sunday")
        pick(owner, "stMultiSelect", "Small first steps", "A 30-minute intake call")
        pick(owner, "stMultiSelect", "Small first steps", "A weekly check-in at home")
        owner.get_by_text("What a first session of couples therapy is like").click()
        owner.get_by_text("Your six-week targets, so they can rate").click()
        owner.get_by_role("button", name="Save and share").click()
        wait_idle(owner)
        no_exception(owner)
        expect(owner.get_by_text("Shows your invitation, what a first session")).to_be_visible()

        # The partner, in a browser of their own, sees only what was shared.
        partner = partner_ctx.new_page()
        partner.goto(url)
        wait_idle(partner)
        no_exception(partner)
        expect(partner.get_by_text("Page not found")).to_have_count(0)
        expect(partner.get_by_text(TARGETS[0]).first).to_be_visible()
        expect(partner.get_by_text("A weekly check-in at home").first).to_be_visible()
        body = partner.inner_text("body")
        assert "Someone who cares about you" in body and ASK in body
        assert TARGETS[0] in body and "A weekly check-in at home" in body
        assert "What a first couples session is like" in body
        for marker in (*PRIVATE, key):
            assert marker not in body, marker
        expect(partner.locator("[data-testid='stSidebarNav']")).to_have_count(0)
        expect(partner.locator("[data-testid='stSidebar']")).to_have_count(0)
        shot(partner, "partner-view")

        partner.get_by_text("A weekly check-in at home").click()
        partner.get_by_role("textbox", name="Anything you'd like to say").fill(NOTE)
        partner.get_by_role("button", name="Send my reply").click()
        wait_idle(partner)
        expect(partner.get_by_text("Your reply is saved")).to_be_visible()
        radios = partner.locator("[data-testid='stRadio']")
        radios.nth(0).get_by_text("Not kept", exact=True).click()
        radios.nth(1).get_by_text("Kept", exact=True).click()
        partner.get_by_role("button", name="Save week 2").click()
        wait_idle(partner)
        expect(partner.get_by_text("how week 2 looked to you")).to_be_visible()

        # The owner sees the reply as plain text, and both views of week 2.
        owner.goto(f"{server}/share?space={key}")
        wait_idle(owner)
        no_exception(owner)
        owner_text = owner.inner_text("body")
        assert NOTE in owner_text
        expect(owner.locator("img[src='x']")).to_have_count(0)
        assert "Where your views differ most" in owner_text
        expect(owner.locator("[data-testid='stPlotlyChart']")).to_have_count(1)
        shot(owner, "share-owner")

        # The owner switches the link off; the partner's next click gets the neutral message.
        owner.get_by_role("button", name="Switch off this link").click()
        wait_idle(owner)
        owner.get_by_role("button", name="Yes, switch it off").click()
        wait_idle(owner)
        no_exception(owner)
        partner.get_by_role("button", name="Send my reply").click()
        wait_idle(partner)
        expect(partner.get_by_text("This link doesn't open anything")).to_be_visible()
        assert ASK not in partner.inner_text("body")
    finally:
        owner_ctx.close()
        partner_ctx.close()


def test_a_pasted_reply_over_the_limit_stays_in_the_box(browser, site):
    """Issue 15, point 2: 5,000 pasted characters used to vanish from the 1,000-character box
    (Streamlit drops a change past ``max_chars`` whole); now they stay, with how much to cut."""
    from tests.support import journey

    url, data = site
    store = Store(data)
    owner_key, access = store.create_space()
    journey.mark_link_saved(store.private(access))
    journey.seed_script(store.private(access))
    partner_key = journey.seed_partner_link(store, access)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        owner = context.new_page()
        owner.goto(f"{url}/share?space={owner_key}")  # the owner's visit publishes the shares
        wait_idle(owner)
        partner = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
        partner.goto(f"{url}/?partner={partner_key}")
        wait_idle(partner)
        pasted = "x" * 5000
        box = partner.get_by_role("textbox", name="Anything you'd like to say")
        box.fill(pasted)
        partner.get_by_role("button", name="Send my reply").click()
        wait_idle(partner)
        expect(partner.get_by_text("please cut 4,000 characters", exact=False)).to_be_visible()
        assert len(box.input_value()) == 5000
        assert store.shared(access).all("partner_replies") == []
        no_exception(partner)
        partner.context.close()
    finally:
        context.close()
