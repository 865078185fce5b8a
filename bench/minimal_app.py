"""The floor for interactions: bare Streamlit pages with the same widgets as Open Door's pages.

Each page in ``bench/minimal_pages/`` has the widget a benchmark action uses, under the same key
and URL path as Open Door's, and does nothing else: no storage, no content, no chrome.
"""

import streamlit as st

st.set_page_config(page_title="Minimal", layout="centered")
page = st.navigation(
    [
        st.Page("minimal_pages/home.py", title="Home", url_path="home", default=True),
        st.Page("minimal_pages/quiz.py", title="Quiz", url_path="quiz"),
        st.Page("minimal_pages/script.py", title="Script builder", url_path="script"),
        st.Page("minimal_pages/plan.py", title="Six-week plan", url_path="plan"),
        st.Page("minimal_pages/therapist.py", title="Choosing a therapist", url_path="therapist"),
    ]
)
page.run()
