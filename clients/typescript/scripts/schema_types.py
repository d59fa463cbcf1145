"""src/schema.ts from the sandbox's OpenAPI document: the one a running sandbox serves at
/openapi.json (`--url`), or the same document built in this process from both apps' routes
(no server needed; only `servers` differs, which the generated types leave out). The types are
written by the package's pinned openapi-typescript (`npm ci` first)."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parent.parent
REPOSITORY = PACKAGE.parent.parent  # the sandbox whose document it is
TYPES = PACKAGE / "src" / "schema.ts"
GENERATOR = PACKAGE / "node_modules" / ".bin" / "openapi-typescript"
# A field with a default is optional in a request body, not required; an object without
# properties (an event's `data`) is `Record<string, unknown>`, not `Record<string, never>`.
OPTIONS = ["--default-non-nullable", "false", "--empty-objects-unknown"]


def served(url: str) -> Any:
    with urllib.request.urlopen(f"{url.rstrip('/')}/openapi.json", timeout=30) as resp:
        return json.load(resp)


def built() -> Any:
    """The document of the repository this package sits in (not another installed copy)."""
    sys.path.insert(0, str(REPOSITORY))
    from sandbox.app import reference_routes
    from sandbox.kernel.settings import Settings
    from sandbox.openapi.document import build_document

    return build_document(Settings(), reference_routes())


def write_types(document: Any, out: Path) -> None:
    """Run openapi-typescript over `document`, writing `out`."""
    with tempfile.TemporaryDirectory(prefix="openapi-") as tmp:
        source = Path(tmp) / "openapi.json"
        source.write_text(json.dumps(document, indent=1, sort_keys=True), encoding="utf-8")
        subprocess.run([str(GENERATOR), str(source), *OPTIONS, "-o", str(out)], cwd=PACKAGE,
                       check=True, capture_output=True, text=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", help="a running sandbox (e.g. http://127.0.0.1:8700)")
    parser.add_argument("--out", type=Path, default=TYPES, help=f"default {TYPES}")
    args = parser.parse_args()
    write_types(served(args.url) if args.url else built(), args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
