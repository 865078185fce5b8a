"""The conversation script: a draft the user fills in, pre-filled from the quiz, and its assembly.

A :class:`ScriptDraft` holds the user's own words, step by step; every field is optional. ``assemble``
turns it into talking points, a full script (Markdown and plain text), a short written invitation,
and one-step-at-a-time practice cards. Empty steps and empty parts of a step are left out cleanly, so
any subset the user fills in reads as whole sentences. With the safety gate on, the boundary and all
coaching toward joint therapy are left out (see ``SAFETY_HIDDEN``).

The few joining words ("I feel ... when ...") live here with the grammar that needs them, one
:class:`_Grammar` per language (chosen by ``content.language.current()``; a language with none
speaks English's): its sentence frames, the lead-ins a frame already says (so a user who typed "I
feel" does not read "I feel I feel"), and how to tell a question left without its end mark.
Everything else the script says comes from ``content/script.toml`` (``content/<code>/script.toml``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

from content import language
from content.script import FirstStepOption, ScriptContent, load_script_content
from guide.formatting import join_and, join_or
from guide.safety import escape_markdown
from guide.tone import Flag, check

# Steps that coach toward joint therapy, or ask for a face-to-face boundary: never shown when the
# safety gate is on, because pressing a harmful partner can raise the risk.
SAFETY_HIDDEN: tuple[str, ...] = ("worries", "reframe", "ask", "first_step", "boundary")

TALKING_POINT_LIMIT = 140

# A sentence opening with one of these is a question, so it ends with "?" when the user left it bare.
_QUESTION_OPENERS = (
    "what how would could can do does did is are will why who should shall may might have has "
    "was were won't wouldn't couldn't can't don't isn't aren't"
)
_QUESTION_WORDS = frozenset(_QUESTION_OPENERS.split())
# ... unless it is a statement that only opens like one. A question word followed by its own
# subject opens a clause ("What I'd like is ...", "How we talk matters"), and these openers need
# a subject next to ask anything ("Was thinking about us", "Don't get me wrong" are statements).
_WH_OPENERS, _HOW_MUCH_WORDS = "what how why who", "much many often long far soon"
_SUBJECT_NEEDERS = "was were have has did do does don't can't won't wouldn't couldn't isn't aren't"
_SUBJECT_WORDS = (
    "i i'd i'm i've i'll you you're you'd you've you'll we we're we'd we've we'll they they're "
    "they'd they've he he's she she's it it's there this that these those anyone someone "
    "anybody somebody everyone the a an my your our their his her things people"
)
_NOT_CLAUSE_SUBJECTS = "there this that these those the a an"  # "What the ...", "How a ..." ask
_WH_WORDS, _HOW_MUCH = frozenset(_WH_OPENERS.split()), frozenset(_HOW_MUCH_WORDS.split())
_NEED_SUBJECT, _SUBJECTS = frozenset(_SUBJECT_NEEDERS.split()), frozenset(_SUBJECT_WORDS.split())
_CLAUSE_SUBJECTS = _SUBJECTS - frozenset(_NOT_CLAUSE_SUBJECTS.split())
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SPACE_BEFORE_MARK = re.compile(r" ([,.;:!?])")
_CLOSERS = "\"')]}”’»"
_TERMINAL = ".!?…"
_CLOCK_END = re.compile(r"\b[ap]\.\s?m\.$", re.IGNORECASE)  # "7 p. m.", "9 a.m."
_OPENING_MARKS = "¿¡"  # Spanish opens a question or an exclamation too
# Accents folded for matching a lead-in, one letter for one (so positions stay): "me gustaria"
# typed without its accent is still the lead-in "me gustaría".
_FOLD = str.maketrans("áéíóúüàèìòùâêîôû", "aeiouuaeiouaeiou")

# ---- Spanish: how a question left without its marks is told (see _asks_es) ---------------------

# An interrogative is written with its accent: "qué", "cómo" ask; "que", "como" join a clause.
_ES_WH_WORDS = (
    "qué cómo cuándo dónde adónde quién quiénes cuál cuáles cuánto cuánta cuántos cuántas"
)
# "¿Por qué ...", "¿Con quién ...", "¿En qué ...": a preposition, then the interrogative.
_ES_PREPOSITION_WORDS = "a de en con para por desde hasta sobre"
# "Qué bien que viniste", "Qué pena": an exclamation, not a question.
_ES_EXCLAIMED_WORDS = (
    "bien bueno buena lindo linda bonito bonita pena lástima suerte alegría gusto rico raro "
    "difícil fácil triste miedo horror"
)
_ES_CLITIC_WORDS = "me te nos lo la le les se"
# Asking openers typed without their accents (folded), one word or two.
_ES_ASKING_ONE = "podriamos podrias vendrias estarias querrias harias probarias aceptarias"
_ES_WH, _ES_PREPOSITIONS = frozenset(_ES_WH_WORDS.split()), frozenset(_ES_PREPOSITION_WORDS.split())
_ES_EXCLAIMED, _ES_CLITICS = (
    frozenset(_ES_EXCLAIMED_WORDS.split()),
    frozenset(_ES_CLITIC_WORDS.split()),
)
_ES_ASKING_WORDS = frozenset(_ES_ASKING_ONE.split())
_ES_ASKING_PAIRS = frozenset(
    (
        "que tal",
        "te parece",
        "te animas",
        "te animarias",
        "te gustaria",
        "te pareceria",
        "te importaria",
        "me acompañas",
        "me acompañarias",
    )
)


@dataclass(frozen=True)
class ScriptDraft:
    """The user's words for each step; every field may be left empty."""

    name: str = ""
    timing_checked: tuple[str, ...] = ()
    opener: str = ""
    feeling: str = ""
    situation: str = ""
    wish: str = ""
    worries: tuple[tuple[str, str], ...] = ()
    reframe: str = ""
    problem: str = ""
    goal: str = ""
    timeframe: str = ""
    first_step: str = ""
    times: tuple[str, ...] = ()
    offer_book: bool = False
    offer_pay: bool = False
    offer_stop_30: bool = False
    shared: str = ""
    if_no: str = ""
    boundary_pattern: str = ""
    boundary_impact: str = ""
    boundary_need: str = ""
    boundary_next: str = ""
    boundary_consequence: str = ""


