"""A rule-based tone check: finds words that tend to shut a partner down, and offers better ones.

Each rule is a regular expression per language in ``content/tone/<code>.toml`` (read by
``content.tone_patterns``; the notes there say where a rule looks at context instead of nagging)
and a ``[tone.<id>]`` entry in ``content/script.toml`` (and its mirror in each language) with its
kind, why it backfires, and a rewrite. The check speaks the run's language: its patterns and its
words (``content.language.current()``); a language without patterns of its own is checked with the
English ones. Matching is case-insensitive, treats curly apostrophes as straight ones (and, where a
language's file says so, accented letters as plain ones: Spanish "última" and "ultima"), and works
on whole words only ("sympathetic" does not contain "pathetic").

Every pattern avoids nested unbounded repetition, so a 10 kB text is checked in milliseconds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from content.language import per_language
from content.script import load_script_content
from content.tone_patterns import load_patterns, patterns

# Curly quotes and primes are swapped one-for-one, so match positions stay valid in the original.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'"})


RULE_IDS: tuple[str, ...] = tuple(patterns("en").rules)


@dataclass(frozen=True)
class Flag:
    """One phrase that may backfire: where it is, what kind, why, and a better way to say it."""

    kind: str
    phrase: str
    start: int
    end: int
    why: str
    rewrite: str


@dataclass(frozen=True)
class _Rule:
    id: str
    kind: str
    why: str
    rewrite: str
    pattern: re.Pattern[str]


def _compile(pattern: str) -> re.Pattern[str]:
    """Compile a rule, letting each literal space match any run of whitespace."""
    return re.compile(pattern.replace(" ", r"\s+"), re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class _Rules:
    rules: tuple[_Rule, ...]
    fold: dict[int, str]


@per_language
def _rules() -> _Rules:
    """Join each pattern with its words from content, in this run's language; fail loudly if
    either side is missing one."""
    content = load_script_content()
    found = load_patterns()
    words = {rule.id: rule for rule in content.tone}
    if set(words) != set(found.rules):
        missing = sorted(set(found.rules) - set(words))
        extra = sorted(set(words) - set(found.rules))
        raise ValueError(f"tone rules out of step: no words for {missing}, no pattern for {extra}")
    rules = tuple(
        _Rule(rule_id, words[rule_id].kind, words[rule_id].why, words[rule_id].rewrite, _compile(p))
        for rule_id, p in found.rules.items()
    )
    return _Rules(rules, {**_APOSTROPHES, **found.fold})


def check(text: str) -> tuple[Flag, ...]:
    """Return the phrases in ``text`` that tend to shut a partner down, in reading order."""
    if not text:
        return ()
    rules = _rules()
    plain = text.translate(rules.fold)
    found: list[Flag] = []
    for rule in rules.rules:
        for match in rule.pattern.finditer(plain):
            group = "p" if "p" in rule.pattern.groupindex and match.group("p") else 0
            start, end = match.span(group)
            if start == end:
                continue
            found.append(Flag(rule.kind, text[start:end], start, end, rule.why, rule.rewrite))
    # Where rules overlap ("you're always so selfish"), keep the earliest, then the longest.
    found.sort(key=lambda flag: (flag.start, -(flag.end - flag.start)))
    kept: list[Flag] = []
    for flag in found:
        if not kept or flag.start >= kept[-1].end:
            kept.append(flag)
    return tuple(kept)


@dataclass(frozen=True)
class Tip:
    """One piece of advice for a box: every phrase it is about, why, and a better way to say it."""

    kind: str
    phrases: tuple[str, ...]
    why: str
    rewrite: str


def advice(flags: Sequence[Flag]) -> tuple[Tip, ...]:
    """The flags of one box as tips, each piece of advice once ("You always ... you never ..."
    is one tip naming both phrases, not the same words twice), in reading order of first use."""
    grouped: dict[tuple[str, str], list[Flag]] = {}
    for flag in flags:
        grouped.setdefault((flag.why, flag.rewrite), []).append(flag)
    return tuple(
        Tip(
            same[0].kind,
            tuple(dict.fromkeys(f.phrase for f in same)),
            why,
            rewrite,
        )
        for (why, rewrite), same in grouped.items()
    )
