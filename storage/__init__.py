"""The only code that touches disk.

A *space* holds one user's data in two compartments, each one TinyDB file encrypted with its own
key: ``private`` (everything the owner writes) and ``shared`` (only what the owner chose to show a
partner, and the partner's replies). Links are 256-bit random keys; the server keeps only their
SHA-256 and, per link, the compartment keys wrapped with a key derived from the link key itself.
An owner link unwraps both compartments, a partner link only the shared one, so a partner key
cannot read private data even by mistake, and a copy of the data folder alone reads nothing.

Public entry point: :class:`storage.store.Store`."""
