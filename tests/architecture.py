"""Reads the source with `ast` and checks DESIGN §4: layer rules, no import cycles, short modules."""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

PACKAGES = ("sandbox", "fake_tiktok_app")
SIZE_DIRS = (*PACKAGES, "tests")
STDLIB = "<stdlib>"
ISSUE_NAME = re.compile(r"issue[_-]?\d+", re.IGNORECASE)


@dataclass(frozen=True)
class Import:
    """`module` imports `target` at `line`; `nested` if inside a function body."""
    module: str
    target: str
    line: int
    nested: bool


@dataclass(frozen=True)
class Violation:
    """One finding, printed as `module:line: rule: reason`."""
    module: str
    line: int
    rule: str
    reason: str

    def __str__(self) -> str:
        return f"{self.module}:{self.line}: {self.rule}: {self.reason}"


@dataclass(frozen=True)
class Rule:
    """`importers` must not import `forbidden` unless `allowed`, `lazy` and inside a function, or an
    (importer, target) pair of `exceptions`. All are dotted globs matched segment-wise (`*` one, `**` any
    number of segments) and as prefixes (`a.b` matches `a.b.c`); `<stdlib>` is the standard library."""
    name: str
    importers: tuple[str, ...]
    forbidden: tuple[str, ...]
    reason: str
    allowed: tuple[str, ...] = ()
    lazy: tuple[str, ...] = ()
    exceptions: tuple[tuple[str, str], ...] = ()


def layer(*names: str, packages: tuple[str, ...] = PACKAGES) -> tuple[str, ...]:
    """A layer of each app: `store` -> `sandbox.store`, `sandbox.store_*`, `fake_tiktok_app.store`, ..."""
    return tuple(f"{p}.{n}{s}" for p in packages for n in names for s in ("", "_*"))


FAKE = ("fake_tiktok_app",)
# What both apps share, each package importing only the ones before it (and itself).
SHARED = ("sandbox.rules", "sandbox.kernel", "sandbox.diagnostics", "sandbox.web_shared", "sandbox.presenter")
SHARED_ROOMS = {"sandbox.rules": "the rule registry: rules declared once, stdlib only",
                "sandbox.kernel": "runtime, store base, clock, worlds, events, jobs, errors, settings",
                "sandbox.diagnostics": "fault rules, explain, the timeline (no HTTP framework)",
                "sandbox.web_shared": "what both web layers share (Flask): models, boundary, hooks",
                "sandbox.presenter": "the world-clock bar and live updates of both apps' pages"}
PURE = ("DESIGN §4: the domain is pure: no flask/werkzeug/sqlalchemy/httpx/authlib/jinja2, no store/services/"
        "web/oauth; only the stdlib, pyotp, qrcode, kernel.errors/.clock, sandbox.rules, itself")
ROOTS = ("sandbox.app", "sandbox.serve")
DOMAIN_OK = (STDLIB, "pyotp", "qrcode", "sandbox.kernel.errors", "sandbox.kernel.clock", "sandbox.rules")

