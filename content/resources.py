"""Crisis and domestic-violence resources: who to contact, how, and where each fact comes from.

Loads ``resources.toml`` into frozen dataclasses and checks every entry as it loads: each resource
has at least one contact, a source, and a check date; every phone number is one a phone can dial;
and the digits a person reads in a label are exactly the digits their phone will call (with the
menu option to press, if any, after them). A wrong number on this page could cost someone the help
they reached for, so a mismatch fails loudly.

Each contact is a line in one language (``language``, English unless it says otherwise). Another
language's file (``content/es/resources.toml``) gives a service its lines in that language, each
naming its own source and check date, followed by the lines we could only confirm in English; a
service with no line in the run's language shows its English lines and the page says so. Within
a resource, the run's language's lines always come first.

Public API: :func:`us_resources`, :func:`countries`, :func:`directories`, :func:`words`,
:func:`all_resources`, :func:`contact_href`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from content import language
from content._loader import ContentError, read_toml, require
from content.language import per_language

FILE = "resources.toml"
KINDS = ("call", "text", "chat", "web")

# What may follow ``tel:`` or ``sms:``: either an international number (+ then 7-15 digits) or a
# number as dialled inside its country, including short and emergency numbers (911, 000, 116123).
_INTERNATIONAL = re.compile(r"\+[1-9][0-9]{6,14}")
_NATIONAL = re.compile(r"[0-9]{3,12}")
# The first word sent to a text line: a keyword such as START or HOME, nothing that needs quoting.
_BODY = re.compile(r"[A-Za-z0-9]{1,20}")
_CODE = re.compile(r"[A-Z]{2}")
_LANGUAGE = re.compile(r"[a-z]{2}")
# A menu option pressed once the call connects ("call 988 and press 2"): a key or two, nothing more.
_PRESS = re.compile(r"[0-9]{1,2}")
# How an entry says it was compared with published details rather than confirmed by calling, in
# each language we write (the English file's phrase, then the Spanish file's).
NOT_LIVE = ("not checked live", "no comprobado en vivo")
ENGLISH = language.SOURCE  # the language of every line that does not name one


@dataclass(frozen=True)
class Contact:
    """One way to reach a resource: a call, a text, a chat, or a website, in one language.

    ``press`` is a menu option to press once the call connects (the Lifeline's Spanish line is 988,
    then 2); the link dials only ``value``. A line in a language other than English names where
    that line comes from and when it was checked (``source`` ... ``checked_how``); an English line
    shares its resource's.
    """

    kind: str
    label: str
    value: str
    body: str = ""
    note: str = ""
    language: str = ENGLISH
    press: str = ""
    source: str = ""
    source_url: str = ""
    checked: dt.date | None = None
    checked_how: str = ""

    @property
    def has_own_source(self) -> bool:
        """True when this line names its own source and check date (not its resource's)."""
        return self.checked is not None

    @property
    def checked_live(self) -> bool:
        """False when its own check says it was compared with published details, not live."""
        return _live(self.checked_how)


@dataclass(frozen=True)
class Resource:
    """A service, with its contacts and the provenance of its details."""

    id: str
    name: str
    what: str
    hours: str
    contacts: tuple[Contact, ...]
    source: str
    source_url: str
    checked: dt.date
    checked_how: str
    emergency: bool = False

    def lines_in(self, code: str) -> tuple[Contact, ...]:
        """The contacts in language ``code``, in order."""
        return tuple(c for c in self.contacts if c.language == code)

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages of its contacts, in the order they are shown."""
        return tuple(dict.fromkeys(c.language for c in self.contacts))

    @property
    def checked_live(self) -> bool:
        """False when the entry says it was compared with published details, not confirmed live."""
        return _live(self.checked_how)


@dataclass(frozen=True)
class Country:
    """A country we have checked: its emergency number(s) first, then national helplines."""

    code: str
    name: str
    resources: tuple[Resource, ...]

    @property
    def emergency(self) -> tuple[Resource, ...]:
        """The emergency-services entries (police, ambulance, fire)."""
        return tuple(r for r in self.resources if r.emergency)

    @property
    def helplines(self) -> tuple[Resource, ...]:
        """Everything that is not an emergency number."""
        return tuple(r for r in self.resources if not r.emergency)


@dataclass(frozen=True)
class ResourceWords:
    """The few sentences around the lists: headings, the picker, the 'not listed' note."""

    outside_us_title: str
    outside_us_intro: str
    picker_label: str
    not_listed: str
    directories_title: str
    checked_note: str
    danger_now: str


def _live(checked_how: str) -> bool:
    how = checked_how.lower()
    return not any(marker in how for marker in NOT_LIVE)


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _contact(raw: Any, where: str) -> Contact:
    if not isinstance(raw, dict):
        raise ContentError(f"{where}: a contact should be a table")
    kind = require(raw, "kind", str, where)
    if kind not in KINDS:
        raise ContentError(f"{where}: kind {kind!r} is not one of {KINDS}")
    label = require(raw, "label", str, where)
    value = require(raw, "value", str, where)
    body = raw.get("body", "")
    note = raw.get("note", "")
    press = raw.get("press", "")
    if not all(isinstance(v, str) for v in (body, note, press)):
        raise ContentError(f"{where}: body, note and press should be text")
    if press:
        if kind != "call":
            raise ContentError(f"{where}: only a call can have an option to press")
        if not _PRESS.fullmatch(press):
            raise ContentError(f"{where}: press {press!r} should be one or two digits")
    if kind in ("call", "text"):
        if not (_INTERNATIONAL.fullmatch(value) or _NATIONAL.fullmatch(value)):
            raise ContentError(f"{where}: {value!r} is not a number a phone can dial")
        # The label may carry a keyword ("Text HOME to 741741") but no other digits: the number
        # dialled, then the option to press if there is one ("Call 988 and press 2").
        if _digits(label) != _digits(value) + press:
            shown = f"{value!r} then {press!r}" if press else repr(value)
            raise ContentError(f"{where}: label {label!r} does not show the number {shown}")
    else:
        parts = urlsplit(value)
        if parts.scheme != "https" or not parts.netloc:
            raise ContentError(f"{where}: {value!r} should be an https address")
    if body:
        if kind != "text":
            raise ContentError(f"{where}: only a text contact can have a body")
        if not _BODY.fullmatch(body):
            raise ContentError(f"{where}: body {body!r} should be one plain word")
        if body not in label:
            raise ContentError(f"{where}: label {label!r} should say to send {body!r}")
    code = raw.get("language", ENGLISH)
    if not isinstance(code, str) or not _LANGUAGE.fullmatch(code):
        raise ContentError(f"{where}: language {code!r} should be a two-letter code such as 'es'")
    own = _own_source(raw, where, required=code != ENGLISH)
    return Contact(
        kind=kind,
        label=label,
        value=value,
        body=body,
        note=note,
        language=code,
        press=press,
        **own,
    )


_OWN_SOURCE = ("source", "source_url", "checked", "checked_how")


def _own_source(raw: dict[str, Any], where: str, *, required: bool) -> dict[str, Any]:
    """A contact's own source, link, check date and how: all four or none (English lines)."""
    present = [k for k in _OWN_SOURCE if k in raw]
    if not present and not required:
        return {}
    if required and not present:
        raise ContentError(
            f"{where}: a line in language {raw.get('language')!r} needs its own source, "
            "source_url, checked and checked_how"
        )
    found = {k: require(raw, k, dt.date if k == "checked" else str, where) for k in _OWN_SOURCE}
    if isinstance(found["checked"], dt.datetime):
        raise ContentError(f"{where}: checked should be a date, not a date and time")
    if urlsplit(found["source_url"]).scheme != "https":
        raise ContentError(f"{where}: source_url should be an https address")
    return found


def _resource(raw: Any, where: str) -> Resource:
    if not isinstance(raw, dict):
        raise ContentError(f"{where}: a resource should be a table")
    rid = require(raw, "id", str, where)
    where = f"{where} ({rid})"
    checked = require(raw, "checked", dt.date, where)
    # TOML gives a datetime for "2026-11-22T10:00"; a check date is a day, nothing finer.
    if isinstance(checked, dt.datetime):
        raise ContentError(f"{where}: checked should be a date, not a date and time")
    source_url = require(raw, "source_url", str, where)
    if urlsplit(source_url).scheme != "https":
        raise ContentError(f"{where}: source_url should be an https address")
    raw_contacts = require(raw, "contact", list, where)
    if not raw_contacts:
        raise ContentError(f"{where}: needs at least one contact")
    contacts = tuple(_contact(c, f"{where} contact {i}") for i, c in enumerate(raw_contacts))
    # The run's language first (a stable sort keeps each language's lines in file order).
    here = language.current()
    contacts = tuple(sorted(contacts, key=lambda c: c.language != here))
    emergency = raw.get("emergency", False)
    if not isinstance(emergency, bool):
        raise ContentError(f"{where}: emergency should be true or false")
    return Resource(
        id=rid,
        name=require(raw, "name", str, where),
        what=require(raw, "what", str, where),
        hours=require(raw, "hours", str, where),
        contacts=contacts,
        source=require(raw, "source", str, where),
        source_url=source_url,
        checked=checked,
        checked_how=require(raw, "checked_how", str, where),
        emergency=emergency,
    )


def _country(raw: Any, where: str) -> Country:
    if not isinstance(raw, dict):
        raise ContentError(f"{where}: a country should be a table")
    code = require(raw, "code", str, where)
    if not _CODE.fullmatch(code):
        raise ContentError(f"{where}: code {code!r} should be two capital letters (ISO 3166)")
    where = f"{where} ({code})"
    resources = tuple(
        _resource(r, f"{where} resource {i}")
        for i, r in enumerate(require(raw, "resource", list, where))
    )
    country = Country(code=code, name=require(raw, "name", str, where), resources=resources)
    if not country.emergency:
        raise ContentError(f"{where}: needs its emergency number")
    if not country.helplines:
        raise ContentError(f"{where}: needs at least one helpline")
    return country


@dataclass(frozen=True)
class _Loaded:
    countries: dict[str, Country]
    directories: tuple[Resource, ...]
    words: ResourceWords


@per_language
def _load() -> _Loaded:
    data = read_toml(FILE)
    raw_words = require(data, "words", dict, FILE)
    words = ResourceWords(
        **{
            name: require(raw_words, name, str, f"{FILE} [words]")
            for name in ResourceWords.__dataclass_fields__
        }
    )
    countries: dict[str, Country] = {}
    for i, raw in enumerate(require(data, "country", list, FILE)):
        country = _country(raw, f"{FILE} country {i}")
        if country.code in countries:
            raise ContentError(f"{FILE}: country {country.code} is listed twice")
        countries[country.code] = country
    if "US" not in countries:
        raise ContentError(f"{FILE}: the United States (US) must be listed")
    directories = tuple(
        _resource(r, f"{FILE} directory {i}")
        for i, r in enumerate(require(data, "directory", list, FILE))
    )
    ids = [r.id for c in countries.values() for r in c.resources] + [r.id for r in directories]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ContentError(f"{FILE}: ids used twice: {duplicates}")
    return _Loaded(countries=countries, directories=directories, words=words)


def us_resources() -> tuple[Resource, ...]:
    """The United States entries, emergency number first."""
    return _load().countries["US"].resources


def countries() -> dict[str, Country]:
    """Every checked country by ISO 3166 code (the US included), in file order; a fresh dict."""
    return dict(_load().countries)


def directories() -> tuple[Resource, ...]:
    """International helpline directories, for anyone whose country is not listed."""
    return _load().directories


def words() -> ResourceWords:
    """The headings and notes shown around the resource lists."""
    return _load().words


def all_resources() -> tuple[Resource, ...]:
    """Every entry in the file: each country's resources, then the directories."""
    loaded = _load()
    return tuple(r for c in loaded.countries.values() for r in c.resources) + loaded.directories


def contact_href(contact: Contact) -> str:
    """The link a tap should open: ``tel:``, ``sms:`` (with the keyword filled in) or https."""
    if contact.kind == "call":
        return f"tel:{contact.value}"
    if contact.kind == "text":
        if not contact.body:
            return f"sms:{contact.value}"
        # RFC 5724 puts the body after "?"; iOS Messages reads it only after "&". "?&body="
        # satisfies both: Android sees an empty first field then body, iOS finds "&body=".
        return f"sms:{contact.value}?&body={quote(contact.body, safe='')}"
    return contact.value
