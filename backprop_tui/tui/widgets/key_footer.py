"""KeyFooter: Textual's Footer, rebuilt only when the keys it would show change.

Textual's Footer rebuilds all its keys at every bindings signal (a screen mounted, focus
moved, ...), three times before the picker's first frame with the same keys each time;
each rebuild mounts and styles every key again.
"""

from __future__ import annotations

from textual.widgets import Footer


class KeyFooter(Footer):
    _shown: tuple | None = None  # the bindings the keys were last built from

    async def recompose(self) -> None:
        shown = tuple(self.screen.active_bindings.values()) if self._bindings_ready and self.is_attached else None
        if shown is not None and shown == self._shown:
            return
        self._shown = shown
        await super().recompose()
