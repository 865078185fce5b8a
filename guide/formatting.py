"""How dates and lists are written for a person, and how stored ISO dates are read (pure).

Every date the app shows in words, every "a, b and c" it joins and every ISO stamp it reads back
from storage goes through here, so there is one way to do each and a language is one parameter:
``locale`` is a Babel/CLDR locale (``"en"``, ``"es"``, ``"es_US"``); left out, it is the language
the app speaks this run (``content.language.current()``).

English keeps the app's own wording rather than CLDR's American defaults ("Tuesday 8 December",
"a, b and c"): the patterns below are written out for English, and any other language gets
CLDR's own pattern for the same fields, so adding a language needs no code here.

Streamlit's date picker writes numbers only, in one of three orders. "02/12/2026" is the 2nd of
December to most of the world and February the 12th in the United States, so the picker's order
follows the browser's locale (:func:`picker_format`), and the label beside it says the date in words.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_datetime, format_skeleton, format_time
from babel.lists import format_list

from content import language

DEFAULT_LOCALE = "en"

# The fields each style shows, as a CLDR skeleton, for a language with no patterns written below.
_SKELETONS = {
    "day": "MMMMEEEEd",
    "day_year": "yMMMMEEEEd",
    "date": "yMMMMd",
    "short_day": "MMMEd",
    "short_date": "yMMMd",
    "day_month": "MMMd",
}
# Patterns written out per language: English keeps the wording the app has always used (%d's
# leading zero kept in the two short styles), Spanish the full weekday CLDR abbreviates.
_PATTERNS: dict[str, dict[str, str]] = {
    "en": {
        "day": "EEEE d MMMM",  # Tuesday 8 December
        "day_year": "EEEE d MMMM y",  # Tuesday 8 December 2026
        "date": "d MMMM y",  # 8 December 2026
        "short_day": "EEE dd MMM",  # Tue 08 Dec
        "short_date": "dd MMM y",  # 08 Dec 2026
        "day_month": "d MMM",  # 8 Dec
        "moment": "d MMM y, HH:mm",  # 8 Dec 2026, 14:05
    },
    "es": {
        "day": "EEEE d 'de' MMMM",  # martes 8 de diciembre
        "day_year": "EEEE d 'de' MMMM 'de' y",  # martes 8 de diciembre de 2026
        "date": "d 'de' MMMM 'de' y",  # 8 de diciembre de 2026
        "short_day": "EEE d MMM",  # mar 8 dic
        "short_date": "d MMM y",  # 8 dic 2026
        "day_month": "d MMM",  # 8 dic
        "moment": "d MMM y, HH:mm",  # 8 dic 2026, 14:05
    },
}
# Open Door's English joins lists without the serial comma ("a, b and c"); CLDR's "en" has one.
_LIST_ENDS = {("en", "standard"): "{0} and {1}", ("en", "or"): "{0} or {1}"}

# Locales (language-REGION, or a language alone) that write the month first or the year first.
MONTH_FIRST = {"en-us", "en-ph", "en-as", "en-gu", "en-mp", "en-pr", "en-um", "en-vi", "es-us"}
YEAR_FIRST_LANGUAGES = {"zh", "ja", "ko", "hu", "lt", "mn", "sv"}
YEAR_FIRST = {"en-ca", "fr-ca"}


def _locale(locale: str | None) -> Locale:
    """A Babel locale for a tag such as ``en-US`` or ``es``; English when it is missing or unknown."""
    try:
        return Locale.parse((locale or language.current()).strip().replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return Locale.parse(DEFAULT_LOCALE)


def _written(moment: date, style: str, locale: str | None) -> str:
    loc = _locale(locale)
    pattern = _PATTERNS.get(loc.language, {}).get(style)
    if pattern is None:
        return format_skeleton(_SKELETONS[style], moment, locale=loc)
    formatter = format_datetime if isinstance(moment, datetime) else format_date
    return formatter(moment, pattern, locale=loc)


def day(moment: date, locale: str | None = None) -> str:
    """A day in words without the year, e.g. "Tuesday 8 December"."""
    return _written(moment, "day", locale)


def day_with_year(moment: date, locale: str | None = None) -> str:
    """A day in words with its year, e.g. "Tuesday 8 December 2026"."""
    return _written(moment, "day_year", locale)


def date_words(moment: date, locale: str | None = None) -> str:
    """A date as people write it, e.g. "22 November 2026"."""
    return _written(moment, "date", locale)


def short_day(moment: date, locale: str | None = None) -> str:
    """A day in short form for tight rows, e.g. "Tue 08 Dec"."""
    return _written(moment, "short_day", locale)


def short_date(moment: date, locale: str | None = None) -> str:
    """A date in short form with its year, e.g. "08 Dec 2026"."""
    return _written(moment, "short_date", locale)


def day_month(moment: date, locale: str | None = None) -> str:
    """Day and short month only, e.g. "8 Dec" (default version names)."""
    return _written(moment, "day_month", locale)


def moment_words(moment: datetime, locale: str | None = None) -> str:
    """A date and clock time as given (convert the zone first), e.g. "8 Dec 2026, 14:05"."""
    loc = _locale(locale)
    pattern = _PATTERNS.get(loc.language, {}).get("moment")
    if pattern is not None:
        return format_datetime(moment, pattern, locale=loc)
    # CLDR has no skeleton for a date with a time: join its two parts the language's own way.
    when = format_skeleton("yMMMd", moment, locale=loc)
    clock = format_time(moment, "short", locale=loc)
    return str(loc.datetime_formats["medium"]).format(clock, when)


def _join(items: Sequence[str], style: str, locale: str | None) -> str:
    words = [str(i) for i in items]
    loc = _locale(locale)
    end = _LIST_ENDS.get((loc.language, style))
    if end is None or len(words) < 3:
        return format_list(words, style=style, locale=loc)
    # CLDR's start and middle patterns ("{0}, {1}") with our own end, Babel's algorithm.
    patterns = loc.list_patterns[style]
    joined = patterns["start"].format(words[0], words[1])
    for word in words[2:-1]:
        joined = patterns["middle"].format(joined, word)
    return end.format(joined, words[-1])


def join_and(items: Sequence[str], locale: str | None = None) -> str:
    """'a', 'a and b', 'a, b and c' ("" for none)."""
    return _join(items, "standard", locale)


def join_or(items: Sequence[str], locale: str | None = None) -> str:
    """'a', 'a or b', 'a, b or c' ("" for none)."""
    return _join(items, "or", locale)


def numbered(numbers: Sequence[int], one: str, many: str, locale: str | None = None) -> str:
    """A noun with its numbers: "week 2", "weeks 2 and 3" ("semanas 2 y 3" in Spanish)."""
    if not numbers:
        return ""
    noun = one if len(numbers) == 1 else many
    return f"{noun} {join_and([str(n) for n in numbers], locale)}"


def read_moment(value: object) -> datetime | None:
    """A stored ISO moment (a date alone means its midnight) as an aware datetime, or None.

    A stamp without a zone was written in UTC by an older version, so it is read as UTC.
    """
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def read_date(value: object) -> date | None:
    """A stored ISO date ("2026-12-08"), or None when it is missing or not a date."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def read_day(value: object) -> date | None:
    """The calendar day of a stored ISO date or moment, as written in its own zone, or None."""
    if isinstance(value, str) and "T" not in value:
        return read_date(value)
    moment = read_moment(value)
    return moment.date() if moment else None


def picker_format(locale: str | None) -> str:
    """The ``st.date_input`` format for a browser locale such as ``en-US`` (day first if unsure)."""
    tag = (locale or "").strip().replace("_", "-").lower()
    language = tag.split("-", 1)[0]
    if tag in MONTH_FIRST:
        return "MM/DD/YYYY"
    if tag in YEAR_FIRST or language in YEAR_FIRST_LANGUAGES:
        return "YYYY-MM-DD"
    return "DD/MM/YYYY"