@dataclass(frozen=True)
class Script:
    """What the user takes away: talking points, the full script, an invitation, practice cards."""

    title: str
    talking_points: tuple[str, ...]
    full_markdown: str
    full_text: str
    invitation: str
    steps: tuple[tuple[str, str], ...]
    hidden: tuple[str, ...] = ()
    safety_note: str = ""

    @property
    def is_empty(self) -> bool:
        """True when no step has any words yet."""
        return not self.steps


# ---- the draft as plain data ------------------------------------------------------------------

_DEFAULTS = {f.name: f.default for f in fields(ScriptDraft)}


def draft_to_dict(draft: ScriptDraft) -> dict[str, Any]:
    """Return the draft as JSON-safe data (lists, strings, booleans)."""
    data: dict[str, Any] = {}
    for name, default in _DEFAULTS.items():
        value = getattr(draft, name)
        if name == "worries":
            data[name] = [[reason, line] for reason, line in value]
        elif isinstance(default, tuple):
            data[name] = list(value)
        else:
            data[name] = value
    return data


def _strings(value: Any) -> tuple[str, ...]:
    """Keep the strings of a list, dropping anything else."""
    if not isinstance(value, list | tuple):
        return ()
    return tuple(item for item in value if isinstance(item, str))


def _pairs(value: Any) -> tuple[tuple[str, str], ...]:
    """Keep the (reason id, line) pairs of a list, dropping anything malformed."""
    if not isinstance(value, list | tuple):
        return ()
    return tuple(
        (item[0], item[1])
        for item in value
        if isinstance(item, list | tuple)
        and len(item) == 2
        and isinstance(item[0], str)
        and isinstance(item[1], str)
    )


