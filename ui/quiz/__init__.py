"""The Quiz page's parts, one screen per module.

- :mod:`ui.quiz.progress`: the quiz in progress as stored, and the saves every screen shares.
- :mod:`ui.quiz.intro`: the first visit, and Start.
- :mod:`ui.quiz.questions`: the quiz under way: one question at a time (a fragment), and Stop.
- :mod:`ui.quiz.finish`: the finish step after the last question, and the result's save.
- :mod:`ui.quiz.result`: the latest result, Retake, and the reasons it found;
  :mod:`ui.quiz.safety_first` when safety comes first; :mod:`ui.quiz.history` the earlier ones.
"""
