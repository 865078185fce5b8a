"""Every stored shape in one place: one module per feature, the only code that names its tables.

Each module turns the plain dicts a :class:`storage.compartment.Compartment` holds into typed,
frozen objects and back, and reads defensively: stored data may be old, partial or hand-edited, so
a document of the wrong shape is skipped or defaulted, never a traceback. Pages and views call
these modules; nothing else names a table. Decisions stay in ``guide/``; nothing here imports
Streamlit or ``ui/``.
"""
