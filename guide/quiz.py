"""Quiz scoring: from the user's answers to a ranked, explained and honest set of likely reasons.

Pure and deterministic: the same answers always give an equal result, whatever order they arrive in.
A reason's score adds, for every answered item that weighs towards it, the weight times how far up
the scale the answer sits (0 for the first option, 1 for the last). Only answers in the upper half
of a scale are evidence ("because you said ..."), and a reason is named only with evidence behind
it, so quiet answers ("Rarely", "A little") never name a reason on their own. Safety items are never scored;
any answer other than the first ("No") flags safety, because "Not sure" deserves the same care.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from content import language
from content.messages import t
from content.quiz import QuizItem, load_quiz, load_result_words
from content.reasons import Reason

Confidence = Literal["clear", "some", "not_enough"]
CONFIDENCES: tuple[str, ...] = ("clear", "some", "not_enough")
RESULT_VERSION = 1

# Below half of the scored questions, the picture is too patchy to name a reason.
MIN_ANSWERED_SHARE = 0.5
# "Clear" needs most questions answered.
CLEAR_ANSWERED_SHARE = 0.8
# A main item answered "Sometimes" (2/3) is enough to name a reason; "Rarely" (1/3) alone is not.
MIN_SCORE = 0.5
# "Clear" needs the leading reason's main item at "Often", or the equivalent.
CLEAR_SCORE = 0.9
# A reason stands out when it reaches this share of the leading score.
STAND_OUT_RATIO = 0.7
# More reasons than this standing out together means the scores are flat: nothing stands out.
MAX_TOP = 3
# "Clear" also means at most this many reasons share the lead.
CLEAR_MAX_TOP = 2


@dataclass(frozen=True)
class Because:
    """One answer that raised a reason's score, so the page can say "because you said ..."."""

    item_id: str
    text: str
    answer: str
    contribution: float


@dataclass(frozen=True)
class ReasonScore:
    """How strongly the answers point at one reason, and which answers did it."""

    reason_id: str
    name: str
    score: float
    strength: float
    because: tuple[Because, ...]


@dataclass(frozen=True)
class QuizResult:
    """The outcome of one quiz: reasons ranked, the ones that stand out, and the safety screen."""

    ranked: tuple[ReasonScore, ...]
    top: tuple[str, ...]
    confidence: Confidence
    safety_flagged: bool
    safety_items: tuple[str, ...]
    safety_unanswered: tuple[str, ...]
    answered: int
    total: int


def answer_index(answers: Mapping[str, int], item: QuizItem) -> int | None:
    """Return the option index chosen for ``item``, or None if unanswered or not a valid option."""
    value = answers.get(item.id)
    # Stored answers may be stale or hand-edited; anything that is not a real option is unanswered.
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    if 0 <= value < len(item.scale.options):
        return value
    return None


def progress(answers: Mapping[str, int], items: Sequence[QuizItem]) -> tuple[int, int, int | None]:
    """Return (answered, total, index of the first unanswered item or None when all are done)."""
    answered = 0
    next_index: int | None = None
    for index, item in enumerate(items):
        if answer_index(answers, item) is None:
            if next_index is None:
                next_index = index
        else:
            answered += 1
    return answered, len(items), next_index


