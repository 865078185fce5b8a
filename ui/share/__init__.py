"""Share with partner and the partner's page, one module per part.

The owner's side: :mod:`~ui.share.intro` (what sharing is, or why it is paused),
:mod:`~ui.share.make_link` (name a link, see it once), :mod:`~ui.share.links_list` (each link's
card and its switch-off), :mod:`~ui.share.choices` (what one link shows), :mod:`~ui.share.replies`
(what partners sent back) and :mod:`~ui.share.own_link` (replacing the owner's own link).
The partner's side: :mod:`~ui.share.partner_view` (what the link shows),
:mod:`~ui.share.partner_reply` and :mod:`~ui.share.partner_ratings` (what they send back).
Underneath both: :mod:`~ui.share.links` (the links and what each publishes) and
:mod:`~ui.share.when` (dates as words).
"""