def draft_from_dict(data: Any) -> ScriptDraft:
    """Rebuild a draft from stored data, ignoring unknown keys and repairing wrong types."""
    if not isinstance(data, Mapping):
        return ScriptDraft()
    values: dict[str, Any] = {}
    for name, default in _DEFAULTS.items():
        if name not in data:
            continue
        value = data[name]
        if name == "worries":
            values[name] = _pairs(value)
        elif isinstance(default, tuple):
            values[name] = _strings(value)
        elif isinstance(default, bool):
            values[name] = value if isinstance(value, bool) else default
        else:
            values[name] = value if isinstance(value, str) else default
    return ScriptDraft(**values)


# ---- pre-fill from the quiz -------------------------------------------------------------------


def _known_reasons(top_reasons: Sequence[str], content: ScriptContent) -> list[str]:
    """Keep the reason ids we have words for, once each, in the order given."""
    known = {worry.reason_id for worry in content.worries}
    seen: list[str] = []
    for reason in top_reasons:
        if reason in known and reason not in seen:
            seen.append(reason)
    return seen


def first_step_for(top_reasons: Sequence[str]) -> FirstStepOption:
    """Return the first step that best suits the likeliest reason (or a short call if none)."""
    content = load_script_content()
    reasons = _known_reasons(top_reasons, content)
    if reasons:
        return content.first_step_option(content.worry(reasons[0]).first_step)
    return content.first_steps[0]


def prefill(top_reasons: Sequence[str]) -> ScriptDraft:
    """Return a draft started from the quiz's likeliest reasons, for the user to edit."""
    content = load_script_content()
    reasons = _known_reasons(top_reasons, content)
    worries = tuple((reason, content.worry(reason).line) for reason in reasons)
    needs_reframe = any(content.worry(reason).reframe for reason in reasons)
    return ScriptDraft(
        opener=content.openers[0],
        worries=worries,
        reframe=content.reframes[0] if needs_reframe else "",
        first_step=first_step_for(reasons).line,
        if_no=content.if_no[0],
    )


# ---- text helpers -----------------------------------------------------------------------------


def _clean(text: str) -> str:
    """Collapse whitespace (and drop it before punctuation), so no stray space reaches the output."""
    visible = _CONTROL.sub(" ", text)
    return _SPACE_BEFORE_MARK.sub(r"\1", " ".join(visible.split()))


def _strip_lead(text: str, leads: Sequence[str]) -> str:
    """Drop a lead-in the template already says ("I feel", "when"), so it is not said twice."""
    stripped = True
    while stripped and text:
        stripped = False
        lowered = text.lower().translate(_APOSTROPHES).translate(_FOLD)
        for lead in (lead.translate(_FOLD) for lead in leads):
            if lowered == lead:
                return ""
            if lowered.startswith(lead) and not lowered[len(lead)].isalnum():
                text = text[len(lead) :].lstrip(" ,:;")
                stripped = True
                break
    return text


def _clause(text: str, leads: Sequence[str] = ()) -> str:
    """Return a fragment ready to sit inside a sentence: clean, no lead-in, no end punctuation."""
    cleaned = _strip_lead(_clean(text).lstrip(" .,;:" + _OPENING_MARKS), leads)
    return cleaned.strip(" .,;:!?…" + _OPENING_MARKS)


def _capital(text: str) -> str:
    """Upper-case the first letter only (after a Spanish "¿" or "¡"), leaving the rest alone."""
    at = len(text) - len(text.lstrip(_OPENING_MARKS))
    return text[:at] + text[at : at + 1].upper() + text[at + 1 :]


