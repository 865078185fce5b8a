"""What a records function needs of a space: its two compartments (``ui.context.Here`` is one).

Records functions that read or write both compartments take a :class:`Space`; those that touch one
take the :class:`storage.compartment.Compartment` itself. Nothing here imports Streamlit.
"""

from __future__ import annotations

from typing import Protocol

from storage.compartment import Compartment


class Space(Protocol):
    """Anything with a space's two compartments."""

    @property
    def private(self) -> Compartment:
        """The owner's private compartment."""
        ...

    @property
    def shared(self) -> Compartment:
        """The compartment shared with partners."""
        ...
