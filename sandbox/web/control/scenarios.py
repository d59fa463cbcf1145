"""Control plane: run a scenario over HTTP (`POST /_sandbox/v1/scenarios/run`), any language."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any, ClassVar

from flask import g, jsonify, request
from pydantic import Field

from sandbox.kernel.errors import BadRequest, RuleViolation
from sandbox.kernel.fields import text_field
from sandbox.web_shared.requests import RequestModel, accepts, validated_body

from ..auth import control_blueprint

bp = control_blueprint("scenario_control", __name__)
YAML_TYPES = ("application/yaml", "application/x-yaml", "text/yaml", "text/plain")
MAX_SCENARIO_BYTES = 512 * 1024
WORKER_TIMEOUT_SECONDS = 300


class ScenarioRun(RequestModel):
    """POST /scenarios/run: the scenario (an object, or YAML/JSON text) and the seed."""

    field_codes: ClassVar[dict[str, str]] = {"scenario": "INVALID_SCENARIO",
                                             "seed": "INVALID_SEED"}
    scenario: dict[str, Any] | str = Field(description="the scenario: an object, or its YAML "
                                                       "or JSON text")
    seed: int = Field(0, ge=0, le=2**31 - 1, description="seeds OAuth states and verifiers")
    keep: bool = Field(False, description="keep the world afterwards (its id is in `world_id`)")


def _body() -> ScenarioRun:
    if request.mimetype in YAML_TYPES:
        raw = request.get_data(cache=True)
        if len(raw) > MAX_SCENARIO_BYTES:
            raise BadRequest("The scenario is larger than 512 KiB.", code="INVALID_SCENARIO")
        seed = text_field(request.args, "seed", "0")
        if not seed.isdigit() or int(seed) > 2**31 - 1:
            raise BadRequest("'seed' must be a whole number from 0.", code="INVALID_SEED")
        return ScenarioRun(scenario=raw.decode("utf-8", "replace"), seed=int(seed),
                           keep=text_field(request.args, "keep") in ("1", "true"))
    return validated_body(ScenarioRun)


@bp.post("/scenarios/run")
@accepts(ScenarioRun)
def run_scenario() -> Any:
    """Run it in a fresh world through this sandbox's own HTTP faces; 200 with the result
    (passed or not) and the normalised transcript; a scenario that cannot run is a 400.
    The run happens in a worker process (`sandbox.scenarios.worker`) that uses the Python
    client, as `tiktok-sandbox run --url` would."""
    # lazy: yaml and the scenario format are for this endpoint only, not for serve's start-up.
    from sandbox.scenarios import ScenarioError, load

    body = _body()
    try:
        load(body.scenario)  # refuse a malformed scenario before starting anything
    except ScenarioError as exc:
        raise BadRequest(str(exc), code="INVALID_SCENARIO", details={"where": exc.where}) from None
    token = request.headers.get("Authorization", "").removeprefix("Bearer ").strip() or None
    job = {"scenario": body.scenario, "seed": body.seed, "keep": body.keep, "token": token,
           "url": g.runtime.settings.seller_url}
    try:
        done = subprocess.run([sys.executable, "-m", "sandbox.scenarios.worker"],
                              input=json.dumps(job), capture_output=True, text=True,
                              timeout=WORKER_TIMEOUT_SECONDS, check=False)
        answer = json.loads(done.stdout)
    except subprocess.TimeoutExpired:
        raise RuleViolation(f"The scenario ran longer than {WORKER_TIMEOUT_SECONDS} s.",
                            code="SCENARIO_TIMEOUT") from None
    except ValueError:
        raise RuleViolation(f"The scenario could not run: {done.stderr[-500:]}",
                            code="SCENARIO_FAILED_TO_RUN") from None
    if "refused" in answer:
        refused = answer["refused"]
        raise BadRequest(refused["message"], code=refused["code"], details=refused["details"])
    return jsonify(answer)
