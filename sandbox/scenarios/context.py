"""A scenario run's state: the world, its named actors, saved results, and how steps find them."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .format import ScenarioError

if TYPE_CHECKING:
    from sandbox.client import Account, Partner, Sandbox, Shop, World


@dataclass
class RunContext:
    """What the steps of one run share; `saved` holds results named with `as:`."""

    sandbox: Sandbox
    world: World
    rng: random.Random
    shops: dict[str, Shop] = field(default_factory=dict)
    accounts: dict[str, Account] = field(default_factory=dict)
    partners: dict[str, Partner] = field(default_factory=dict)
    apps: dict[str, dict[str, Any]] = field(default_factory=dict)
    saved: dict[str, Any] = field(default_factory=dict)
    last: dict[str, Any] = field(default_factory=dict)  # by kind: the latest result of each

    def _pick(self, kind: str, table: dict[str, Any], args: dict[str, Any], key: str) -> Any:
        name = args.get(key)
        if name is None:
            if len(table) == 1:
                return next(iter(table.values()))
            raise ScenarioError(f"say which {kind} (`{key}:`); this scenario has "
                                f"{sorted(table) or 'none'}")
        if name not in table:
            raise ScenarioError(f"no {kind} named {name!r}; this scenario has {sorted(table)}")
        return table[name]

    def shop(self, args: dict[str, Any], key: str = "shop") -> Shop:
        return self._pick("shop", self.shops, args, key)

    def account(self, args: dict[str, Any], key: str = "account") -> Account:
        return self._pick("account", self.accounts, args, key)

    def partner(self, args: dict[str, Any], key: str = "partner") -> Partner:
        return self._pick("partner", self.partners, args, key)

    def app(self, args: dict[str, Any], key: str = "app") -> dict[str, Any]:
        return self._pick("app", self.apps, args, key)

    def username(self, args: dict[str, Any]) -> str:
        """`account: alice` (a scenario actor) or `username: someone` (anyone)."""
        if "username" in args:
            return str(args["username"])
        return self.account(args).username

    def ref(self, args: dict[str, Any], key: str, kind: str | None = None) -> Any:
        """A result saved with `as:`; without `key:`, the latest result of `kind`."""
        name = args.get(key)
        if name is None:
            if kind and kind in self.last:
                return self.last[kind]
            raise ScenarioError(f"say which result (`{key}: <name given with as:>`)")
        if not isinstance(name, str) or name not in self.saved:
            raise ScenarioError(f"no saved result {name!r}; saved so far: {sorted(self.saved)}")
        return self.saved[name]

    def state(self) -> str:
        """An OAuth `state` from the run's seeded generator (same seed, same states)."""
        return f"st-{self.rng.randrange(16**8):08x}"
