"""A rule-based tone check: finds words that tend to shut a partner down, and offers better ones.

Each rule is a regular expression here and a ``[tone.<id>]`` entry in ``content/script.toml`` with
its kind, why it backfires, and a rewrite. Matching is case-insensitive, treats curly apostrophes as
straight ones, and works on whole words only ("sympathetic" does not contain "pathetic").

Where a phrase is often innocent, the rule looks at its context instead of nagging:

- "always" / "never" are flagged only when aimed at "you" ("I never want us to stop talking" is
  fine), and not before a few warm endings ("you always make me laugh", "you never give up");
- "whatever" is flagged only when it stands alone as a dismissal ("Fine, whatever."), not when it
  opens a clause ("Whatever you decide, I'm with you");
- "or else" only when it ends the sentence or leads into a threat, not "tonight, or else tomorrow";
- "grow up" only as a put-down ("Grow up.", "just grow up"), not "the kids will grow up happy";
- "obviously" only when aimed at "you"; "you must" not when it means "surely" ("you must be tired");
  "you have to" not after "if", "do", "what", "know", "sometimes" ("if you have to work late");
- "you need help" not before "with" ("do you need help with the dishes?");
- the love test only as a condition or a proof ("if you loved me", "prove you care"), never
  "I love you and I'd like us to try"; blame only for the state of the two of you ("we're like
  this because of you", "you're ruining us"), never "because of you I laughed today".

Every pattern avoids nested unbounded repetition, so a 10 kB text is checked in milliseconds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from content.script import load_script_content

# Curly quotes and primes are swapped one-for-one, so match positions stay valid in the original.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'"})

_YOU_ARE = r"you(?:'re| are|re)"
_ENDS = r"(?=\s*(?:[.!?…]|$))"
_CLAUSE_START = r"(?:^\s*|[.!?,;:(\"—–…]\s*)"

_PRAISE = (
    r"(?:so )?(?:kind|sweet|patient|supportive|thoughtful|generous|loving|caring|gentle|there for"
    r"|good to me|good with|help me|helped me|know how|know what|know when|make me (?:laugh|smile"
    r"|feel (?:safe|loved|better|good|special))|give up|let me down|complain|stop trying|fail to)"
)

_LABELS = (
    r"(?:insecure|crazy|selfish|narcissistic|a narcissist|toxic|immature|paranoid|childish"
    r"|controlling|emotionally unavailable|unstable|a psycho|psycho|hysterical|bipolar|needy"
    r"|in denial|co-?dependent|passive[-\s]aggressive|manipulative|a child)"
)
_INSULTS = (
    r"(?:stupid|useless|an idiot|idiot|pathetic|ridiculous|worthless|a loser|a joke|hopeless"
    r"|impossible|lazy|a mess|dumb|an embarrassment|disgusting)"
)
_INTENSIFIERS = (
    r"(?:(?:so|such|a|an|just|really|being|completely|totally|truly|absolutely|literally|acting"
    r"|always|pretty|very) ){0,3}"
)
_THERAPY = (
    r"(?:therapy|counsel+ing|a therapist|a shrink|a psychiatrist|a psychologist|a counsel+or)"
)

# The love test: "if you (really) loved me / cared about us ...".
_TRULY = r"(?:really |truly |actually |still |even )?"
_LOVE_OBJECT = (
    r"(?:loved|love|cared about|care about|cared for|care for|valued|value|cared|care)"
    r" (?:me|us|this (?:marriage|relationship|family)|our (?:marriage|relationship|family))"
)
# Blame for the state of the relationship: "we're like this because of you", "you're ruining us".
_WE_ARE = (
    r"(?:we(?:'re| are)|we(?:'ve| have) (?:become|ended up)|things are|our (?:marriage|relationship"
    r"|family) is|this (?:marriage|relationship|family) is|we(?:'re| are) (?:like|in) this)"
)
_US = (
    r"(?:us|everything|this (?:marriage|relationship|family)|our (?:marriage|relationship|family"
    r"|life|lives|home))"
)

# Literal spaces below stand for "any run of whitespace"; compile() swaps them for \s+, so
# no pattern may put a literal space inside a character class or a lookbehind.
_PATTERNS: dict[str, str] = {
    "you_always": (
        rf"\b{_YOU_ARE}? (?:always|never)\b(?! (?:know\b|have to\b|need to\b|{_PRAISE}))"
        r"|\byou(?:'ll| will) never (?:change|listen|understand|learn)\b"
    ),
    "every_time_you": r"\bevery (?:single )?time (?:that )?you\b",
    "you_constantly": (
        rf"\b{_YOU_ARE}? (?:constantly|continually|forever)\b(?! {_PRAISE})"
        r"|\byou keep(?: on)? [a-z]+ing\b"
    ),
    "you_need_therapy": (
        r"\byou(?: really| clearly| seriously| obviously| so)? need (?:some |professional |serious"
        rf" |real )?(?:{_THERAPY}|meds|medication|help|fixing|to get (?:some )?help|to see (?:someone"
        rf"|somebody|a professional|{_THERAPY})|to go to {_THERAPY}|to be in therapy"
        r"|to fix yourself|to work on yourself)\b(?! (?:with|from me|carrying|moving|to)\b)"
        rf"|\b{_YOU_ARE} the one (?:who|that) needs? (?:therapy|help|fixing|to change)\b"
        rf"|\byou should (?:really )?(?:get (?:some )?help|see (?:someone|{_THERAPY})"
        rf"|go to {_THERAPY}|be in therapy)\b"
    ),
    "whats_wrong_with_you": (
        r"\bwhat(?:'s| is|s) (?:wrong|the matter) with you\b"
        r"|\bsomething(?:'s| is) (?:wrong|not right) with you\b"
    ),
    "you_are_the_problem": (
        rf"\b{_YOU_ARE} the (?:problem|issue|one with the problem)\b"
        r"|\bthe (?:problem|issue) is you\b"
        r"|\b(?:it's|it is|this is|that's|that is|its) (?:all )?your fault\b"
    ),
    "you_have_issues": (
        r"\byou(?:'ve got| have got| have| got|'ve) (?:(?:some|serious|real|so many|big|a lot of"
        r"|deep|major) )?(?:issues\b(?! (?:with|at|about) (?:the|this|that|work|your (?:car|phone"
        r"|laptop|computer|boss|work|job)))|(?:anger|trust|mental(?: health)?|psychological"
        r"|emotional|commitment|control|attachment|abandonment) (?:issues|problems)\b)"
    ),
    "labelling": rf"\b{_YOU_ARE} {_INTENSIFIERS}{_LABELS}\b",
    "ultimatum_or": (
        r"\bor (?:else\b(?=\s*(?:[.!?…]|$|I\b|you(?:'ll| will)\b))"
        r"|I(?:'m| am) (?:leaving|out|done|gone|moving out|filing for divorce)"
        r"|I(?:'ll| will) (?:leave|be gone|move out|file for divorce|end (?:it|this|things|us))"
        r"|I leave|we(?:'re| are) (?:done|over|finished|through)|it(?:'s| is) over"
        r"|(?:a )?divorce|we (?:split|break up|separate)|you(?:'ll| will) (?:regret it|be sorry)"
        r"|forget (?:it|us|about us))\b"
    ),
    "if_you_dont_leave": (
        r"\bif you (?:don't|dont|do not|won't|wont|will not|refuse(?: to)?|say no)\b[^.!?\n]{0,80}?"
        r"\b(?:I(?:'ll| will|'m going to| am going to|'m| am)? (?:leave|leaving|be leaving|walk out"
        r"|divorce you|file for divorce|filing for divorce|move out|moving out|be gone|be done"
        r"|end (?:this|it|things|us|our marriage|the relationship)|call a lawyer)"
        r"|we(?:'re| are) (?:done|over|finished|through)|it(?:'s| is) over)\b"
    ),
    "last_chance": (
        r"\b(?:your|this is (?:the|your|my|our)|it(?:'s| is) (?:the|your|my|our)|that(?:'s| is| was)"
        r" (?:the|your|my|our)|consider this (?:your|the|a|my)) (?:last|final) (?:chance|warning)\b"
        rf"|\b(?:last|final) (?:chance|warning){_ENDS}"
    ),
    "whatever": (
        r"(?:^\s*|[.!?,;:(\"—–…]\s*|\s-\s*|\b(?:fine|ok|okay|yeah|sure|oh)\s*,?\s*)"
        r"(?P<p>whatever|whatevs)(?=\s*(?:[.!?,;:…—–)\-]|$))"
    ),
    "yeah_right": (
        r"\b(?:yeah|yea|ya),? right\b(?! (?:now|away|there|here|after|before|behind|on|at|next|back"
        r"|then|beside|around|in|up)\b)"
        rf"|\bsure you (?:did|do|will|are|would|were|can){_ENDS}"
        rf"|\bas if{_ENDS}|\bthanks for nothing\b|\b(?:big surprise|shocker){_ENDS}"
    ),
    "obviously": rf"\bobviously,? you\b|\b{_YOU_ARE}? obviously\b",
    "grow_up": (
        rf"(?:{_CLAUSE_START}|\b(?:just|please|you need to|you have to|you should|you must"
        r"|why can't you|why cant you|why don't you|time you) )(?P<p>grow up)\b"
    ),
    "pathetic": r"\bpathetic(?:ally)?\b",
    "name_calling": rf"\b{_YOU_ARE} {_INTENSIFIERS}{_INSULTS}\b",
    "like_your_parent": (
        r"\byou(?:'re| are|re| sound| sounded| act| acted) (?:(?:just|exactly|so|acting|being"
        r"|turning into|becoming|getting) ){0,2}(?:like|as bad as) your (?:mother|father|mom|mum"
        r"|dad|mommy|daddy|parents|ex)\b"
    ),
    "eye_roll": (
        r"\b(?:roll|rolls|rolling|rolled)\s+(?:(?:my|his|her|their|your)\s+)?eyes\b"
        r"|\beye-?\s?roll(?:s|ing)?\b|\U0001f644|\bsmh\b|\bduh\b|\bpf+t+\b|\*\s*sighs?\s*\*"
    ),
    "you_have_to": (
        r"(?<!if\s)(?<!do\s)(?<!what\s)(?<!know\s)(?<!that\s)(?<!sometimes\s)(?<!when\s)"
        r"(?<!unless\s)(?<!because\s)(?<!all\s)(?<!things\s)"
        r"\byou(?: have to|'ve got to|'ve gotta| have got to| gotta| got to)\b"
        r"(?! (?:say|offer|share|tell me)\b)"
    ),
    "you_must": (r"\byou must\b(?! (?:be|have|feel|know|think|hate|miss|wonder|get|'ve)\b)(?!'ve)"),
    "you_better": rf"\byou(?:'d| had) better\b|{_CLAUSE_START}(?P<p>you better)\b",
    "you_need_to": (
        r"\byou (?:really |seriously |just )?need to (?:change|listen|stop|start|fix|apologi[sz]e"
        r"|grow up|calm down|chill|get over|shut up|let it go|understand|try harder|step up"
        r"|figure|sort|deal|realise|realize|accept|admit|learn|respect|start listening)\b"
    ),
    "love_test": (
        rf"\bif you (?:{_TRULY}){_LOVE_OBJECT}\b"
        rf"|\bprove (?:to me )?(?:that )?you (?:really |still )?(?:love|care about|care for|care|value)"
        r"(?: (?:me|us))?\b"
        rf"|\byou(?:'d| would) (?:come|go|do (?:this|it)|try|say yes)(?: [a-z]+)? if you"
        rf" (?:{_TRULY}){_LOVE_OBJECT}\b"
        r"|\bdon't you (?:even )?(?:love|care about|care for|care) (?:me|us)\b"
    ),
    "blame_for_us": (
        rf"\b{_WE_ARE} (?:(?:like|in) (?:this|this mess|this state)|this way|so (?:unhappy|miserable"
        r"|bad|broken|distant)|falling apart|failing|broken|a mess|in trouble|miserable|unhappy"
        r"|stuck|over)(?: and it's| and that's)?(?: all| only| just)? (?:because of|thanks to"
        r"|down to) you\b"
        rf"|\b(?:because of|thanks to) you,? {_WE_ARE} (?:like this|falling apart|failing|broken"
        r"|a mess|unhappy|miserable|in this mess|stuck|over|in trouble)\b"
        rf"|\b{_YOU_ARE} (?:ruining|destroying|wrecking|killing|tearing apart|breaking up)"
        rf" {_US}\b"
        rf"|\byou(?:'ve| have)? (?:ruined|destroyed|wrecked|killed) {_US}\b"
    ),
}


RULE_IDS: tuple[str, ...] = tuple(_PATTERNS)


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


@cache
def _rules() -> tuple[_Rule, ...]:
    """Join each pattern with its words from content; fail loudly if either side is missing one."""
    content = load_script_content()
    words = {rule.id: rule for rule in content.tone}
    if set(words) != set(_PATTERNS):
        missing = sorted(set(_PATTERNS) - set(words))
        extra = sorted(set(words) - set(_PATTERNS))
        raise ValueError(f"tone rules out of step: no words for {missing}, no pattern for {extra}")
    return tuple(
        _Rule(rule_id, words[rule_id].kind, words[rule_id].why, words[rule_id].rewrite, _compile(p))
        for rule_id, p in _PATTERNS.items()
    )


def check(text: str) -> tuple[Flag, ...]:
    """Return the phrases in ``text`` that tend to shut a partner down, in reading order."""
    if not text:
        return ()
    plain = text.translate(_APOSTROPHES)
    found: list[Flag] = []
    for rule in _rules():
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
