"""Command palette providers: jump to any client by fuzzy name, and run any action of the
screen on view (those that apply right now) or of the app, as declared in `carecli.actions`."""

import asyncio
from functools import partial

from textual.actions import parse
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from carecli.actions import ACTIONS, Action, in_context
from carecli.domain.caseload import fold
from carecli.domain.enums import label
from carecli.plain import one_line


def plain_highlight(matcher: Matcher, candidate: str) -> Content:
    """Like `Matcher.highlight`, which parses the candidate as markup, but for user text
    (matched without accents, so "hoang" lights up "Hoàng")."""
    content = Content(candidate)
    folded = fold(candidate)
    if len(folded) != len(candidate):
        return content
    score, offsets = matcher.fuzzy_search.match(matcher.query, folded)
    for offset in offsets if score else ():
        if not candidate[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class ClientCommands(Provider):
    """Every client in the loaded caseload, matched as "Family, Given" or "Given Family"."""

    MAX_HITS = 30

    async def startup(self) -> None:
        """Fold every name once per palette opening, not once per keystroke."""
        self.candidates = []
        for row in self.app.caseload_rows():
            name = one_line(row.name)
            if row.preferred_name:
                name += f" ({one_line(row.preferred_name)})"
            natural = one_line(f"{row.given_name} {row.family_name}")
            self.candidates.append((row.id, name, fold(name), fold(natural), _about(row)))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(fold(query))
        hits = []
        for index, (client_id, name, folded, natural, about) in enumerate(self.candidates):
            if index % 500 == 499:
                await asyncio.sleep(0)  # keep the screen responsive at 10,000 clients
            score = max(matcher.match(folded), matcher.match(natural))
            if score > 0:
                hits.append((score, client_id, name, about))
        hits.sort(key=lambda h: -h[0])
        for score, client_id, name, about in hits[: self.MAX_HITS]:
            yield Hit(score, plain_highlight(matcher, name),
                      partial(self.app.open_client, client_id), text=name, help=about)


def _about(row) -> str:
    """What tells two clients of the same name apart in the palette."""
    parts = [label(row.status), f"{label(row.risk_tier).lower()} risk"]
    if row.age is not None:
        parts.insert(1, f"age {row.age}")
    if row.phone:
        parts.append(one_line(row.phone))
    return " · ".join(parts)


class ActionCommands(Provider):
    """The actions of the screen the palette was opened on, then the app's: each with its
    palette title, its help and its key. An action that would do nothing there (the screen's
    `check_action` hides its key) is not offered either."""

    def _commands(self) -> list[tuple[str, object, str]]:
        screen = self.screen
        contexts = {ACTIONS[b.id].context for b in screen.BINDINGS
                    if getattr(b, "id", None) in ACTIONS}
        commands = []
        for action in [*in_context(*contexts - {"app"}), *in_context("app")]:
            if not action.palette or not self._applies(action):
                continue
            node = self.app if action.context == "app" else screen
            run = partial(self.app.run_action, action.action, node)
            commands.append((action.palette, run, _palette_help(action)))
        return commands

    def _applies(self, action: Action) -> bool:
        namespace, name, parameters = parse(action.action)
        node = self.app if action.context == "app" or namespace == "app" else self.screen
        return node.check_action(name, parameters) is True

    async def discover(self) -> Hits:
        for name, action, help_text in self._commands():
            yield DiscoveryHit(name, action, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), action, help=help_text)


def _palette_help(action: Action) -> str:
    key = action.all_shown()
    return f"{action.help}  ({key})" if key else action.help
