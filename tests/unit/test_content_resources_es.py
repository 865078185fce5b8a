"""Tests for content/resources in Spanish: each service's Spanish lines, sourced and dated, first.

These are the numbers a frightened person may tap, so the Spanish lines below are the specification
(issue 18, point 4), written out by hand: an edit to content/es/resources.toml has to be made here
too. A service without a Spanish line keeps exactly the English file's numbers. The page must show
exactly what the Spanish file says: the overlay merges a contacts list of the English list's
length entry by entry, so an English field left out here would otherwise leak onto the page.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from urllib.parse import urlsplit

import pytest

from content import _loader, language
from content import resources as res
from content._loader import ContentError

ES_FILE = _loader.CONTENT_DIR / "es" / res.FILE
RAW_ES = tomllib.loads(ES_FILE.read_text(encoding="utf-8"))
RAW_EN = tomllib.loads((_loader.CONTENT_DIR / res.FILE).read_text(encoding="utf-8"))

with language.speaking("es"):
    ES_ALL = res.all_resources()
    ES_COUNTRIES = res.countries()
    ES_WORDS = res.words()
EN_ALL = res.all_resources()
EN_BY_ID = {r.id: r for r in EN_ALL}
ES_BY_ID = {r.id: r for r in ES_ALL}
SPANISH_LINES = [(r.id, c) for r in ES_ALL for c in r.contacts if c.language == "es"]


def _ids(items):
    return [i.id for i in items]


def _raw_resources(data):
    for country in data["country"]:
        yield from country["resource"]
    yield from data["directory"]


def _as_loaded(raw: dict) -> tuple:
    """A raw contact table as the fields a loaded Contact has (absent fields at their default)."""
    return (
        raw["kind"],
        raw["label"],
        raw["value"],
        raw.get("body", ""),
        raw.get("note", ""),
        raw.get("language", "en"),
        raw.get("press", ""),
        raw.get("source", ""),
        raw.get("source_url", ""),
        raw.get("checked"),
        raw.get("checked_how", ""),
    )


def _fields(contact: res.Contact) -> tuple:
    return (
        contact.kind,
        contact.label,
        contact.value,
        contact.body,
        contact.note,
        contact.language,
        contact.press,
        contact.source,
        contact.source_url,
        contact.checked,
        contact.checked_how,
    )


# --- the same entries as English ----------------------------------------------------------------


def test_spanish_has_the_same_entries_in_the_same_order():
    assert _ids(ES_ALL) == _ids(EN_ALL)
    assert list(ES_COUNTRIES) == list(res.countries())
    for rid, resource in ES_BY_ID.items():
        english = EN_BY_ID[rid]
        assert resource.emergency == english.emergency
        assert resource.source_url == english.source_url
        assert resource.checked == english.checked


@pytest.mark.parametrize("resource", ES_ALL, ids=_ids(ES_ALL))
def test_every_entry_reads_in_spanish(resource):
    english = EN_BY_ID[resource.id]
    assert resource.what != english.what
    assert resource.hours != english.hours
    assert resource.checked_how != english.checked_how
    # Compared with published details, never confirmed by calling: the Spanish says so too.
    assert "no comprobado en vivo" in resource.checked_how.lower()
    assert not resource.checked_live


def test_words_are_spanish_and_keep_the_date_placeholder():
    assert ES_WORDS.checked_note.count("{date}") == 1
    assert "comprobados" in ES_WORDS.checked_note
    assert ES_WORDS.picker_label == "Tu país"
    assert res.words() != ES_WORDS


# --- the page shows exactly what the Spanish file says -----------------------------------------


@pytest.mark.parametrize("raw", list(_raw_resources(RAW_ES)), ids=lambda r: r["id"])
def test_contacts_are_exactly_the_spanish_files(raw):
    # Same-length lists are merged with the English entry by entry: nothing English may leak in.
    loaded = [_fields(c) for c in ES_BY_ID[raw["id"]].contacts]
    written = [_as_loaded(c) for c in raw["contact"]]
    assert sorted(loaded, key=repr) == sorted(written, key=repr)


@pytest.mark.parametrize("resource", ES_ALL, ids=_ids(ES_ALL))
def test_spanish_lines_come_first(resource):
    languages = [c.language for c in resource.contacts]
    assert languages == sorted(languages, key=lambda code: code != "es")
    assert set(languages) <= {"es", "en"}


# --- the Spanish lines, exactly ----------------------------------------------------------------

# (kind, value, body, press) of each service's lines in Spanish, and of those only in English.
SPANISH_EXPECTED = {
    "us-ndvh": {
        ("call", "+18007997233", "", ""),
        ("chat", "https://espanol.thehotline.org", "", ""),
    },
    "us-988": {("call", "988", "", "2"), ("text", "988", "AYUDA", "")},
    "us-crisis-text-line": {("text", "741741", "AYUDA", "")},
}
ENGLISH_ONLY_EXPECTED = {
    "us-911": {("call", "911", "", "")},
    "us-ndvh": {("call", "+18007873224", "", ""), ("text", "88788", "START", "")},
    "us-988": {("chat", "https://988lifeline.org/chat", "", "")},
    "us-crisis-text-line": {("web", "https://www.crisistextline.org", "", "")},
}


def _lines(resource: res.Resource, code: str) -> set[tuple[str, str, str, str]]:
    return {(c.kind, c.value, c.body, c.press) for c in resource.lines_in(code)}


@pytest.mark.parametrize("rid", _ids(ES_ALL))
def test_each_service_has_exactly_the_specified_spanish_lines(rid):
    assert _lines(ES_BY_ID[rid], "es") == SPANISH_EXPECTED.get(rid, set())


@pytest.mark.parametrize("rid", list(ENGLISH_ONLY_EXPECTED))
def test_us_lines_only_confirmed_in_english_stay_english(rid):
    assert _lines(ES_BY_ID[rid], "en") == ENGLISH_ONLY_EXPECTED[rid]


@pytest.mark.parametrize(
    "rid", [r for r in _ids(ES_ALL) if r not in SPANISH_EXPECTED], ids=lambda r: r
)
def test_a_service_without_a_spanish_line_keeps_the_english_numbers(rid):
    spanish, english = ES_BY_ID[rid], EN_BY_ID[rid]
    assert [(c.kind, c.value, c.body) for c in spanish.contacts] == [
        (c.kind, c.value, c.body) for c in english.contacts
    ]
    assert all(c.language == "en" and not c.has_own_source for c in spanish.contacts)


@pytest.mark.parametrize("rid", list(SPANISH_EXPECTED))
def test_an_english_line_in_spanish_is_one_the_english_file_has(rid):
    english = {(c.kind, c.value, c.body) for c in EN_BY_ID[rid].contacts}
    for contact in ES_BY_ID[rid].lines_in("en"):
        assert (contact.kind, contact.value, contact.body) in english


def test_the_988_spanish_call_dials_988_and_says_to_press_2():
    (call,) = [c for c in ES_BY_ID["us-988"].lines_in("es") if c.kind == "call"]
    assert res.contact_href(call) == "tel:988"  # the person presses 2; nothing dials it for them
    assert call.press == "2" and "marca 2" in call.label


@pytest.mark.parametrize(
    ("rid", "href"),
    [
        ("us-ndvh", "tel:+18007997233"),
        ("us-ndvh", "https://espanol.thehotline.org"),
        ("us-988", "tel:988"),
        ("us-988", "sms:988?&body=AYUDA"),
        ("us-crisis-text-line", "sms:741741?&body=AYUDA"),
    ],
)
def test_spanish_hrefs(rid, href):
    assert href in {res.contact_href(c) for c in ES_BY_ID[rid].lines_in("es")}


# --- each Spanish line names its source and its day ---------------------------------------------


@pytest.mark.parametrize(("rid", "contact"), SPANISH_LINES, ids=[c.label for _, c in SPANISH_LINES])
def test_every_spanish_line_has_its_own_source_and_check_date(rid, contact):
    assert contact.has_own_source
    assert contact.source.strip() and contact.checked_how.strip()
    assert urlsplit(contact.source_url).scheme == "https" and urlsplit(contact.source_url).netloc
    assert type(contact.checked) is dt.date
    assert contact.checked == dt.date(2026, 12, 3)
    assert contact.checked <= dt.date.today(), "a check cannot happen in the future"
    how = contact.checked_how.lower()
    assert "no comprobado en vivo" in how and "copia" in how and "guardada" in how
    assert not contact.checked_live


@pytest.mark.parametrize(
    ("rid", "contact"),
    [(r.id, c) for r in ES_ALL for c in r.contacts],
    ids=[f"{r.id}-{c.label}" for r in ES_ALL for c in r.contacts],
)
def test_the_number_shown_is_the_number_dialled_then_the_option(rid, contact):
    if contact.kind in ("call", "text"):
        shown = re.sub(r"\D", "", contact.label)
        dialled = re.sub(r"\D", "", res.contact_href(contact).split("?")[0])
        assert shown == dialled + contact.press
        if contact.body:
            assert contact.body in contact.label
    else:
        assert urlsplit(res.contact_href(contact)).scheme == "https"


def test_the_spanish_file_never_mentions_the_retired_press_3_option():
    body = "\n".join(
        line
        for line in ES_FILE.read_text(encoding="utf-8").splitlines()
        if not line.lstrip().startswith("#")
    )
    assert not re.search(r"(press|marca|oprime|presiona)\s*(el\s*)?3\b", body, re.IGNORECASE)
    assert all(c.press != "3" for _, c in SPANISH_LINES)


def test_english_is_unchanged_english_lines_only():
    for resource in EN_ALL:
        for contact in resource.contacts:
            assert contact.language == "en"
            assert not contact.press and not contact.has_own_source


def test_the_english_file_has_no_spanish_fields():
    for raw in _raw_resources(RAW_EN):
        for contact in raw["contact"]:
            assert not {"language", "press", "checked"} & set(contact)


# --- the loader checks the new fields -----------------------------------------------------------

OWN = {
    "source": "X (x.org)",
    "source_url": "https://x.org/es",
    "checked": dt.date(2026, 12, 3),
    "checked_how": "No comprobado en vivo.",
}


def _spanish_contact(**changes):
    raw = {"kind": "call", "label": "Llama al 988 y marca 2", "value": "988", "press": "2"}
    raw.update({"language": "es", **OWN})
    raw.update(changes)
    return {k: v for k, v in raw.items() if v is not None}


def test_a_spanish_line_with_an_option_to_press_loads():
    contact = res._contact(_spanish_contact(), "test")
    assert (contact.language, contact.press, contact.checked) == ("es", "2", dt.date(2026, 12, 3))
    assert res.contact_href(contact) == "tel:988"
    assert contact.has_own_source and not contact.checked_live


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (_spanish_contact(language="spanish"), "two-letter code"),
        (_spanish_contact(language="ES"), "two-letter code"),
        (_spanish_contact(label="Llama al 988"), "then '2'"),
        (_spanish_contact(label="Llama al 988 y marca 3"), "does not show"),
        (_spanish_contact(press="dos"), "one or two digits"),
        (_spanish_contact(press=2), "should be text"),
        (
            _spanish_contact(kind="text", label="Envía AYUDA al 9882", body="AYUDA"),
            "only a call",
        ),
        (
            _spanish_contact(source=None, source_url=None, checked=None, checked_how=None),
            "needs its own source",
        ),
        (_spanish_contact(checked=None), "missing field 'checked'"),
        (_spanish_contact(checked="2026-12-03"), "checked"),
        (_spanish_contact(checked=dt.datetime(2026, 12, 3, 9)), "not a date and time"),
        (_spanish_contact(source_url="http://x.org/es"), "https"),
        (_spanish_contact(checked_how=" "), "empty"),
    ],
)
def test_bad_spanish_lines_are_rejected(raw, message):
    with pytest.raises(ContentError, match=message):
        res._contact(raw, "test")


def test_an_english_line_may_name_its_own_source_but_then_all_of_it():
    raw = {"kind": "call", "label": "Call 911", "value": "911", "source": "X"}
    with pytest.raises(ContentError, match="missing field 'source_url'"):
        res._contact(raw, "test")
    assert res._contact({**raw, **OWN}, "test").has_own_source


def test_a_resource_shows_the_run_languages_lines_first():
    lines = [
        {"kind": "call", "label": "Call 988", "value": "988"},
        _spanish_contact(),
    ]
    raw = {
        "id": "x",
        "name": "X",
        "what": "Helps.",
        "hours": "Always",
        "source": "X (x.org)",
        "source_url": "https://x.org",
        "checked": dt.date(2026, 1, 1),
        "checked_how": "Not checked live.",
        "contact": lines,
    }
    with language.speaking("es"):
        spanish = res._resource(raw, "test")
    english = res._resource(raw, "test")
    assert [c.language for c in spanish.contacts] == ["es", "en"]
    assert [c.language for c in english.contacts] == ["en", "es"]
    assert spanish.languages == ("es", "en") and spanish.lines_in("es")[0].press == "2"