def _sentence(text: str) -> str:
    """Return the user's words as one whole sentence (capital first, punctuation last)."""
    cleaned = _clean(text).lstrip(" .,;:!?").rstrip(" ,;:")
    if not cleaned.strip(_CLOSERS + _TERMINAL + _OPENING_MARKS + " -–—"):
        return ""
    return _capital(_grammar().finish(cleaned))


def _finish_en(text: str) -> str:
    """English: the end mark the words need, when they have none ("?" for a question)."""
    if text.rstrip(_CLOSERS)[-1:] in _TERMINAL:
        return text
    return text + ("?" if _asks(text) else ".")


def _finish_es(text: str) -> str:
    """Spanish: a question gets both its marks ("¿...?"), an open "¡" its "!", the rest a "."

    An opening "¿" is added only where the question plainly starts at the first word (an asking
    opener, see :func:`_asks_es`); words that already have a "¿" keep it where the user put it.
    """
    body = text.rstrip(_CLOSERS)
    starts_bare = text[:1].isalpha()
    if body[-1:] in _TERMINAL:
        if body.endswith("?") and "¿" not in text and starts_bare and _asks_es(body[:-1]):
            return "¿" + text
        return text
    if "¿" in text:
        return text + ("?" if text.count("¿") > text.count("?") else ".")
    if text.count("¡") > text.count("!"):
        return text + "!"
    if _asks_es(text):
        return ("¿" + text if starts_bare else text) + "?"
    return text + "."


def _asks_es(text: str) -> bool:
    """Whether Spanish words left without their marks are a question (by how they open).

    Spanish asks without changing the word order, so only openers that ask on their own count:
    an accented interrogative ("qué", "cómo", "por qué", "con quién"; not "qué bien", which
    exclaims), a "you would" ("¿Te animarías...?", "¿Vendrías...?", "¿Te gustaría...?"),
    "podríamos", "¿Qué tal...?" and "¿Te parece...?". Anything else reads as a statement: a "."
    on a question is gentler than a "?" on a statement.
    """
    words = [w.strip(_CLOSERS + ",;:" + _OPENING_MARKS + "\"'“‘«") for w in text.lower().split()]
    words = [w for w in words if w]
    if not words:
        return False
    first, rest = words[0], words[1:]
    if first in _ES_WH:
        return not (first == "qué" and rest and rest[0] in _ES_EXCLAIMED)
    if first in _ES_PREPOSITIONS and rest and rest[0] in _ES_WH:
        return True
    verb = rest[0] if first in _ES_CLITICS and rest else first
    if verb.endswith("rías") or first == "podríamos":
        return True
    if first == "te" and verb.endswith("ría"):
        return True
    folded = [w.translate(_FOLD) for w in words]
    return folded[0] in _ES_ASKING_WORDS or " ".join(folded[:2]) in _ES_ASKING_PAIRS


def _asks(text: str) -> bool:
    """Whether words left without an end mark are a question (by how they open)."""
    words = [w.strip(_CLOSERS + ",;:") for w in text.lower().translate(_APOSTROPHES).split()]
    first, rest = words[0], words[1:]
    if first not in _QUESTION_WORDS:
        return False
    if first in _WH_WORDS:
        if first == "how" and rest and rest[0] in _HOW_MUCH:
            rest = rest[1:]
        return not (rest and rest[0] in _CLAUSE_SUBJECTS)
    if first in _NEED_SUBJECT:
        return bool(rest) and rest[0] in _SUBJECTS
    return True


def _short(text: str, limit: int = TALKING_POINT_LIMIT) -> str:
    """Cut ``text`` at a word boundary so it fits on a phone screen."""
    if len(text) <= limit:
        return text
    head = text[: limit + 1]
    # Whole sentences read better than a cut one, when they keep most of the point.
    ends = [m.end() for m in re.finditer(r"[.!?](?= )", head)]
    if ends and ends[-1] >= limit // 2:
        return text[: ends[-1]]
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.-–—")
    return cut + "…"


# ---- each language's joining words ----------------------------------------------------------


