"""Sharing with a partner: the links and what each shows (:mod:`ui.share.links`), and the pages' parts."""
