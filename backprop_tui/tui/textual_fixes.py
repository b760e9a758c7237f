"""Work-arounds for Textual 8.2.8 crashes that random keys found (#10 §5); `tui.app` applies them.

- PageUp/PageDown in an OptionList read its line cache, which stays empty until the list has
  been laid out at a non-zero size. In the command palette the results arrive in a list of
  height 0, so a page key pressed before the next repaint raised `KeyError`. The page keys
  now bring the cache up to date first and, if the highlighted option still has no line, go
  to the first or last option.
- An OptionList narrower than its options' padding measured them at width 0, and wrapping
  text to width 0 raised "range() arg 3 must not be zero". Text is now measured at width ≥ 1.
- Keys typed quickly into the command palette and then Escape: the palette closes, then
  handles the text changes still queued and starts a search whose results find no list
  (`NoMatches: CommandList`). A closed palette now starts no search.
- `Screen.dismiss` pops whatever screen is on top. Two Enters in the same instant select an
  option twice, so a modal list (the command palette, the demo chooser) was dismissed twice
  and took the screen beneath with it, down to `ScreenStackError`. Dismissing a screen that
  is no longer on top now does nothing.

Both patches keep Textual's behaviour everywhere else; `tests/tui/test_key_fuzz.py` covers them.
"""

from __future__ import annotations

from textual.await_complete import AwaitComplete
from textual.command import CommandPalette
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList

_move_page = OptionList._move_page
_get_height = Content.get_height
_gather_commands = CommandPalette._gather_commands
_dismiss = Screen.dismiss


def _move_page_once_laid_out(self: OptionList, direction: int) -> None:
    self._update_lines()
    if self.highlighted is not None and self.highlighted not in self._index_to_line:
        (self.action_first if direction < 0 else self.action_last)()
        return
    _move_page(self, direction)


def _get_height_at_least_one_cell_wide(self: Content, rules, width: int) -> int:
    return _get_height(self, rules, max(width, 1))


def _gather_commands_while_open(self: CommandPalette, search_value: str) -> None:
    if self.is_current:
        _gather_commands(self, search_value)


def _dismiss_if_on_top(self: Screen, result=None) -> AwaitComplete:
    if self is not self.app.screen:
        return AwaitComplete.nothing()
    return _dismiss(self, result)


def apply() -> None:
    OptionList._move_page = _move_page_once_laid_out
    Content.get_height = _get_height_at_least_one_cell_wide
    CommandPalette._gather_commands = _gather_commands_while_open
    Screen.dismiss = _dismiss_if_on_top
