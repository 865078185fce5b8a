"""Tests for content/resources: every entry is complete, sourced and dated; US numbers are exact.

These are the numbers a frightened person may tap. The US table below is the specification from
issue 6, written out by hand so that any edit to the TOML has to be made twice to pass.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from content import _loader
from content import resources as res
from content._loader import ContentError

ALL = res.all_resources()
CONTACTS = [(r.id, c) for r in ALL for c in r.contacts]
PHONE_CONTACTS = [(rid, c) for rid, c in CONTACTS if c.kind in ("call", "text")]


def _ids(items):
    return [i.id for i in items]


# --- every entry -----------------------------------------------------------------------------


@pytest.mark.parametrize("resource", ALL, ids=_ids(ALL))
def test_every_entry_has_a_contact_a_source_and_a_check_date(resource):
    assert resource.contacts, "at least one way to reach it"
    assert resource.name.strip() and resource.what.strip() and resource.hours.strip()
    assert resource.source.strip()
    assert urlsplit(resource.source_url).scheme == "https"
    assert type(resource.checked) is dt.date
    assert dt.date.fromisoformat(resource.checked.isoformat()) == resource.checked
    assert resource.checked <= dt.date.today(), "a check cannot happen in the future"
    assert resource.checked_how.strip()


@pytest.mark.parametrize("resource", ALL, ids=_ids(ALL))
def test_no_entry_claims_a_live_check(resource):
    # There was no live internet when these were written; the wording must say so.
    assert "not checked live" in resource.checked_how.lower()


@pytest.mark.parametrize("resource", ALL, ids=_ids(ALL))
def test_no_entry_mentions_the_retired_press_3_option(resource):
    text = " ".join(
        [resource.name, resource.what, resource.hours, resource.source, resource.checked_how]
        + [f"{c.label} {c.value} {c.body} {c.note}" for c in resource.contacts]
    )
    assert not re.search(r"press\s*3\b", text, re.IGNORECASE)


def test_the_words_never_mention_press_3_either():
    raw = (_loader.CONTENT_DIR / res.FILE).read_text(encoding="utf-8")
    # The file's header comment explains the retirement; nothing outside comments may mention it.
    body = "\n".join(line for line in raw.splitlines() if not line.lstrip().startswith("#"))
    assert not re.search(r"press\s*3\b", body, re.IGNORECASE)


def test_ids_are_unique():
    ids = _ids(ALL)
    assert len(ids) == len(set(ids))


# --- hrefs -----------------------------------------------------------------------------------

TEL = re.compile(r"tel:(\+[1-9][0-9]{6,14}|[0-9]{3,12})")
SMS = re.compile(r"sms:(\+[1-9][0-9]{6,14}|[0-9]{3,12})(\?&body=[A-Za-z0-9]+)?")


@pytest.mark.parametrize(("rid", "contact"), CONTACTS, ids=[f"{r}-{c.label}" for r, c in CONTACTS])
def test_every_href_is_well_formed(rid, contact):
    href = res.contact_href(contact)
    if contact.kind == "call":
        assert TEL.fullmatch(href), href
    elif contact.kind == "text":
        assert SMS.fullmatch(href), href
        if contact.body:
            assert parse_qs(urlsplit(href).query) == {"body": [contact.body]}
    else:
        parts = urlsplit(href)
        assert parts.scheme == "https" and parts.netloc, href


@pytest.mark.parametrize(
    ("rid", "contact"), PHONE_CONTACTS, ids=[f"{r}-{c.label}" for r, c in PHONE_CONTACTS]
)
def test_the_number_shown_is_the_number_dialled(rid, contact):
    shown = re.sub(r"\D", "", contact.label)
    dialled = re.sub(r"\D", "", res.contact_href(contact).split("?")[0])
    assert shown == dialled


@pytest.mark.parametrize(
    ("contact", "href"),
    [
        (res.Contact("call", "Call 911", "911"), "tel:911"),
        (res.Contact("call", "Call 1-800-799-7233", "+18007997233"), "tel:+18007997233"),
        (res.Contact("text", "Text 988", "988"), "sms:988"),
        (
            res.Contact("text", "Text HOME to 741741", "741741", body="HOME"),
            "sms:741741?&body=HOME",
        ),
        (res.Contact("text", "Text A B to 1", "1", body="A B"), "sms:1?&body=A%20B"),
        (res.Contact("web", "x", "https://example.org/a"), "https://example.org/a"),
        (res.Contact("chat", "x", "https://example.org/chat"), "https://example.org/chat"),
    ],
)
def test_contact_href(contact, href):
    assert res.contact_href(contact) == href


# --- the United States, exactly --------------------------------------------------------------

US_EXPECTED = {
    "us-911": {("call", "911", "")},
    "us-ndvh": {
        ("call", "+18007997233", ""),
        ("call", "+18007873224", ""),  # TTY
        ("text", "88788", "START"),
        ("chat", "https://www.thehotline.org", ""),
    },
    "us-988": {
        ("call", "988", ""),
        ("text", "988", ""),
        ("chat", "https://988lifeline.org/chat", ""),
    },
    "us-crisis-text-line": {
        ("text", "741741", "HOME"),
        ("web", "https://www.crisistextline.org", ""),
    },
}


def test_us_has_exactly_the_specified_entries_in_order():
    assert _ids(res.us_resources()) == list(US_EXPECTED)
    assert res.us_resources()[0].emergency


@pytest.mark.parametrize("rid", list(US_EXPECTED))
def test_us_entry_has_exactly_the_specified_numbers(rid):
    (resource,) = [r for r in res.us_resources() if r.id == rid]
    assert {(c.kind, c.value, c.body) for c in resource.contacts} == US_EXPECTED[rid]


@pytest.mark.parametrize(
    ("rid", "href"),
    [
        ("us-911", "tel:911"),
        ("us-ndvh", "tel:+18007997233"),
        ("us-ndvh", "tel:+18007873224"),
        ("us-ndvh", "sms:88788?&body=START"),
        ("us-988", "tel:988"),
        ("us-988", "sms:988"),
        ("us-crisis-text-line", "sms:741741?&body=HOME"),
    ],
)
def test_us_hrefs(rid, href):
    (resource,) = [r for r in res.us_resources() if r.id == rid]
    assert href in {res.contact_href(c) for c in resource.contacts}


def test_us_tty_is_labelled_as_tty():
    (ndvh,) = [r for r in res.us_resources() if r.id == "us-ndvh"]
    (tty,) = [c for c in ndvh.contacts if c.value == "+18007873224"]
    assert "TTY" in tty.label


# --- countries and directories ---------------------------------------------------------------

COUNTRIES = res.countries()


@pytest.mark.parametrize("code", list(COUNTRIES))
def test_every_country_has_an_emergency_number_first_and_a_helpline(code):
    country = COUNTRIES[code]
    assert re.fullmatch(r"[A-Z]{2}", country.code) and country.name.strip()
    assert country.resources[0].emergency
    assert country.emergency and country.helplines
    assert all(c.kind == "call" for r in country.emergency for c in r.contacts)


@pytest.mark.parametrize(
    ("code", "number"),
    [("US", "911"), ("GB", "999"), ("CA", "911"), ("AU", "000"), ("IE", "112"), ("NZ", "111")],
)
def test_emergency_numbers(code, number):
    values = {c.value for r in COUNTRIES[code].emergency for c in r.contacts}
    assert number in values


def test_unknown_countries_are_not_invented():
    assert "FR" not in res.countries()
    assert set(res.countries()) == {"US", "GB", "CA", "AU", "IE", "NZ"}


def test_countries_returns_a_fresh_dict():
    res.countries().clear()
    assert res.countries()


def test_directories_are_international_websites():
    directories = res.directories()
    assert "find-a-helpline" in _ids(directories)
    for directory in directories:
        assert not directory.emergency
        assert all(c.kind == "web" for c in directory.contacts)


def test_words_load_and_checked_note_formats():
    words = res.words()
    assert "{date}" in words.checked_note
    assert "2026-11-22" in words.checked_note.format(date="2026-11-22")
    assert words.not_listed.strip() and words.danger_now.strip()


# --- the loader rejects bad entries ----------------------------------------------------------


def _good_contact(**changes):
    raw = {"kind": "call", "label": "Call 911", "value": "911"}
    raw.update(changes)
    return raw


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (_good_contact(kind="fax"), "not one of"),
        (_good_contact(value="911a"), "not a number"),
        (_good_contact(value="+0123456789"), "not a number"),
        (_good_contact(label="Call 912"), "does not show"),
        (_good_contact(kind="web", value="http://example.org"), "https"),
        (_good_contact(kind="chat", value="example.org"), "https"),
        (_good_contact(body="HOME"), "only a text"),
        (_good_contact(kind="text", label="Text HI THERE to 911", body="HI THERE"), "one plain"),
        (_good_contact(kind="text", label="Text to 911", body="HOME"), "should say"),
        ({"kind": "call", "label": "Call 911"}, "missing field"),
        ("911", "should be a table"),
    ],
)
def test_bad_contacts_are_rejected(raw, message):
    with pytest.raises(ContentError, match=message):
        res._contact(raw, "test")


def _good_resource(**changes):
    raw = {
        "id": "x",
        "name": "X",
        "what": "Helps.",
        "hours": "Always",
        "source": "X (x.org)",
        "source_url": "https://x.org",
        "checked": dt.date(2026, 1, 1),
        "checked_how": "Not checked live.",
        "contact": [_good_contact()],
    }
    raw.update(changes)
    return raw


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (_good_resource(contact=[]), "at least one contact"),
        (_good_resource(checked="2026-01-01"), "checked"),
        (_good_resource(checked=dt.datetime(2026, 1, 1, 9)), "not a date and time"),
        (_good_resource(source=" "), "empty"),
        (_good_resource(source_url="http://x.org"), "https"),
        (_good_resource(emergency="yes"), "true or false"),
        ({k: v for k, v in _good_resource().items() if k != "source"}, "missing field 'source'"),
    ],
)
def test_bad_resources_are_rejected(raw, message):
    with pytest.raises(ContentError, match=message):
        res._resource(raw, "test")


def test_a_good_resource_loads():
    resource = res._resource(_good_resource(), "test")
    assert resource.contacts == (res.Contact("call", "Call 911", "911"),)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"code": "usa", "name": "X", "resource": []}, "two capital letters"),
        ({"code": "XX", "name": "X", "resource": [_good_resource()]}, "emergency"),
        (
            {"code": "XX", "name": "X", "resource": [_good_resource(emergency=True)]},
            "at least one helpline",
        ),
    ],
)
def test_bad_countries_are_rejected(raw, message):
    with pytest.raises(ContentError, match=message):
        res._country(raw, "test")
