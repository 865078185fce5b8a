"""Safety (being built): says plainly what it will do until its own issue lands."""

import streamlit as st

from ui.context import here

here()
st.title("Safety")
st.info(
    "This part of Open Door is being built and will be ready soon.", icon=":material/construction:"
)
