"""Reads the source and checks its hygiene: short modules, names that say what things are (not
the issue that asked for them), and where queries live."""

from __future__ import annotations

import ast
from pathlib import Path

from architecture import ISSUE_NAME, SIZE_DIRS, Violation, find_modules


def long_modules(root: Path, limit: int = 300) -> list[Violation]:
    """Every module of sandbox/, fake_tiktok_app/ and tests/ with more than `limit` physical lines."""
    found = []
    for name, path in find_modules(root, SIZE_DIRS).items():
        count = len(path.read_text(encoding="utf-8").splitlines())
        if count > limit:
            found.append(Violation(name, limit + 1, f"at most {limit} lines",
                                   f"{count} lines; DESIGN §4: split it by responsibility"))
    return found


def _top_level_names(tree: ast.Module) -> list[tuple[str, int]]:
    names: list[tuple[str, int]] = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.append((node.name, node.lineno))
        elif isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names += [(n.id, node.lineno) for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)]
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names += [((a.asname or a.name).split(".")[0], node.lineno) for a in node.names]
    return names


def issue_names(root: Path) -> list[Violation]:
    """Files and top-level symbols named after an issue (`issue` then digits, e.g. openapi_issue3)."""
    found = []
    reason = "DESIGN §4: name a module or symbol after what it does, not after the issue that asked for it"
    for name, path in find_modules(root, SIZE_DIRS).items():
        if ISSUE_NAME.search(name):
            found.append(Violation(name, 1, "named after an issue", f"file {path.relative_to(root)}; "
                                   + reason))
        try:
            symbols = _top_level_names(ast.parse(path.read_text(encoding="utf-8")))
        except SyntaxError:
            continue
        found += [Violation(name, line, "named after an issue", f"symbol {symbol}; {reason}")
                  for symbol, line in symbols if ISSUE_NAME.search(symbol)]
    return found
