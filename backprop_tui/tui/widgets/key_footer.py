"""KeyFooter: Textual's Footer, rebuilt only when the keys it would show change, each key
styled once.

Textual's Footer rebuilds all its keys at every bindings signal (a screen mounted, focus
moved, ...), three times before the picker's first frame with the same keys each time;
each rebuild mounts and styles every key again. And a key bound to the footer's compact
setting starts compact, to be restyled as soon as it takes the setting.
"""

from __future__ import annotations

from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeyFooter(Footer):
    _shown: tuple | None = None  # the bindings the keys were last built from

    def compose(self):
        for widget in super().compose():
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):  # not bound
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    async def recompose(self) -> None:
        shown = tuple(self.screen.active_bindings.values()) if self._bindings_ready and self.is_attached else None
        if shown is not None and shown == self._shown:
            return
        self._shown = shown
        await super().recompose()
