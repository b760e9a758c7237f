"""Work Textual 8.2.8 does twice at each screen's start, done once; `tui.app` applies it.

- A screen pushed for the first time gets its styles when its widgets are mounted, then a
  `ScreenResume` that styles the whole screen again (about a tenth of a lesson screen's
  start). Textual's own `pop_screen` resumes a screen without restyling it when nothing it
  covered needs it; a screen's first resume now restyles nothing either: nothing has changed
  since its widgets were styled. Later resumes (after a screen above it closed) are Textual's.

This patches a private handler, `Screen._on_screen_resume`: Textual has no public way to
push a screen with `ScreenResume(refresh_styles=False)`.
"""

from __future__ import annotations

from textual import events
from textual.screen import Screen

_on_screen_resume = Screen._on_screen_resume


def _on_screen_resume_restyling_only_once_shown(self: Screen, event: events.ScreenResume) -> None:
    if not getattr(self, "_resumed_before", False):
        self._resumed_before = True
        event.refresh_styles = False
    _on_screen_resume(self, event)


def apply() -> None:
    Screen._on_screen_resume = _on_screen_resume_restyling_only_once_shown
