"""How dates are written for a person: in words to read, in their own order to pick (pure).

Streamlit's date picker writes numbers only, in one of three orders. "02/12/2026" is the 2nd of
December to most of the world and February the 12th in the United States, so the order follows
the browser's locale, and the label beside the picker says today's date in words.
"""

from __future__ import annotations

from datetime import date

# Locales (language-REGION, or a language alone) that write the month first or the year first.
MONTH_FIRST = {"en-us", "en-ph", "en-as", "en-gu", "en-mp", "en-pr", "en-um", "en-vi", "es-us"}
YEAR_FIRST_LANGUAGES = {"zh", "ja", "ko", "hu", "lt", "mn", "sv"}
YEAR_FIRST = {"en-ca", "fr-ca"}


def picker_format(locale: str | None) -> str:
    """The ``st.date_input`` format for a browser locale such as ``en-US`` (day first if unsure)."""
    tag = (locale or "").strip().replace("_", "-").lower()
    language = tag.split("-", 1)[0]
    if tag in MONTH_FIRST:
        return "MM/DD/YYYY"
    if tag in YEAR_FIRST or language in YEAR_FIRST_LANGUAGES:
        return "YYYY-MM-DD"
    return "DD/MM/YYYY"


def long_day(day: date) -> str:
    """A date in words, e.g. "Wednesday 2 December 2026"."""
    return f"{day:%A} {day.day} {day:%B} {day.year}"
