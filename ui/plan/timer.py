"""The nightly check-in's timer: the countdown card and its buttons.

The timer keeps its start moment in ``st.session_state`` (a refresh ends it, which is fine for a
15-minute timer) and works out the phase from the clock on every run, so it never drifts. Only
while it runs does a fragment rerun itself every second; an idle page stays still. It reads and
writes nothing stored: its buttons only change this session's memory.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import streamlit as st

from content import plan as words
from content.messages import t
from guide import routines as rt

TIMER = "plan_routines_timer"


def now() -> float:
    """The timer's clock: monotonic, so a change of the computer's time never moves it."""
    return time.monotonic()


def _durations() -> tuple[int, ...]:
    return tuple(p.seconds for p in words.nightly_checkin().phases)


def _start() -> None:
    st.session_state[TIMER] = rt.start_timer(now())


def _pause() -> None:
    st.session_state[TIMER] = rt.pause(st.session_state[TIMER], now())


def _resume() -> None:
    st.session_state[TIMER] = rt.resume(st.session_state[TIMER], now())


def _skip() -> None:
    st.session_state[TIMER] = rt.skip(st.session_state[TIMER], _durations(), now())


def _stop() -> None:
    st.session_state.pop(TIMER, None)


def _minutes(seconds: int) -> str:
    if seconds % 60 == 0:
        return t("{minutes} min", minutes=seconds // 60)
    return t("{seconds} s", seconds=seconds)


def countdown() -> None:
    """The countdown card, then Start / Pause / Carry on / Next step / Stop."""
    timer = st.session_state.get(TIMER)
    current = rt.status(timer, _durations(), now()) if timer else None
    running = timer is not None and current is not None and not (timer.paused or current.finished)
    _timer_face(running)
    _timer_buttons(timer, current)


def _timer_face(running: bool) -> None:
    """The countdown card; a fragment that reruns itself every second only while it runs."""

    @st.fragment(run_every=1 if running else None)
    def face() -> None:
        checkin = words.nightly_checkin()
        timer = st.session_state.get(TIMER)
        current = rt.status(timer, _durations(), now()) if timer else None
        if running and (timer is None or timer.paused or current.finished):
            st.rerun()  # a full run redraws the buttons and stops the ticking
        with st.container(border=True, key="plan_routines_timer_card"):
            _phase_badges(checkin.phases, current)
            if timer is None or current is None:
                st.write(
                    t(
                        "Press **Start** when you are both ready. The timer moves through the "
                        "three steps by itself; you can pause or move on at any time."
                    )
                )
            elif current.finished:
                st.success(checkin.done, icon=":material/favorite:")
            else:
                phase = checkin.phases[current.index]
                st.metric(
                    t(
                        "Step {number} of {steps}: {name}",
                        number=current.index + 1,
                        steps=len(checkin.phases),
                        name=phase.name,
                    ),
                    rt.clock(current.remaining),
                )
                st.progress(current.fraction)
                st.markdown(phase.words)
                st.caption(t("Ways to begin: {starters}", starters=" · ".join(phase.starters)))
                if timer.paused:
                    st.caption(":material/pause: " + t("Paused. Carry on whenever you're ready."))

    face()


def _phase_badges(phases: Sequence[words.CheckinPhase], current: rt.PhaseStatus | None) -> None:
    """The three steps with their lengths: done ones ticked, the current one highlighted."""
    with st.container(horizontal=True, key="plan_routines_phases"):
        for i, phase in enumerate(phases):
            label = f"{i + 1}. {phase.name} · {_minutes(phase.seconds)}"
            if current is not None and i < current.index:
                st.badge(label, icon=":material/check:", color="green")
            elif current is not None and i == current.index:
                st.badge(label, icon=":material/timer:", color="blue")
            else:
                st.badge(label, color="gray")


def _timer_buttons(timer: rt.Timer | None, current: rt.PhaseStatus | None) -> None:
    with st.container(horizontal=True, key="plan_routines_timer_buttons"):
        if timer is None or current is None or current.finished:
            st.button(
                t("Start again") if timer else t("Start"),
                icon=":material/play_arrow:",
                type="primary",
                on_click=_start,
                key="plan_routines_start",
            )
            return
        if timer.paused:
            st.button(
                t("Carry on"),
                icon=":material/play_arrow:",
                type="primary",
                on_click=_resume,
                key="plan_routines_resume",
            )
        else:
            st.button(
                t("Pause"), icon=":material/pause:", on_click=_pause, key="plan_routines_pause"
            )
        st.button(
            t("Next step"), icon=":material/skip_next:", on_click=_skip, key="plan_routines_skip"
        )
        st.button(t("Stop"), icon=":material/stop:", on_click=_stop, key="plan_routines_stop")
