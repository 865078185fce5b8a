"""What safety mode must never offer, as data: phrases that coach toward joint therapy or sharing.

Used by the safety-mode walks (``tests/app/test_safety_walk.py`` over every page and view in
AppTest, ``tests/browser/test_safety_walk_browser.py`` over the script builder and the plan in
Chromium). Each row is a name (said in a failure) and a case-insensitive pattern. The patterns
aim at coaching, not at the subject: the Safety page may say that couples therapy is not the
right step; no page may hand the person words, ideas, practice or files for asking their partner
into it, pre-fill anything "from your quiz", or offer a way to share with the partner.
"""

from __future__ import annotations

import re

COACHING: tuple[tuple[str, str], ...] = (
    # The script builder's own lines (openers, reframes, first steps, "if no", the invitation).
    ("asks the partner to come or try", r"\bwould you (?:be open to|come|try|read|be willing)\b"),
    ("asks to try sessions", r"\bcould we (?:try|set aside)\b"),
    (
        "the counselling opener",
        r"\bwhen you picture couples counsel|\bimagine happens in the room\b",
    ),
    ("a first session to offer", r"\b30-minute (?:call|intake)|\bintake call\b"),
    ("a consultation to offer", r"\bfree (?:consultation|first conversation)\b"),
    ("a trial of sessions", r"\bthree or four sessions\b|\bfour sessions, then\b"),
    ("a couples workshop", r"\bworkshop for couples\b"),
    ("a reframe of therapy", r"\bcoaching for how we talk\b|\bgym for couples\b|\btune-up\b"),
    ("a reframe of therapy", r"\bcommunication class\b|\bcoach for both of us\b"),
    ("what to say if no", r"\bif (?:the answer is|it's) still no\b"),
    ("the invitation", r"\bthere's something I'd like to ask you\b"),
    ("making it easy to say yes", r"\bmake it easy to say yes\b|\boffer to (?:book|pay)\b"),
    ("speaking to their worry", r"\bspeak to their worry\b|\bwhat I could say about this worry\b"),
    ("a clear ask", r"\bmake one clear ask\b"),
    ("a pre-fill from the quiz", r"\bpre-?filled from your quiz\b"),
    ("practice toward the talk", r"\bread each step out loud\b"),
    ("downloads of the plan", r"\bconversation-plan-\d"),
    # The six-week plan and the review.
    (
        "a joint target",
        r"\bdate night\b|\bno phones at dinner\b|\bten minutes of talk after work\b",
    ),
    ("a joint target", r"\bplan the week together\b|\bgreet each other\b"),
    ("asking again for therapy", r"\bask(?:ing)? again for couples therapy\b"),
    ("face-to-face boundaries", r"\bset a boundary, not an ultimatum\b|\bset boundaries\b"),
    ("a target that needs the partner", r"\byou would both notice\b"),
    # Couples framing that, where there is harm, leaves the person feeling partly to blame.
    ("a share of the blame", r"\byour part in (?:the|this) pattern\b"),
    # Choosing a therapist together, telling the partner, and sharing.
    ("choosing together", r"\bchoos(?:e|ing) (?:a therapist |someone )?together\b"),
    ("telling the partner", r"\btell(?:ing)? your partner (?:about|that)\b"),
    ("a link to make", r"\bmake (?:a|another) (?:partner )?link\b"),
    ("something to share", r"\bshare (?:it|this|them|your \w+) with your partner\b"),
    ("a link to send", r"\bsend (?:it|this|the link) to your partner\b"),
)

PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE)) for name, pattern in COACHING
)


def coaching_in(text: str) -> list[tuple[str, str]]:
    """Every (rule name, matched words) that ``text`` contains; empty when it coaches nothing."""
    found = []
    for name, pattern in PATTERNS:
        for match in pattern.finditer(text.replace("\u2019", "'")):
            start, end = max(0, match.start() - 40), match.end() + 40
            found.append((name, text[start:end].replace("\n", " ")))
    return found
