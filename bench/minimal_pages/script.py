"""Minimal script step: an expander holding a form with one text area and a save button."""

import streamlit as st

st.title("Script builder")
with (
    st.expander("2. Open with a question", key="script_step_opener"),
    st.form("script_form_opener", border=False, enter_to_submit=False),
):
    st.text_area("Your opening question", key="script_f_opener", height=110)
    saved = st.form_submit_button("Save this step", key="script_save_opener", type="primary")
if saved:
    st.toast("Saved.")
