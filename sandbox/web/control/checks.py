"""Control plane of readiness checks (sandbox extension): describe a registered app, and run
the readiness cases against it (the same runner as `tiktok-sandbox check`)."""

from __future__ import annotations

from typing import Any

from flask import g, jsonify, request

from fake_tiktok_app.services import clients
from sandbox.kernel.errors import BadRequest, Conflict, NotFound
from sandbox.services import partner_apps
from sandbox.web.auth import control_blueprint
from sandbox.web.models.checks import CheckRun
from sandbox.web_shared.requests import accepts, validated_body

bp = control_blueprint("control_checks", __name__)


@bp.get("/worlds/<world_id>/clients/<key>")
def client(world_id: str, key: str) -> Any:
    """A registered app by its app_key (shop_app, with its authorizations) or client_key
    (login_kit); secrets are not shown."""
    g.runtime.world(g.db, world_id)
    app = partner_apps.find_app(g.db, key)
    if app is not None and app.world_id == world_id:
        view = partner_apps.app_view(app, g.runtime.settings.seller_url)
        view.pop("app_secret", None)
        view["authorizations"] = partner_apps.app_authorizations(g.db, world_id, key)
        return jsonify(view)
    found = clients.find_client(g.db, key)
    if found is not None and found.world_id == world_id:
        return jsonify({**clients.client_view(found, with_secret=False), "kind": "login_kit"})
    raise NotFound(f"No app with app_key or client_key {key!r} in world {world_id!r}.",
                   code="CLIENT_NOT_FOUND")


@bp.post("/worlds/<world_id>/checks")
@accepts(CheckRun)
def run(world_id: str) -> Any:
    """Run the readiness cases against the app, as `tiktok-sandbox check` does: over this
    sandbox's own HTTP control plane; answers when every case has a result."""
    from sandbox.readiness.plane import Plane, PlaneError
    from sandbox.readiness.runner import UsageProblem, run_checks

    body = validated_body(CheckRun)
    g.runtime.world(g.db, world_id)
    g.db.commit()  # nothing is held while the check drives the app
    token = request.headers.get("Authorization", "").removeprefix("Bearer ").strip() or None
    with Plane(request.host_url, world_id, token) as plane:
        try:
            report = run_checks(plane, body.app_key,
                                client_key=body.client_key, start_url=body.start_url,
                                login_url=body.login_url, only=body.only)
        except UsageProblem as exc:
            raise BadRequest(str(exc), code=exc.code, details=exc.details) from None
        except PlaneError as exc:  # a step of the check itself was refused
            raise Conflict(f"The check could not go on: a step was refused with HTTP "
                           f"{exc.status} {exc.code}: {exc.message}", code="CHECK_STEP_REFUSED",
                           details={"status": exc.status, "code": exc.code}) from None
    return jsonify(report.to_dict())
