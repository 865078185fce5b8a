"""The script builder's parts, one module each; ``app_pages/script.py`` lays them out.

- :mod:`~ui.script.state`: the working draft, what the widgets were last given, what steps share;
- :mod:`~ui.script.view_picker`: the control that picks one of the four views;
- :mod:`~ui.script.build`: the *Build* view (where the draft came from, the steps, clearing);
- :mod:`~ui.script.steps`: one step (a fragment) and its form; :mod:`~ui.script.fields`: the
  widgets inside a step's form; :mod:`~ui.script.step_save`: what saving a step does;
  :mod:`~ui.script.held`: the two asks after a save held back (every box empty, changed elsewhere);
- :mod:`~ui.script.tone`: the tone check's tips under the boxes;
- :mod:`~ui.script.output`, :mod:`~ui.script.practise`, :mod:`~ui.script.versions`: the other views;
- :mod:`~ui.script.paused`: what shows instead of all of it in safety mode.
"""
