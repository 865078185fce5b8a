"""Tests for guide.tone: what the tone check flags, what it leaves alone, and how fast it is."""

from __future__ import annotations

import re
import time
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from content._loader import CONTENT_DIR, read_toml
from content.safety import load as load_safety
from content.script import TONE_KINDS, load_script_content
from guide.tone import RULE_IDS, Flag, advice, check

FLAGGED = [
    # blaming absolutes
    ("You always interrupt me.", "absolute", "You always"),
    ("You never listen to me.", "absolute", "You never"),
    ("You’re always on your phone.", "absolute", "You’re always"),
    ("Every time you get home you go straight to the TV.", "absolute", "Every time you"),
    ("You'll never change.", "absolute", "You'll never change"),
    ("You constantly criticise me.", "absolute", "You constantly"),
    ("You keep ignoring me.", "absolute", "You keep ignoring"),
    # diagnosing
    ("You need therapy, not me.", "diagnosis", "You need therapy"),
    ("Honestly, you need help.", "diagnosis", "you need help"),
    ("What's wrong with you?", "diagnosis", "What's wrong with you"),
    ("What’s wrong with you?", "diagnosis", "What’s wrong with you"),
    ("whats wrong with you", "diagnosis", "whats wrong with you"),
    ("You're the problem here.", "diagnosis", "You're the problem"),
    ("The problem is you.", "diagnosis", "The problem is you"),
    ("You have issues.", "diagnosis", "You have issues"),
    ("You've got serious anger issues.", "diagnosis", "You've got serious anger issues"),
    ("You're so insecure.", "diagnosis", "You're so insecure"),
    ("youre so controlling", "diagnosis", "youre so controlling"),
    ("You're the one who needs help.", "diagnosis", "You're the one who needs help"),
    ("You should get help.", "diagnosis", "You should get help"),
    ("It's all your fault.", "diagnosis", "It's all your fault"),
    ("You need to see a therapist.", "diagnosis", "You need to see a therapist"),
    # ultimatums
    ("Come to therapy or I'm leaving.", "ultimatum", "or I'm leaving"),
    ("Do it, or else.", "ultimatum", "or else"),
    ("Go with me or else I'll move out.", "ultimatum", "or else"),
    (
        "If you don't come with me, I'll leave.",
        "ultimatum",
        "If you don't come with me, I'll leave",
    ),
    ("If you won't go, we're done.", "ultimatum", "If you won't go, we're done"),
    ("This is your last chance.", "ultimatum", "This is your last chance"),
    ("Therapy or we're done.", "ultimatum", "or we're done"),
    ("Counselling or divorce.", "ultimatum", "or divorce"),
    ("Final warning!", "ultimatum", "Final warning"),
    # contempt and sarcasm
    ("Whatever.", "contempt", "Whatever"),
    ("Fine, whatever.", "contempt", "whatever"),
    ("Yeah right.", "contempt", "Yeah right"),
    ("Yeah, right, like that'll happen.", "contempt", "Yeah, right"),
    ("Obviously you don't care.", "contempt", "Obviously you"),
    ("You're obviously not listening.", "contempt", "You're obviously"),
    ("Grow up.", "contempt", "Grow up"),
    ("Just grow up and deal with it.", "contempt", "grow up"),
    ("That's pathetic.", "contempt", "pathetic"),
    ("*rolls eyes* sure.", "contempt", "rolls eyes"),
    ("Great plan 🙄", "contempt", "🙄"),
    ("You're so stupid.", "contempt", "You're so stupid"),
    ("You're just like your mother.", "contempt", "You're just like your mother"),
    ("Thanks for nothing.", "contempt", "Thanks for nothing"),
    ("Sure you did.", "contempt", "Sure you did"),
    ("Duh.", "contempt", "Duh"),
    # demands
    ("You have to come with me.", "demand", "You have to"),
    ("You must go to therapy.", "demand", "You must"),
    ("You'd better be there.", "demand", "You'd better"),
    ("You better show up.", "demand", "You better"),
    ("You need to change.", "demand", "You need to change"),
    ("You’ve got to listen.", "demand", "You’ve got to"),
    ("You gotta stop this.", "demand", "You gotta"),
    # the love test: a yes made into proof of love
    ("If you cared about us you would come.", "guilt", "If you cared about us"),
    ("If you really loved me, you'd go.", "guilt", "If you really loved me"),
    ("Prove you love me and come with me.", "guilt", "Prove you love me"),
    ("Prove to me that you care.", "guilt", "Prove to me that you care"),
    ("You'd come if you loved me.", "guilt", "You'd come if you loved me"),
    ("Don't you care about us at all?", "guilt", "Don't you care about us"),
    # blame for the state of the relationship
    ("We're like this because of you.", "blame", "We're like this because of you"),
    ("You're ruining us.", "blame", "You're ruining us"),
    ("You've ruined our marriage.", "blame", "You've ruined our marriage"),
    (
        "Our marriage is falling apart because of you.",
        "blame",
        "Our marriage is falling apart because of you",
    ),
    ("Because of you, we're miserable.", "blame", "Because of you, we're miserable"),
    ("You're destroying this family.", "blame", "You're destroying this family"),
]