def score(
    answers: Mapping[str, int], items: Sequence[QuizItem], reasons: Mapping[str, Reason]
) -> QuizResult:
    """Score the answers against the items and return the ranked, explained result."""
    for item in items:
        unknown = [reason_id for reason_id in item.weights if reason_id not in reasons]
        if unknown:
            raise ValueError(f"item {item.id!r} weighs towards unknown reasons {unknown}")

    totals = dict.fromkeys(reasons, 0.0)
    possible = dict.fromkeys(reasons, 0.0)
    because: dict[str, list[Because]] = {reason_id: [] for reason_id in reasons}
    answered = scored_total = scored_answered = 0
    flagged: list[str] = []
    unanswered_safety: list[str] = []

    for item in items:
        index = answer_index(answers, item)
        if index is not None:
            answered += 1
        if item.kind == "safety":
            if index is None:
                unanswered_safety.append(item.id)
            elif index > 0:
                flagged.append(item.id)
            continue
        scored_total += 1
        if index is None:
            continue
        scored_answered += 1
        fraction = item.scale.values[index] / item.scale.top_value
        for reason_id, weight in item.weights.items():
            possible[reason_id] += weight
            contribution = weight * fraction
            totals[reason_id] += contribution
            # A quiet answer ("Rarely") still counts towards the score, but it points away
            # rather than towards: only the upper half of the scale is shown as evidence.
            if raises(item, index):
                because[reason_id].append(
                    Because(item.id, item.text, item.scale.options[index], contribution)
                )

    order = {reason_id: position for position, reason_id in enumerate(reasons)}
    scores = [
        ReasonScore(
            reason_id=reason_id,
            name=reason.name,
            score=totals[reason_id],
            strength=totals[reason_id] / possible[reason_id] if possible[reason_id] else 0.0,
            # sorted() is stable, so equal contributions keep the quiz's question order.
            because=tuple(sorted(because[reason_id], key=lambda b: -b.contribution)),
        )
        for reason_id, reason in reasons.items()
    ]
    # Reasons with evidence rank first: a quiet reason may add up to more, yet nothing was said
    # for it, so it never ranks above one that something was said for.
    ranked = tuple(
        sorted(scores, key=lambda s: (not s.because, -s.score, -s.strength, order[s.reason_id]))
    )
    share = scored_answered / scored_total if scored_total else 0.0
    top, confidence = _standing_out(ranked, share)
    return QuizResult(
        ranked=ranked,
        top=top,
        confidence=confidence,
        safety_flagged=bool(flagged),
        safety_items=tuple(flagged),
        safety_unanswered=tuple(unanswered_safety),
        answered=answered,
        total=len(items),
    )


def raises(item: QuizItem, index: int) -> bool:
    """Whether answer ``index`` points towards the item's reasons: the upper half of its scale.

    On a four-option scale that is the third and fourth ("Sometimes", "Often"); an option that
    scores nothing (a therapy that "went well") never does, wherever it sits.
    """
    return 2 * index >= len(item.scale.options) and item.scale.values[index] > 0


def _standing_out(
    ranked: Sequence[ReasonScore], share: float
) -> tuple[tuple[str, ...], Confidence]:
    """Pick the reasons that clearly stand out, or none when the answers cannot tell."""
    # Only a reason with at least one raising answer behind it can be named: many quiet
    # answers add up to a score, but not to a reason anyone said anything for.
    supported = [s for s in ranked if s.because]
    best = supported[0].score if supported else 0.0
    if share < MIN_ANSWERED_SHARE or best < MIN_SCORE:
        return (), "not_enough"
    threshold = max(MIN_SCORE, STAND_OUT_RATIO * best)
    group = tuple(s.reason_id for s in supported if s.score >= threshold)
    if len(group) > MAX_TOP:
        return (), "not_enough"
    clear = share >= CLEAR_ANSWERED_SHARE and best >= CLEAR_SCORE and len(group) <= CLEAR_MAX_TOP
    return group, "clear" if clear else "some"


def result_to_dict(result: QuizResult) -> dict[str, Any]:
    """Return a JSON-safe dict of the result, for storage."""
    return {
        "version": RESULT_VERSION,
        "ranked": [
            {
                "reason_id": s.reason_id,
                "name": s.name,
                "score": s.score,
                "strength": s.strength,
                "because": [
                    {
                        "item_id": b.item_id,
                        "text": b.text,
                        "answer": b.answer,
                        "contribution": b.contribution,
                    }
                    for b in s.because
                ],
            }
            for s in result.ranked
        ],
        "top": list(result.top),
        "confidence": result.confidence,
        "safety_flagged": result.safety_flagged,
        "safety_items": list(result.safety_items),
        "safety_unanswered": list(result.safety_unanswered),
        "answered": result.answered,
        "total": result.total,
    }


