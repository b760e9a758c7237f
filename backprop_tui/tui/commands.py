"""The command palette's commands, shown literally.

Textual's own provider parses each command's title and help as markup; ours include
lesson titles and summaries, which are text from a file and must never act as markup.
"""

from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content


class LiteralSystemCommands(Provider):
    """The app's `get_system_commands`, with titles and help as plain text."""

    async def discover(self) -> Hits:
        commands = sorted(self.app.get_system_commands(self.screen), key=lambda command: command.title)
        for command in commands:
            if command.discover:
                yield DiscoveryHit(Content(command.title), command.callback, text=command.title,
                                   help=Content(command.help))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self.app.get_system_commands(self.screen):
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(score, highlighted(matcher, command.title), command.callback, text=command.title,
                          help=Content(command.help))


def highlighted(matcher: Matcher, candidate: str) -> Content:
    """`candidate` with the letters the query matched highlighted, never parsed as markup."""
    content = Content(candidate)
    _, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    for offset in offsets:
        if not candidate[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
