"""The two guides, one module per part: :mod:`~ui.guides.going_alone` (support of your own),
:mod:`~ui.guides.therapist` (choosing a couples therapist together) and its
:mod:`~ui.guides.checklist`; :mod:`~ui.guides.lists` writes their bulleted lists."""
