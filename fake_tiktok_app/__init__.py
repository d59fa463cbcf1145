"""The fake TikTok app: accounts, the phone simulator and the OAuth 2.0 authorization server."""

from fake_tiktok_app.app import create_app

__all__ = ["create_app"]