def _field(data: Any, key: str, kind: type | tuple[type, ...], where: str) -> Any:
    """Return ``data[key]`` if it is of ``kind``, else raise a ValueError naming it."""
    if not isinstance(data, dict):
        raise ValueError(f"{where}: not a table (looking for {key!r})")
    if key not in data:
        raise ValueError(f"{where}: missing {key!r}")
    value = data[key]
    # bool is an int in Python; a stored true where a number belongs is damage, not a number.
    if isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
        raise ValueError(f"{where}: {key!r} has the wrong type")
    if not isinstance(value, kind):
        raise ValueError(f"{where}: {key!r} has the wrong type")
    return value


def _number(data: Any, key: str, where: str) -> float:
    """Return a stored number as a float."""
    return float(_field(data, key, (int, float), where))


def _strings(data: Any, key: str, where: str) -> tuple[str, ...]:
    """Return a stored list of strings as a tuple."""
    values = _field(data, key, list, where)
    if not all(isinstance(v, str) for v in values):
        raise ValueError(f"{where}: {key!r} should be a list of text")
    return tuple(values)


def result_from_dict(data: Mapping[str, Any]) -> QuizResult:
    """Rebuild a result stored by result_to_dict; raise ValueError if it is damaged."""
    if not isinstance(data, Mapping):
        raise ValueError("result: not a table")
    data = dict(data)
    if _field(data, "version", int, "result") != RESULT_VERSION:
        raise ValueError(f"result: unknown version {data['version']!r}")
    ranked = []
    for i, raw in enumerate(_field(data, "ranked", list, "result")):
        where = f"result ranked #{i + 1}"
        because = tuple(
            Because(
                item_id=_field(b, "item_id", str, where),
                text=_field(b, "text", str, where),
                answer=_field(b, "answer", str, where),
                contribution=_number(b, "contribution", where),
            )
            for b in _field(raw, "because", list, where)
        )
        ranked.append(
            ReasonScore(
                reason_id=_field(raw, "reason_id", str, where),
                name=_field(raw, "name", str, where),
                score=_number(raw, "score", where),
                strength=_number(raw, "strength", where),
                because=because,
            )
        )
    confidence = _field(data, "confidence", str, "result")
    if confidence not in CONFIDENCES:
        raise ValueError(f"result: unknown confidence {confidence!r}")
    return QuizResult(
        ranked=tuple(ranked),
        top=_strings(data, "top", "result"),
        confidence=confidence,
        safety_flagged=_field(data, "safety_flagged", bool, "result"),
        safety_items=_strings(data, "safety_items", "result"),
        # Absent in nothing we have written, but tolerated so an older store still opens.
        safety_unanswered=_strings(data, "safety_unanswered", "result")
        if "safety_unanswered" in data
        else (),
        answered=_field(data, "answered", int, "result"),
        total=_field(data, "total", int, "result"),
    )


def compare(
    previous: QuizResult | None,
    current: QuizResult,
    reasons: Mapping[str, Reason] | None = None,
) -> list[str]:
    """Describe in plain sentences what changed since the previous result; empty if nothing did.

    A reason is named as ``reasons`` name it today (in the run's language), else as the result
    stored it (in the language it was taken in)."""
    if previous is None:
        return []
    names = {s.reason_id: s.name for s in previous.ranked}
    names.update({s.reason_id: s.name for s in current.ranked})
    names.update({reason_id: reason.name for reason_id, reason in (reasons or {}).items()})
    sentences: list[str] = []

    if current.safety_flagged and not previous.safety_flagged:
        sentences.append(
            t(
                "This time your answers to the safety questions raised a concern. "
                "Please look at the safety help first."
            )
        )
    elif previous.safety_flagged and not current.safety_flagged:
        sentences.append(
            t(
                "Last time your answers to the safety questions raised a concern; "
                "this time they did not."
            )
        )
    elif current.safety_flagged and set(current.safety_items) != set(previous.safety_items):
        sentences.append(
            t("Some of your answers to the safety questions are different from last time.")
        )

    mentioned: set[str] = set()
    if current.top and previous.top and current.top[0] != previous.top[0]:
        new, old = current.top[0], previous.top[0]
        sentences.append(
            t(
                "“{new}” now stands out most. Last time it was “{old}”.",
                new=names[new],
                old=names[old],
            )
        )
        mentioned.add(new)
    for reason_id in current.top:
        if reason_id not in previous.top and reason_id not in mentioned:
            sentences.append(
                t("“{name}” now stands out, which it did not last time.", name=names[reason_id])
            )
    for reason_id in previous.top:
        if reason_id not in current.top:
            sentences.append(t("“{name}” no longer stands out.", name=names[reason_id]))

    if current.confidence != previous.confidence:
        rank = {"not_enough": 0, "some": 1, "clear": 2}
        if current.confidence == "not_enough":
            sentences.append(t("This time your answers did not point clearly to any reason."))
        elif rank[current.confidence] > rank[previous.confidence]:
            sentences.append(t("Your answers give a clearer picture than last time."))
        else:
            sentences.append(t("Your answers give a less clear picture than last time."))
    return sentences


