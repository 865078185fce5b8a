"""Minimal therapist checklist: a form with three tabs of fields and a save button."""

import streamlit as st

st.title("Choosing a therapist")
with st.form("therapist_checklist_form"):
    for n, tab in enumerate(st.tabs(["Therapist 1", "Therapist 2", "Therapist 3"]), start=1):
        with tab:
            st.text_input("Name", key=f"therapist_c{n}_name")
            for item in range(4):
                st.checkbox(f"Thing to look for {item}", key=f"therapist_c{n}_fit_{item}")
            for q in range(4):
                st.text_input(f"Question {q}", key=f"therapist_c{n}_ask_{q}")
            st.text_area("Notes", key=f"therapist_c{n}_notes", height=100)
    submitted = st.form_submit_button("Save checklist", type="primary")
if submitted:
    st.success("Saved.")
