"""The six-week plan page's sections, one module each (``app_pages/plan.py`` lays them out).

- :mod:`ui.plan.state`: what the sections share: which section is open, the hints flag, the
  page's top place for confirmations, and the plan as it stands today.
- :mod:`ui.plan.fields`: small pieces the plan's forms share (what a box holds, date pickers).
- :mod:`ui.plan.start`: no plan yet: the experiment in a few lines and the first plan's form.
- :mod:`ui.plan.header`: week N of 6, what is due, and the section control.
- :mod:`ui.plan.week`: This week: rating each target, a week's notes, hints after saving.
- :mod:`ui.plan.charts`: the four owner charts.
- :mod:`ui.plan.review`: the review: the record in words, telling lines, then what comes next;
  with :mod:`ui.plan.numbers`, :mod:`ui.plan.decision`, :mod:`ui.plan.next_cycle` and
  :mod:`ui.plan.history`.
- :mod:`ui.plan.setup`: dates, the calendar file, rewording, adding targets, moving the start.
- :mod:`ui.plan.routines`: the Routines section, one routine at a time, drawn by
  :mod:`ui.plan.checkin` (nightly and weekly, with :mod:`ui.plan.timer`), :mod:`ui.plan.book`,
  :mod:`ui.plan.journal` and :mod:`ui.plan.support`; :mod:`ui.plan.routine_log` holds what they
  share.

Every save runs in its widget's callback, before the page script, wrapped in
``ui.feedback.saves``: the link is checked first, a storage fault becomes a calm note in place, and
the sentence the callback returns becomes its confirmation.
"""