@dataclass(frozen=True)
class _Grammar:
    """One language's sentence frames, the lead-ins each already says, and its end marks.

    ``frames`` are whole sentences with ``{named}`` parts, so a language can order them its own
    way. ``own_verb`` tells a part that already carries its own "I will" (Spanish "propondré un
    descanso" after "La próxima vez"), for the ``*_own`` frames that don't say it again.
    """

    frames: Mapping[str, str]
    feel: tuple[str, ...]
    when: tuple[str, ...]
    wish: tuple[str, ...]
    goal: tuple[str, ...]
    impact: tuple[str, ...]
    need: tuple[str, ...]
    after: tuple[str, ...]
    own: tuple[str, ...]
    if_opener: str
    finish: Callable[[str], str]
    own_verb: Callable[[str], bool] = lambda text: False


_ENGLISH = _Grammar(
    frames={
        "feel_when_wish": "I feel {feel} when {when}, and I'd like {wish}.",
        "feel_when": "I feel {feel} when {when}.",
        "feel_wish": "I feel {feel}, and I'd like {wish}.",
        "when_wish": "When {when}, I'd like {wish}.",
        "feel": "I feel {feel}.",
        "when": "It's hard for me when {when}.",
        "wish": "I'd like {wish}.",
        "problem": "There's one thing I'd like us to work on: {problem}.",
        "goal": "What I'm hoping for is {goal}.",
        "timeframe": "I'm thinking of a set time: {timeframe}.",
        "pattern_impact": "When {pattern}, it leaves me {impact}.",
        "pattern": "When {pattern}, it's hard for me.",
        "impact": "It leaves me {impact}.",
        "need": "I need {need}.",
        "after": "Next time, I'll {after}.",
        "after_own": "Next time, {after}.",
        "again": "If it happens again, I'll {action}.",
        "again_own": "If it happens again, {action}.",
        "not_moment": "not {moment}",
        "make_easy": "Make it easy: {offers}",
    },
    feel=("i feel", "i'm feeling", "i am feeling", "i felt", "feeling"),
    when=("when", "whenever"),
    wish=("and i'd like", "and i would like", "i'd like", "i would like", "i'd love", "and"),
    goal=("my goal is", "the goal is", "i'm hoping for", "i hope for"),
    impact=("it leaves me", "leaves me"),
    need=("i need",),
    after=("next time,", "next time", "i'll", "i will"),
    own=("i'll", "i will"),
    if_opener="if ",
    finish=_finish_en,
)


def _says_own_future(text: str) -> bool:
    """Spanish: the part opens with its own "I will" ("propondré", "me iré", "le diré")."""
    words = text.lower().split()
    if words and words[0] in _ES_CLITICS and len(words) > 1:
        words = words[1:]
    return bool(words) and len(words[0]) > 2 and words[0].endswith("ré")


