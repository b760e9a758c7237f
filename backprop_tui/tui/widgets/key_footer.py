"""KeyFooter: Textual's Footer, with its keys built with the screen and rebuilt only when the
keys it shows change, each key styled once.

Textual's Footer builds no key before its screen's first frame, then rebuilds all its keys
at every bindings signal (a screen mounted, focus moved, ...), with the same keys each time:
each build mounts, styles and lays out every key again, and the first one lays out and
repaints the screen once more after its first frame. KeyFooter builds its keys when it is
composed, so they are styled and laid out with the rest of the screen, and rebuilds them
when a signal brings other keys (e.g. the focused widget's). And a key bound to the footer's
compact setting starts with it and its class, else each key is restyled once mounted.
"""

from __future__ import annotations

from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeyFooter(Footer):
    _shown: tuple | None = None  # the keys last built

    def compose(self):
        # Textual's Footer waits for the screen's first bindings signal; the screen's bindings
        # are known already, and a signal that brings other keys rebuilds them (see recompose).
        self.set_reactive(Footer._bindings_ready, True)
        self._shown = self._keys()
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                if not widget.has_class("-command-palette"):  # not bound
                    widget.set_reactive(FooterKey.compact, self.compact)
                widget.set_class(widget.compact, "-compact", update=False)  # what its compact watcher sets
            yield widget

    def _keys(self) -> tuple:
        """What Footer.compose builds the keys from: the first shown binding of each action
        (the others are not shown) and the command palette's binding, each with whether it
        is enabled and its tooltip."""
        bindings = self.screen.active_bindings
        first_of_action = {}
        for _, binding, enabled, tooltip in bindings.values():
            if binding.show:
                first_of_action.setdefault(binding.action, (binding, enabled, tooltip))
        palette = bindings.get(self.app.COMMAND_PALETTE_BINDING)
        return *first_of_action.values(), palette and palette[1:]

    async def recompose(self) -> None:
        if self.is_attached and self._keys() == self._shown:
            return
        await super().recompose()
