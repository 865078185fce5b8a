"""The Safety page's parts, and safety mode as every page reads it.

- :mod:`ui.safety.state`: safety mode for this run (every page reads it), the partner-link pause.
- :mod:`ui.safety.resources`: crisis resources as buttons a phone can dial (also Home, the script).
- :mod:`ui.safety.sections`: the sections that only tell: help now, when couples therapy isn't
  right, this device.
- :mod:`ui.safety.mode`: the "Safety mode" section and its switch.
- :mod:`ui.safety.plan`: the safety plan section, laid out; :mod:`ui.safety.plan_form` is its
  form (with the syncing and the save), :mod:`ui.safety.plan_kept` what follows a save.
"""