# Written to fit the Spanish step words (content/es/script.toml): "Me siento…", "cuando…",
# "y me gustaría…"; "Cuando…", "eso me deja…", "Necesito…", "La próxima vez, voy a…",
# "Si vuelve a pasar, voy a…".
_SPANISH = _Grammar(
    frames={
        "feel_when_wish": "Me siento {feel} cuando {when}, y me gustaría {wish}.",
        "feel_when": "Me siento {feel} cuando {when}.",
        "feel_wish": "Me siento {feel}, y me gustaría {wish}.",
        "when_wish": "Cuando {when}, me gustaría {wish}.",
        "feel": "Me siento {feel}.",
        "when": "Se me hace difícil cuando {when}.",
        "wish": "Me gustaría {wish}.",
        "problem": "Hay una cosa que me gustaría que trabajáramos: {problem}.",
        "goal": "Lo que busco es {goal}.",
        "timeframe": "Estoy pensando en un tiempo definido: {timeframe}.",
        "pattern_impact": "Cuando {pattern}, eso me deja {impact}.",
        "pattern": "Cuando {pattern}, se me hace difícil.",
        "impact": "Eso me deja {impact}.",
        "need": "Necesito {need}.",
        "after": "La próxima vez, voy a {after}.",
        "after_own": "La próxima vez, {after}.",
        "again": "Si vuelve a pasar, voy a {action}.",
        "again_own": "Si vuelve a pasar, {action}.",
        "not_moment": "no {moment}",
        "make_easy": "Hazlo fácil: {offers}",
    },
    feel=("yo me siento", "me siento", "me estoy sintiendo", "me sentí", "me he sentido"),
    when=("cuando", "siempre que"),
    wish=(
        "y me gustaría",
        "y quisiera",
        "y me encantaría",
        "me gustaría",
        "quisiera",
        "me encantaría",
        "y",
    ),
    goal=("mi meta es", "mi objetivo es", "la meta es", "el objetivo es", "lo que busco es"),
    impact=("y eso me deja", "eso me deja", "me deja"),
    need=("yo necesito", "necesito"),
    after=("la próxima vez,", "la próxima vez", "yo voy a", "voy a"),
    own=("yo voy a", "voy a"),
    if_opener="si ",
    finish=_finish_es,
    own_verb=_says_own_future,
)
_GRAMMARS = {"en": _ENGLISH, "es": _SPANISH}


def _grammar() -> _Grammar:
    """The joining words of this run's language (English's for a language with none)."""
    return _GRAMMARS.get(language.current(), _ENGLISH)


# ---- composing each step ----------------------------------------------------------------------


def _i_statement(draft: ScriptDraft) -> str:
    """'I feel X when Y, and I'd like Z', with any of the three parts missing."""
    words = _grammar()
    parts = {
        "feel": _clause(draft.feeling, words.feel),
        "when": _clause(draft.situation, words.when),
        "wish": _clause(draft.wish, words.wish),
    }
    present = "_".join(name for name, value in parts.items() if value)
    return words.frames[present].format(**parts) if present else ""


def _ask_parts(draft: ScriptDraft) -> tuple[str, str, str]:
    """The problem, goal and timeframe, each ready to sit inside a sentence."""
    return (
        _clause(draft.problem),
        _clause(draft.goal, _grammar().goal),
        _clause(draft.timeframe),
    )


def _ask(draft: ScriptDraft) -> str:
    """One problem, one goal, one timeframe, as spoken sentences."""
    frames = _grammar().frames
    parts = zip(("problem", "goal", "timeframe"), _ask_parts(draft), strict=True)
    return " ".join(frames[name].format(**{name: part}) for name, part in parts if part)


def _time(text: str) -> str:
    """One proposed time, keeping the dot of a clock abbreviation ("7 p. m.", "9 a.m.")."""
    time = _clause(text)
    if time and _CLOCK_END.search(_clean(text).rstrip(" ,;:!?…")):
        return time + "."
    return time


def _times(draft: ScriptDraft) -> list[str]:
    """The proposed times the user filled in."""
    return [time for time in (_time(t) for t in draft.times) if time]


def _friction(draft: ScriptDraft, content: ScriptContent) -> list[str]:
    """The lines that take the hassle out of the first step, in content order."""
    lines = []
    times = _times(draft)
    for remover in content.friction:
        if remover.id == "times":
            if times:
                line = remover.line.replace("{times}", join_or(times))
                lines.append(line[:-1] if line.endswith("..") else line)
        elif getattr(draft, remover.id):
            lines.append(remover.line)
    return lines


def _first_step(draft: ScriptDraft, content: ScriptContent) -> str:
    """The small first step and the friction removers, as one spoken paragraph."""
    parts = [_sentence(draft.first_step), *_friction(draft, content)]
    return " ".join(part for part in parts if part)