CLEAN = [
    "I never want us to stop talking.",
    "I always feel better after we talk.",
    # "whatever" opening a clause is kind, not dismissive; only a bare "whatever" is flagged.
    "Whatever you decide, I'm with you.",
    "I'll have whatever you're having.",
    "I feel lonely when we don't talk, and I'd like us to feel close again.",
    "Could we try one session together?",
    "You don't have to decide tonight.",
    "You must be exhausted after this week.",
    "I want to hear what you have to say.",
    "I feel sympathetic to how hard this is.",
    "We could talk tonight, or else tomorrow morning.",
    "I want our kids to grow up in a calm home.",
    "You never know, it might help.",
    "Yeah, right now works for me.",
    "What's wrong with your phone?",
    "Do you need help with the dishes?",
    "You always make me laugh.",
    "You never give up on us.",
    "If you have to work late, that's okay.",
    "I know you have to work on Saturday.",
    "It feels as if we're strangers lately.",
    "Obviously I love you.",
    "You're not crazy for feeling this way.",
    "The issue is your schedule, not you.",
    "Thank you for always listening.",
    "Do you have issues with the plan?",
    "Every day I think about how to make this better.",
    "I'd like us to be a team again.",
    # neighbours of the love test and of blame that must stay clean
    "I love you and I'd like us to try.",
    "I love you, and I care about us.",
    "If you'd love to come, that would make me happy.",
    "If you care to join me, I've booked Tuesday.",
    "If you loved the film, we could watch the sequel.",
    "I know you love me.",
    "Because of you I laughed today.",
    "Because of you, we have a lovely home.",
    "We're like this because of work, not because of you.",
    "You're ruining the surprise!",
    "You ruined the soup, and I still love you.",
    "Prove me wrong: let's try one session.",
    "",
]


@pytest.mark.parametrize(("text", "kind", "phrase"), FLAGGED)
def test_flags_phrase_with_kind(text: str, kind: str, phrase: str) -> None:
    flags = check(text)
    assert [(f.kind, f.phrase) for f in flags] == [(kind, phrase)]


@pytest.mark.parametrize("text", CLEAN)
def test_leaves_innocent_sentences_alone(text: str) -> None:
    assert check(text) == ()


def test_tables_are_big_enough_and_cover_every_kind() -> None:
    assert len(FLAGGED) >= 25
    assert len(CLEAN) >= 15
    assert {kind for _, kind, _ in FLAGGED} == set(TONE_KINDS)


@pytest.mark.parametrize(("text", "kind", "phrase"), FLAGGED)
def test_every_flag_explains_and_offers_a_rewrite(text: str, kind: str, phrase: str) -> None:
    (flag,) = check(text)
    assert flag.why.strip() and flag.why.endswith(".")
    assert flag.rewrite.strip()
    # The rewrite is an alternative the user could say, and must not itself be flagged.
    assert check(flag.rewrite) == ()


def test_span_points_at_the_phrase_in_the_original_text() -> None:
    text = "We talked. Then: You’re always late, and every  time you\nsigh I give up."
    flags = check(text)
    assert [text[f.start : f.end] for f in flags] == [f.phrase for f in flags]
    assert [f.phrase for f in flags] == ["You’re always", "every  time you"]
    assert flags[0].start < flags[1].start


def test_is_case_insensitive() -> None:
    assert [f.kind for f in check("YOU ALWAYS DO THIS")] == ["absolute"]
    assert [f.kind for f in check("oR eLsE!")] == ["ultimatum"]


@pytest.mark.parametrize(
    "text",
    [
        "bayou always",
        "youalways",
        "unpathetic",
        "sympathetically",
        "whatevers",
        "smhx",
        "ordinance",
    ],
)
def test_does_not_match_inside_words(text: str) -> None:
    assert check(text) == ()


def test_overlapping_rules_give_one_flag() -> None:
    flags = check("You're always so selfish.")
    assert len(flags) == 1
    assert flags[0].phrase == "You're always so selfish"


def test_several_flags_in_one_text_in_reading_order() -> None:
    text = "You never listen. You need help. Do it or else. Whatever."
    assert [f.kind for f in check(text)] == ["absolute", "diagnosis", "ultimatum", "contempt"]


def test_every_rule_has_words_in_content() -> None:
    words = {rule.id for rule in load_script_content().tone}
    assert words == set(RULE_IDS)


