"""Home's parts: what the space holds and the next step (:mod:`ui.home.facts`), the first visit's
welcome (:mod:`ui.home.welcome`), and the dashboard's parts (:mod:`ui.home.dashboard`)."""