def _boundary(draft: ScriptDraft) -> str:
    """Pattern, impact, need, next step and consequence, as spoken sentences."""
    words = _grammar()
    frames = words.frames
    pattern = _clause(draft.boundary_pattern, words.when)
    impact = _clause(draft.boundary_impact, words.impact)
    need = _clause(draft.boundary_need, words.need)
    after = _clause(draft.boundary_next, words.after)
    consequence = _clean(draft.boundary_consequence)
    own_action = _clause(consequence, words.own)
    sentences = []
    if pattern and impact:
        sentences.append(frames["pattern_impact"].format(pattern=pattern, impact=impact))
    elif pattern:
        sentences.append(frames["pattern"].format(pattern=pattern))
    elif impact:
        sentences.append(frames["impact"].format(impact=impact))
    if need:
        sentences.append(frames["need"].format(need=need))
    if after:
        frame = "after_own" if words.own_verb(after) else "after"
        sentences.append(frames[frame].format(after=after))
    if consequence.lower().startswith(words.if_opener):
        sentences.append(_sentence(consequence))
    elif own_action:
        frame = "again_own" if words.own_verb(own_action) else "again"
        sentences.append(frames[frame].format(action=own_action))
    return " ".join(sentence for sentence in sentences if sentence)


def _timing(draft: ScriptDraft, content: ScriptContent) -> list[str]:
    """The moments to aim for and to steer clear of, from the ticked checklist."""
    checked = set(draft.timing_checked)
    good = [item.text for item in content.timing if item.good and item.id in checked]
    bad = [item.text for item in content.timing if not item.good and item.id in checked]
    lines = []
    if good:
        lines.append(f"{content.good_label}: {join_and(good)}.")
    if bad:
        lines.append(f"{content.bad_label}: {join_and(bad)}.")
    return lines


@dataclass(frozen=True)
class _Section:
    """One step's output: its blocks, and whether they read as a list."""

    step_id: str
    title: str
    cue: str
    blocks: tuple[str, ...]
    bullets: bool = False


def _section_blocks(step_id: str, draft: ScriptDraft, content: ScriptContent) -> list[str]:
    """The blocks of text one step contributes (empty when the user left it blank)."""
    composers: dict[str, Callable[[], list[str]]] = {
        "timing": lambda: _timing(draft, content),
        "opener": lambda: [_sentence(draft.opener)],
        "i_statement": lambda: [_i_statement(draft)],
        "worries": lambda: [_sentence(line) for _, line in draft.worries],
        "reframe": lambda: [_sentence(draft.reframe)],
        "ask": lambda: [_ask(draft)],
        "first_step": lambda: [_first_step(draft, content)],
        "shared": lambda: [_sentence(draft.shared)],
        "if_no": lambda: [_sentence(draft.if_no)],
        "boundary": lambda: [_boundary(draft)],
    }
    return [block for block in composers[step_id]() if block]


def _sections(draft: ScriptDraft, content: ScriptContent, hidden: Sequence[str]) -> list[_Section]:
    """The non-empty, non-hidden steps, in conversation order."""
    sections = []
    for step in content.steps:
        if step.id in hidden:
            continue
        blocks = _section_blocks(step.id, draft, content)
        if blocks:
            sections.append(
                _Section(step.id, step.title, step.cue, tuple(blocks), bullets=step.id == "worries")
            )
    return sections


# ---- the four outputs -------------------------------------------------------------------------


def _title(draft: ScriptDraft, content: ScriptContent) -> str:
    """The script's heading, with the version name when there is one."""
    # A trailing "#" would read as the close of the Markdown heading and vanish.
    name = _clean(draft.name).rstrip(" ,;:-–—#")
    return f"{content.title} — {name}" if name else content.title


def _markdown(title: str, sections: Sequence[_Section]) -> str:
    """The full script as Markdown, with every word of the user's made literal."""
    parts = [f"# {escape_markdown(title)}"]
    for section in sections:
        parts.append(f"## {escape_markdown(section.title)}")
        if section.bullets:
            parts.append("\n".join(f"- {escape_markdown(block)}" for block in section.blocks))
        else:
            parts.extend(escape_markdown(block) for block in section.blocks)
    return "\n\n".join(parts) + "\n"