def answer_position(item: QuizItem, answer: str) -> int | None:
    """Which option of ``item`` a stored answer label is, whatever language it was stored in.

    A result keeps the labels it was taken in ("Often", "A menudo"); the option is found among the
    item's options in the run's language first, then in every other language. None when no
    language has that label for this item (an option since removed or renamed)."""
    if answer in item.scale.options:
        return item.scale.options.index(answer)
    for code in language.available():
        if code == language.current():
            continue
        with language.speaking(code):
            other = next((i for i in load_quiz() if i.id == item.id), None)
        if other is not None and answer in other.scale.options:
            index = other.scale.options.index(answer)
            return index if index < len(item.scale.options) else None
    return None


def because_words(because: Because, items: Sequence[QuizItem]) -> tuple[str, str]:
    """The question and the answer behind ``because``, in the run's language: found by the item's
    id and the answer's option, so a result taken in another language reads in this one. Words
    that can't be found (a question since removed) are shown as the result stored them."""
    item = next((i for i in items if i.id == because.item_id), None)
    if item is None:
        return because.text, because.answer
    index = answer_position(item, because.answer)
    answer = item.scale.options[index] if index is not None else because.answer
    return item.text, answer


def reread(result: QuizResult, items: Sequence[QuizItem]) -> QuizResult:
    """A stored result read by today's rules: only raising answers as evidence, and only reasons
    with evidence among those that stand out ("not enough to tell" when none are left).

    Results stored before quiet answers stopped counting as evidence may list a "Rarely", or name
    a reason nothing was said for. An answer whose question or option is no longer known is
    kept, since it can't be checked. A result scored today comes back equal.
    """
    by_id = {item.id: item for item in items}

    def raising(because: Because) -> bool:
        item = by_id.get(because.item_id)
        index = None if item is None else answer_position(item, because.answer)
        if item is None or index is None:
            return True
        return raises(item, index)

    ranked = tuple(
        replace(s, because=tuple(b for b in s.because if raising(b))) for s in result.ranked
    )
    supported = {s.reason_id for s in ranked if s.because}
    top = tuple(r for r in result.top if r in supported)
    if ranked == result.ranked and top == result.top:
        return result
    return replace(
        result, ranked=ranked, top=top, confidence=result.confidence if top else "not_enough"
    )


NotEnoughWhy = Literal["few", "quiet", "flat", "weak"]


def headline(result: QuizResult) -> str:
    """The sentence that leads a result: it follows how many reasons stand out, and how clearly."""
    words = load_result_words()
    if not result.top:
        return words.not_enough_intro
    count = "one" if len(result.top) == 1 else "many"
    clarity = "clear" if result.confidence == "clear" else "some"
    return getattr(words, f"lead_{clarity}_{count}")


def not_enough_why(result: QuizResult) -> NotEnoughWhy:
    """Why a result names no reason: too few answers, only quiet ones, too flat, or too weak."""
    if result.answered < result.total / 2:
        return "few"
    with_evidence = [s for s in result.ranked if s.because]
    if not with_evidence:
        return "quiet"
    if sum(s.score >= MIN_SCORE for s in with_evidence) > MAX_TOP:
        return "flat"
    return "weak"
