"""The HTTP runner's worker: `python -m sandbox.scenarios.worker` runs one scenario read as JSON
from stdin against a sandbox URL and prints the result as JSON (the server shells out to it, so
the server never imports the client that can start a server)."""

from __future__ import annotations

import json
import sys
from typing import Any


def work(job: dict[str, Any]) -> dict[str, Any]:
    """{scenario, seed, keep, url, token} → {passed, failures, world_id, transcript} or a refusal."""
    from sandbox.client import Sandbox, SandboxAPIError
    from sandbox.scenarios import ScenarioError, load, run

    try:
        scenario = load(job["scenario"])
    except ScenarioError as exc:
        return {"refused": {"code": "INVALID_SCENARIO", "message": str(exc),
                            "details": {"where": exc.where}}}
    with Sandbox(job["url"], token=job.get("token")) as sandbox:
        try:
            result = run(scenario, sandbox, seed=int(job.get("seed", 0)),
                         keep=bool(job.get("keep")))
        except SandboxAPIError as exc:
            return {"refused": {"code": "SCENARIO_SETUP_REFUSED",
                                "message": f"An actor of the scenario was refused: {exc}",
                                "details": {"refusal": {"code": exc.code, "rule": exc.rule}}}}
        except ScenarioError as exc:
            return {"refused": {"code": "INVALID_SCENARIO", "message": str(exc), "details": {}}}
    return {"passed": result.passed, "failures": result.failures,
            "world_id": result.world_id if job.get("keep") else None,
            "transcript": result.transcript}


def main() -> int:
    print(json.dumps(work(json.loads(sys.stdin.read())), sort_keys=True, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
