"""The fenced code blocks of README.md and docs/*.md, and what running one means.

"Docs that run": every block is executed by tests/test_docs_run.py, by its language tag, or is
marked on the line right before its fence with `<!-- not runnable: REASON -->`."""

from __future__ import annotations

import ast
import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})\s*(?P<lang>[^`\s]*)")
MARKER = re.compile(r"^\s*<!--\s*not runnable:\s*(?P<reason>.*?)\s*-->\s*$")
RUNNABLE = {"python", "bash", "sh", "shell", "console", "toml", "yaml", "yml", "json"}
SHELL = {"bash", "sh", "shell", "console"}
CLI = "tiktok-sandbox"
ENV_PREFIX = re.compile(r"^[A-Z_][A-Z0-9_]*=")


@dataclass(frozen=True)
class Block:
    path: str     # relative to the repository, e.g. "README.md"
    line: int     # 1-based line of the opening fence
    lang: str     # the info string's first word, lower case ("" when none)
    text: str     # the block's content, without the fences
    marker: str | None  # the not-runnable reason, or None when unmarked

    @property
    def id(self) -> str:
        return f"{self.path}:{self.line}"

    @property
    def kind(self) -> str:
        return "yaml" if self.lang == "yml" else "bash" if self.lang in SHELL else self.lang


def documents(root: Path = ROOT) -> list[Path]:
    return [root / "README.md", *sorted((root / "docs").glob("*.md"))]


def parse(path: str, text: str) -> list[Block]:
    """Every fenced block of one Markdown text (a fence closes on the same character, at least
    as long; an unclosed fence runs to the end, as CommonMark says)."""
    lines = text.splitlines()
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        fence, start = m["fence"], i
        close = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}\s*$")
        j = i + 1
        while j < len(lines) and not close.match(lines[j]):
            j += 1
        before = MARKER.match(lines[start - 1]) if start else None
        blocks.append(Block(path, start + 1, m["lang"].lower(), "\n".join(lines[start + 1:j]),
                            before["reason"] if before else None))
        i = j + 1
    return blocks


def find_blocks(root: Path = ROOT) -> list[Block]:
    return [b for doc in documents(root)
            for b in parse(str(doc.relative_to(root)), doc.read_text(encoding="utf-8"))]


def stray_markers(root: Path = ROOT) -> list[str]:
    """`file:line` of every not-runnable marker that is not right before a fence, or that gives
    no reason."""
    out = []
    for doc in documents(root):
        lines = doc.read_text(encoding="utf-8").splitlines()
        for n, line in enumerate(lines):
            m = MARKER.match(line)
            if m and (not m["reason"] or n + 1 >= len(lines) or not FENCE.match(lines[n + 1])):
                out.append(f"{doc.relative_to(root)}:{n + 1}")
    return out


def shell_commands(text: str, console: bool = False) -> list[str]:
    """The logical command lines of a shell block: `\\` continuations joined, comments and
    blank lines dropped (a console block's commands are its `$ ` lines)."""
    out: list[str] = []
    pending = ""
    for raw in text.splitlines():
        line = raw.rstrip()
        if console and not pending:
            if not line.lstrip().startswith("$ "):
                continue
            line = line.lstrip()[2:]
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        line, pending = (pending + line).strip(), ""
        if line and not line.startswith("#"):
            out.append(line)
    return out


def cli_argv(command: str) -> tuple[dict[str, str], list[str]] | None:
    """`(env, argv)` of a `[VAR=value ...] tiktok-sandbox ARGS` line (argv without the program
    name), or None when the line runs something else."""
    try:
        words = shlex.split(command, comments=True)
    except ValueError:  # e.g. a quote spanning lines: not a command line we run
        return None
    env: dict[str, str] = {}
    while words and ENV_PREFIX.match(words[0]):
        key, _, value = words.pop(0).partition("=")
        env[key] = value
    if not words or words[0] != CLI:
        return None
    return env, words[1:]


def not_runnable_why(block: Block) -> str | None:
    """Why the rules cannot run this block (None: they can)."""
    if block.lang not in RUNNABLE:
        return f"language {block.lang or '(none)'!r} is not run by any rule"
    if block.kind == "bash":
        commands = shell_commands(block.text, console=block.lang == "console")
        if not commands:
            return "no command in it"
        others = [c for c in commands if cli_argv(c) is None]
        if others:
            return f"runs more than tiktok-sandbox: {others[0]!r}"
    if block.kind == "python":
        try:
            ast.parse(block.text)
        except SyntaxError as exc:
            return f"not Python: {exc}"
    return None


def worlds_held(*spaces: dict[str, Any]) -> set[str]:
    """Ids of the worlds the block's names hold: worlds, and the world of a shop or account."""
    from sandbox.client.control import World

    held = set()
    for value in (v for space in spaces for v in list(space.values())):
        world = value if isinstance(value, World) else getattr(value, "world", None)
        if isinstance(world, World):
            held.add(world.id)
    return held


class Lazy(dict[str, Any]):
    """exec's locals: a name the block reads before defining it is made by its factory."""

    def __init__(self, sandbox: Any, factories: dict[str, Callable[[Lazy], Any]]) -> None:
        super().__init__(sandbox=sandbox)
        self.factories = factories

    def __missing__(self, name: str) -> Any:
        if name not in self.factories:
            raise KeyError(name)
        self[name] = value = self.factories[name](self)
        return value
