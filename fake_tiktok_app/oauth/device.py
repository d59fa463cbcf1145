"""RFC 8628 device authorization over QR tickets: the phone's scan journey approves a device."""

from __future__ import annotations

from typing import Any

from authlib.oauth2.rfc8628 import DeviceAuthorizationEndpoint
from authlib.oauth2.rfc8628 import DeviceCodeGrant as BaseDeviceCodeGrant
from flask import g

from fake_tiktok_app.domain import qr as machine
from fake_tiktok_app.oauth.tokens import TOKEN_AUTH_METHODS
from fake_tiktok_app.services import oauth_records, qr
from fake_tiktok_app.store.accounts import Account
from fake_tiktok_app.store.oauth import AuthorizationCode, OAuthClient, QrTicket
from sandbox.kernel.events import append_event
from sandbox.kernel.world_config import settings_for


class DeviceEndpoint(DeviceAuthorizationEndpoint):
    """`/oauth/device_authorization`: a QR ticket whose scan URL is verification_uri_complete."""

    CLIENT_AUTH_METHODS = TOKEN_AUTH_METHODS
    USER_CODE_TYPE = "string"

    def get_verification_uri(self) -> str:
        return f"{self.server.runtime.settings.app_url}/phone/scan"

    def save_device_credential(self, client_id: str, scope: str | None, data: dict[str, Any]) -> None:
        client = g.db.get(OAuthClient, client_id)
        settings = settings_for(g.db, client.world_id)
        now = self.server.now(client.world_id)
        _ticket, url = qr.create_ticket(
            g.db, client, (scope or "").replace(" ", ","), None, now, settings.qr_ttl_seconds,
            settings.app_url, token=data["device_code"], user_code=data["user_code"])
        g.device_scan_url, g.device_world_id = url, client.world_id

    def create_endpoint_response(self, request: Any) -> tuple[int, Any, Any]:
        status, data, headers = super().create_endpoint_response(request)
        data["verification_uri_complete"] = g.device_scan_url
        data["expires_in"] = settings_for(g.db, g.device_world_id).qr_ttl_seconds
        g.db.commit()
        return status, data, headers

    def generate_device_code(self) -> str:
        from authlib.common.security import generate_token

        return generate_token(40)


class DeviceCredential:
    def __init__(self, ticket: QrTicket, expired: bool) -> None:
        self.ticket, self.expired = ticket, expired

    def get_client_id(self) -> str:
        return self.ticket.client_key

    def get_scope(self) -> str:
        return self.ticket.scope.replace(",", " ")

    def get_user_code(self) -> str | None:
        return self.ticket.user_code

    def is_expired(self) -> bool:
        return self.expired


class DeviceCodeGrant(BaseDeviceCodeGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = TOKEN_AUTH_METHODS

    def query_device_credential(self, device_code: str) -> DeviceCredential | None:
        ticket = g.db.get(QrTicket, device_code)
        if ticket is None or ticket.user_code is None or ticket.status == machine.UTILISED:
            return None
        now = self.server.now(ticket.world_id)
        expired = machine.effective_status(ticket.status, ticket.expires_at, now) == machine.EXPIRED
        return DeviceCredential(ticket, expired and ticket.decided_at is None)

    def query_user_grant(self, user_code: str) -> tuple[Any, bool] | None:
        ticket = oauth_records.ticket_by_user_code(g.db, user_code)
        if ticket is None or ticket.decided_at is None:
            return None
        if ticket.code is None:
            return None, False  # the phone tapped Cancel
        return g.db.get(Account, ticket.open_id), True

    def should_slow_down(self, credential: Any) -> bool:
        return False

    def create_token_response(self) -> Any:
        result = super().create_token_response()
        ticket = self.request.credential.ticket
        now = self.server.now(ticket.world_id)
        ticket.status = machine.UTILISED
        code = g.db.get(AuthorizationCode, ticket.code)
        if code is not None:
            code.used_at = now
        append_event(g.db, ticket.world_id, now, "qr.utilised", ticket.token, {"device": True})
        return result