def _plain_body(section: _Section) -> str:
    """One step's words as plain text lines."""
    prefix = "- " if section.bullets else ""
    return "\n".join(prefix + block for block in section.blocks)


def _text(title: str, sections: Sequence[_Section]) -> str:
    """The full script as plain text, for copying, printing or a .txt download."""
    parts = [title]
    parts.extend(f"{section.title}\n{_plain_body(section)}" for section in sections)
    return "\n\n".join(parts) + "\n"


def _talking_points(
    draft: ScriptDraft, content: ScriptContent, sections: Sequence[_Section]
) -> tuple[str, ...]:
    """One short line per step (one per worry), to glance at on a phone."""
    points: list[str] = []
    for section in sections:
        if section.step_id == "timing":
            checked = set(draft.timing_checked)
            moments = [i.text for i in content.timing if i.good and i.id in checked]
            not_moment = _grammar().frames["not_moment"]
            moments += [
                not_moment.format(moment=i.text)
                for i in content.timing
                if not i.good and i.id in checked
            ]
            points.append(_short(f"{section.cue}: {'; '.join(moments)}"))
        elif section.step_id == "first_step":
            step = _sentence(draft.first_step)
            if step:
                points.append(_short(f"{section.cue}: {step}"))
            times = _times(draft)
            easy = [join_or(times)] if times else []
            easy += [
                remover.label[:1].lower() + remover.label[1:]
                for remover in content.friction
                if remover.id != "times" and getattr(draft, remover.id)
            ]
            if easy:
                make_easy = _grammar().frames["make_easy"]
                points.append(_short(make_easy.format(offers="; ".join(easy))))
        elif section.step_id == "ask":
            clauses = "; ".join(part for part in _ask_parts(draft) if part)
            points.append(_short(f"{section.cue}: {clauses}"))
        else:
            points.extend(_short(f"{section.cue}: {block}") for block in section.blocks)
    return tuple(points)


def _invitation(draft: ScriptDraft, content: ScriptContent) -> str:
    """A short, warm written invitation built from the ask and the first step."""
    ask = _ask(draft)
    step = _first_step(draft, content) if _sentence(draft.first_step) else ""
    if not ask and not step:
        return ""
    middle = " ".join(part for part in (ask, step) if part)
    return f"{content.invitation_opening}\n\n{middle}\n\n{content.invitation_closing}"


def assemble(draft: ScriptDraft, safety_mode: bool) -> Script:
    """Turn a draft into talking points, a full script, an invitation and practice cards."""
    content = load_script_content()
    hidden = SAFETY_HIDDEN if safety_mode else ()
    sections = _sections(draft, content, hidden)
    title = _title(draft, content)
    return Script(
        title=title,
        talking_points=_talking_points(draft, content, sections),
        full_markdown=_markdown(title, sections),
        full_text=_text(title, sections),
        invitation="" if safety_mode else _invitation(draft, content),
        steps=tuple((section.title, _plain_body(section)) for section in sections),
        hidden=hidden,
        safety_note=content.safety_note if safety_mode else "",
    )


# ---- tone check over the whole draft ----------------------------------------------------------

_TEXT_FIELDS: tuple[str, ...] = tuple(
    name for name, default in _DEFAULTS.items() if isinstance(default, str) and name != "name"
)


def check_draft(draft: ScriptDraft) -> tuple[tuple[str, Flag], ...]:
    """Run the tone check on every free-text field; worry lines are keyed ``worries:<reason>``."""
    found: list[tuple[str, Flag]] = []
    for name in _TEXT_FIELDS:
        found.extend((name, flag) for flag in check(getattr(draft, name)))
    for reason, line in draft.worries:
        found.extend((f"worries:{reason}", flag) for flag in check(line))
    for index, time in enumerate(draft.times):
        found.extend((f"times:{index}", flag) for flag in check(time))
    return tuple(found)