def test_app_suggestions_pass_the_tone_check() -> None:
    # What the app itself suggests must never be flagged when the user keeps it.
    content = load_script_content()
    texts = [
        *content.openers,
        *content.reframes,
        *content.shared,
        *content.if_no,
        *(option.line for option in content.first_steps),
        *(remover.line for remover in content.friction),
        *(worry.line for worry in content.worries),
        *(step.example for step in content.steps),
        *(field.example for step in content.steps for field in step.fields),
    ]
    flagged = {text: check(text) for text in texts if check(text)}
    assert flagged == {}


@pytest.mark.parametrize(
    "text",
    [
        "if you don't " * 1000,
        "you " * 3000,
        "you're so " * 1500,
        "or " * 4000,
        ". " * 5000,
        "whatever " * 1200,
        "a" * 10_000,
        "every time " * 1000,
        "you keep " + "a" * 10_000,
        "if you really " * 800,
        "prove to me that you " * 500,
        "because of you, we're " * 500,
        "we're like this " * 700,
        "you'd come if you " * 600,
    ],
)
def test_adversarial_text_is_fast(text: str) -> None:
    started = time.perf_counter()
    check(text)
    assert time.perf_counter() - started < 1.0


def test_ten_kilobytes_of_mixed_text_is_fast() -> None:
    sample = " ".join(text for text, _, _ in FLAGGED) + " " + " ".join(CLEAN)
    text = (sample * (10_000 // len(sample) + 1))[:10_000]
    started = time.perf_counter()
    flags = check(text)
    assert time.perf_counter() - started < 0.5
    assert len(flags) > 25


@given(st.text(max_size=300))
def test_flags_are_well_formed_for_any_text(text: str) -> None:
    flags = check(text)
    for flag in flags:
        assert isinstance(flag, Flag)
        assert flag.kind in TONE_KINDS
        assert 0 <= flag.start < flag.end <= len(text)
        assert text[flag.start : flag.end] == flag.phrase
    assert all(a.end <= b.start for a, b in pairwise(flags))


# --- no example or rewrite presents a sign of control as an everyday complaint -------------------


def _strings(value: object, path: str) -> list[tuple[str, str]]:
    """Every string in a parsed TOML value, with where it sits."""
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, dict):
        return [pair for key, v in value.items() for pair in _strings(v, f"{path}.{key}")]
    if isinstance(value, list):
        return [pair for i, v in enumerate(value) for pair in _strings(v, f"{path}[{i}]")]
    return []


def _everyday_texts() -> list[tuple[str, str]]:
    """Every sentence content/ offers as words to say, an example, a suggestion or a rewrite.

    Left out: the places that name the signs on purpose (the Safety page's words and the quiz's
    safety questions), and the crisis resources.
    """
    texts: list[tuple[str, str]] = []
    for path in sorted(CONTENT_DIR.glob("*.toml")):
        if path.name in ("safety.toml", "resources.toml"):
            continue
        raw = read_toml(path.name)
        if path.name == "quiz.toml":
            raw = {**raw, "item": [i for i in raw["item"] if i.get("kind") != "safety"]}
        texts += _strings(raw, path.stem)
    return texts


def test_the_safety_signs_carry_markers_to_check_against() -> None:
    signs = load_safety().not_appropriate.signs
    assert all(sign.markers for sign in signs)
    control = next(sign for sign in signs if sign.id == "control")
    assert any(
        re.search(m, "When you checked my phone, I felt mistrusted.")
        for m in control.marker_patterns
    )


def test_no_example_or_rewrite_presents_a_sign_of_control_as_everyday() -> None:
    signs = load_safety().not_appropriate.signs
    texts = _everyday_texts()
    assert len(texts) > 300  # the walk really reads the content
    found = [
        (where, sign.id, text)
        for where, text in texts
        for sign in signs
        if any(pattern.search(text) for pattern in sign.marker_patterns)
    ]
    assert found == []


def test_every_tone_rewrite_is_clear_of_the_safety_signs() -> None:
    signs = load_safety().not_appropriate.signs
    for rule in load_script_content().tone:
        for sign in signs:
            assert not any(p.search(rule.rewrite) for p in sign.marker_patterns), (rule.id, sign.id)


# ---- one tip per piece of advice (issue 15, point 14) -------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "You always ignore me and you never listen.",
        "You need to grow up. You need to listen.",
        "You always interrupt. You always, always do.",
    ],
)
def test_the_same_advice_is_given_once_per_box_naming_every_phrase(text):
    tips = advice(check(text))
    words = [(tip.why, tip.rewrite) for tip in tips]
    assert len(words) == len(set(words)), "two tips give word-for-word the same advice"
    flagged = {flag.phrase for flag in check(text)}
    assert {phrase for tip in tips for phrase in tip.phrases} == flagged, "no phrase is lost"


def test_no_two_rules_share_their_advice_word_for_word():
    rules = load_script_content().tone
    for field in ("why", "rewrite"):
        texts = [getattr(rule, field) for rule in rules]
        assert len(texts) == len(set(texts)), field
