"""Minimal quiz question: a title and the same radio (four options, collapsed label)."""

import streamlit as st

st.title("Quiz")
st.markdown("#### Your partner says a therapist would take your side.")
st.radio(
    "Your partner says a therapist would take your side.",
    options=range(4),
    index=None,
    format_func=("Never", "Rarely", "Sometimes", "Often").__getitem__,
    key="quiz_answer_takes_sides",
    label_visibility="collapsed",
)