RULES: tuple[Rule, ...] = (
    Rule("rule registry is data", ("sandbox.rules",), ("**",), "the rule registry declares rules "
         "once; it imports only the standard library and itself", allowed=(STDLIB, "sandbox.rules")),
    *(Rule(f"{room} is shared", (room,), PACKAGES, f"DESIGN §4: {room} ({what}) imports of the project only "
           f"{', '.join(SHARED[:i + 1])}", allowed=SHARED[:i + 1])
      for i, (room, what) in enumerate(SHARED_ROOMS.items()) if i),
    Rule("diagnostics without HTTP", ("sandbox.diagnostics",), ("flask", "werkzeug"),
         "fault rules and explain are read by both web layers; they know no web framework"),
    Rule("snapshots copy worlds", ("sandbox.snapshots",), PACKAGES, "copies of worlds read and write "
         "rows through the kernel only", allowed=("sandbox.rules", "sandbox.kernel", "sandbox.snapshots")),
    *(Rule(f"{p}.domain is pure", (f"{p}.domain",), ("**",), PURE, allowed=(*DOMAIN_OK, f"{p}.domain"))
      for p in PACKAGES),
    Rule("store below services", layer("store"),
         ("flask", "werkzeug", "httpx", "authlib", *layer("services", "web", "oauth")),
         "DESIGN §4: a store knows SQL, not HTTP; it never calls up into services, web or oauth"),
    Rule("services below web", layer("services"), ("flask", "werkzeug", "authlib", *layer("web")),
         "DESIGN §4: services hold the use cases with no HTTP framework; the web layers call them, "
         "never the reverse"),
    Rule("web layers build no query", (*layer("web", "oauth"), "sandbox.web_shared", "sandbox.presenter"),
         ("sqlalchemy",), "docs/architecture.md: queries live in store/ and services/ (the kernel's and "
         "diagnostics' beside their tables); a web layer calls them",
         allowed=("sqlalchemy.orm", "sqlalchemy.exc")),
    Rule("fake app services below oauth", layer("services", packages=FAKE), layer("oauth", packages=FAKE),
         "DESIGN §4: the OAuth server calls the fake app's services, never the reverse"),
    Rule("authlib only in oauth", PACKAGES, ("authlib",),
         "DESIGN §4: only fake_tiktok_app.oauth speaks OAuth through authlib",
         exceptions=(("fake_tiktok_app.oauth", "authlib"),)),
    Rule("fake app uses only the shared packages", FAKE, ("sandbox",), "DESIGN §4: the fake TikTok app is "
         f"its own app; of the sandbox it shares {', '.join(SHARED)}", allowed=SHARED),
    Rule("sandbox reaches the fake app through control or the roots", ("sandbox",), FAKE,
         "DESIGN §4: only sandbox.web.control may use fake_tiktok_app services/store/domain; the "
         "composition roots sandbox.app and sandbox.serve may import fake_tiktok_app.app and .jobs only",
         exceptions=(
             *(("sandbox.web.control", t) for t in layer("services", "store", "domain", packages=FAKE)),
             *((r, f"fake_tiktok_app.{t}") for r in ROOTS for t in ("app", "jobs")),
         )),
    Rule("client is httpx only", ("sandbox.client", "sandbox.client_*"),
         ("flask", "werkzeug", "sqlalchemy", "authlib", *PACKAGES),
         "DESIGN §4: the client is a plain httpx library; it may start a server only through lazy "
         "(function-level) imports of sandbox.serve and sandbox.kernel.settings",
         allowed=("sandbox.client",), lazy=("sandbox.serve", "sandbox.kernel.settings")),
    Rule("readiness checks speak HTTP only", ("sandbox.readiness",),
         ("flask", "werkzeug", "sqlalchemy", "authlib", *PACKAGES),
         "docs/readiness.md: the check drives a running app through the sandbox's HTTP control "
         "plane (httpx), so the same runner works against a shared sandbox; it may use the "
         "httpx-only client (its consent walk: one implementation of the person at a browser)",
         allowed=("sandbox.readiness", "sandbox.client")),
    Rule("pytest plugin imports the project lazily", ("sandbox.pytest_plugin",), PACKAGES,
         "DESIGN §4: pytest loads the plugin at start-up; project imports belong inside its functions",
         lazy=PACKAGES),
)


def _match(parts: list[str], pats: list[str]) -> bool:
    if not pats:
        return True
    if pats[0] == "**":
        return any(_match(parts[i:], pats[1:]) for i in range(len(parts) + 1))
    return bool(parts) and fnmatchcase(parts[0], pats[0]) and _match(parts[1:], pats[1:])


def matches(name: str, *patterns: str) -> bool:
    """True if `name` or one of its parent packages matches one of the dotted globs `patterns`."""
    return any(name.split(".")[0] in sys.stdlib_module_names if pattern == STDLIB
               else _match(name.split("."), pattern.split(".")) for pattern in patterns)


def find_modules(root: Path, dirs: tuple[str, ...] = PACKAGES) -> dict[str, Path]:
    """Every .py file under `dirs` of `root` by dotted name (`a/b/__init__.py` is `a.b`)."""
    paths = [p for d in dirs for p in sorted((root / d).rglob("*.py")) if "__pycache__" not in p.parts]
    names = [p.relative_to(root).with_suffix("").parts for p in paths]
    return {".".join(n[:-1] if n[-1] == "__init__" else n): p for n, p in zip(names, paths, strict=True)}


