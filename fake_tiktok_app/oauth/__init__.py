"""The only code that knows authlib: adapters, grants, token generation, the resource guard.

`OAuthProtocolError` is authlib's error type under our name, so views can catch a refused
client or token without importing authlib themselves."""

from authlib.oauth2 import OAuth2Error as OAuthProtocolError

__all__ = ["OAuthProtocolError"]
