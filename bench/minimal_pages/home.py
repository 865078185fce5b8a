"""Minimal Home: a title."""

import streamlit as st

st.title("Home")
