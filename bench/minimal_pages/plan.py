"""Minimal plan: the section control, a week's rating form, and four charts with their tables."""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

SECTIONS = ["week", "charts", "routines", "review", "setup"]
VALUES = ["kept", "partly", "not"]

st.title("Six-week plan")
section = st.segmented_control(
    "Part of the plan",
    SECTIONS,
    default="week",
    required=True,
    key="plan_section",
    label_visibility="collapsed",
    width="stretch",
)
if section == "charts":
    table = pd.DataFrame({"Week": [1, 2, 3, 4, 5, 6], "Share": [0.2, 0.4, 0.5, 0.5, 0.7, 0.8]})
    for name in ("grid", "score", "shares", "routines"):
        with st.container(border=True, key=f"plan_chart_box_{name}"):
            st.plotly_chart(go.Figure(go.Bar(x=table["Week"], y=table["Share"])), key=name)
            st.caption("A short summary of the chart.")
            with st.expander("Show the numbers"):
                st.dataframe(table, hide_index=True)
elif section == "week":
    with st.form("plan_rate_1", border=True):
        for n in range(3):
            st.segmented_control(f"Target {n}", VALUES, key=f"plan_value_{n}")
            st.text_input("A note, if you like", key=f"plan_note_{n}")
        submitted = st.form_submit_button("Save week 6", type="primary")
    if submitted:
        st.toast("Week 6 saved.")
