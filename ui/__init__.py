"""What the pages draw: one folder per feature, and at this level what every page shares.

Shared: :mod:`ui.pages` (the one registry of pages), :mod:`ui.context` (who is here: pages call
:func:`ui.context.here`, never reading query parameters or opening storage themselves),
:mod:`ui.callbacks` and :mod:`ui.feedback` (the link check for code that runs outside the page run,
and what a save says), :mod:`ui.chrome` and :mod:`ui.notices` (around every page),
:mod:`ui.settings`, :mod:`ui.clock` (the user's own date), :mod:`ui.confirm`, :mod:`ui.warm`.

Features: ``home``, ``quiz``, ``script``, ``plan``, ``share``, ``guides``, ``safety``,
``my_data``; each module there draws one section of a page, with its callbacks beside it.
"""
