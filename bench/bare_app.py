"""The floor for cold start: a one-line Streamlit app."""

import streamlit as st

st.title("Hello")
