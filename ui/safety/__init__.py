"""The Safety page's parts, and safety mode as every page reads it (:mod:`ui.safety.state`)."""