def _targets(node: ast.Import | ast.ImportFrom, package: str, modules: set[str]) -> list[str]:
    """The imported modules; `from a.b import c` is `a.b.c` if that is a module of the tree, else `a.b`."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        parts = package.split(".") if package else []
        base = ".".join([*parts[: len(parts) - node.level + 1], *([base] if base else [])])
    subs = [f"{base}.{alias.name}".lstrip(".") for alias in node.names]
    return list(dict.fromkeys(sub if sub in modules else base for sub in subs))


def _imports(nodes: Iterable[ast.AST], module: str, package: str, modules: set[str],
             nested: bool) -> list[Import]:
    """Imports among `nodes` at any depth, except in `if TYPE_CHECKING:` bodies."""
    found: list[Import] = []
    for node in nodes:
        if isinstance(node, ast.Import | ast.ImportFrom):
            found += [Import(module, t, node.lineno, nested) for t in _targets(node, package, modules)]
        elif isinstance(node, ast.If) and "TYPE_CHECKING" in {getattr(node.test, "id", None),
                                                               getattr(node.test, "attr", None)}:
            found += _imports(node.orelse, module, package, modules, nested)
        else:
            inner = nested or isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            found += _imports(ast.iter_child_nodes(node), module, package, modules, inner)
    return found


def scan(root: Path) -> tuple[dict[str, Path], list[Import], list[Violation]]:
    """Parse (never import) sandbox/ and fake_tiktok_app/: modules, their imports, unparseable files."""
    modules = find_modules(root)
    imports: list[Import] = []
    errors: list[Violation] = []
    for name, path in modules.items():
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        except SyntaxError as exc:
            errors.append(Violation(name, exc.lineno or 0, "parse", f"does not parse: {exc.msg}"))
            continue
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        imports += _imports(tree.body, name, package, set(modules), False)
    return modules, imports, errors


def breaks(rule: Rule, imp: Import) -> bool:
    """True if `imp` breaks `rule`."""
    return (matches(imp.module, *rule.importers) and imp.module != imp.target
            and matches(imp.target, *rule.forbidden) and not matches(imp.target, *rule.allowed)
            and not (imp.nested and matches(imp.target, *rule.lazy))
            and not any(matches(imp.module, m) and matches(imp.target, t) for m, t in rule.exceptions))


def layer_violations(root: Path, rules: tuple[Rule, ...] = RULES) -> list[Violation]:
    """Every import that breaks a layer rule (and every file that does not parse)."""
    _, imports, found = scan(root)
    for imp in imports:
        for rule in rules:
            if breaks(rule, imp):
                where = " inside a function" if imp.nested else " at top level"
                found.append(Violation(imp.module, imp.line, rule.name,
                                       f"imports {imp.target}{where}; {rule.reason}"))
    return found


def import_graph(root: Path) -> dict[str, dict[str, Import]]:
    """module -> {imported project module: its first import}; self-imports left out."""
    modules, imports, _ = scan(root)
    graph: dict[str, dict[str, Import]] = {m: {} for m in modules}
    for imp in imports:
        if imp.target in graph and imp.target != imp.module:  # imports come in source order
            graph[imp.module].setdefault(imp.target, imp)
    return graph


def strongly_connected(graph: dict[str, dict[str, Import]]) -> list[list[str]]:
    """Tarjan's algorithm: every strongly connected component of `graph`, each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for child in sorted(graph[node]):
            if child not in index:
                visit(child)
                low[node] = min(low[node], low[child])
            elif child in stack:
                low[node] = min(low[node], index[child])
        if low[node] == index[node]:
            cut = stack.index(node)
            components.append(sorted(stack[cut:]))
            del stack[cut:]

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return components


def shortest_cycle(graph: dict[str, dict[str, Import]], members: set[str], start: str) -> list[str]:
    """The shortest import path start -> ... -> start inside one component (breadth first)."""
    previous: dict[str, str] = {start: start}
    frontier = [start]
    while frontier:
        following: list[str] = []
        for node in frontier:
            if start in graph[node]:
                path = [node]
                while path[-1] != start:
                    path.append(previous[path[-1]])
                return [*reversed(path), start]
            for child in sorted(set(graph[node]) & members - set(previous)):
                previous[child] = node
                following.append(child)
        frontier = following
    return [start]


def cycle_violations(root: Path) -> list[Violation]:
    """One violation per import cycle (a strongly connected component of more than one module)."""
    graph = import_graph(root)
    found = []
    for component in strongly_connected(graph):
        if len(component) < 2:
            continue
        path = shortest_cycle(graph, set(component), component[0])
        edges = [graph[a][b] for a, b in zip(path, path[1:], strict=False)]
        steps = " -> ".join(f"{e.module} (line {e.line}{', in a function' if e.nested else ''})"
                            for e in edges)
        found.append(Violation(path[0], edges[0].line, "no import cycles", f"cycle {steps} -> {path[0]}; "
                               f"{len(component)} modules in the cycle: {', '.join(component)}; DESIGN §4: "
                               "layers import downwards only; a function-level import breaks no cycle"))
    return found
