"""The authorization server's reads and revocations of its rows (codes, tokens, device
tickets), so oauth/ and the web layer build no query of their own."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from fake_tiktok_app.store.accounts import Account
from fake_tiktok_app.store.oauth import AuthorizationCode, QrTicket, Token


def code_with_account(session: Session, code: str) -> tuple[AuthorizationCode, Account | None] | None:
    """The authorization code with its account, in one statement."""
    found = session.execute(select(AuthorizationCode, Account)
                            .outerjoin(Account, Account.open_id == AuthorizationCode.open_id)
                            .where(AuthorizationCode.code == code)).first()
    return (found[0], found[1]) if found is not None else None


def revoke_tokens_of_code(session: Session, code: str, now: datetime) -> None:
    """A replayed code: what it issued stops working (RFC 6749 §4.1.2)."""
    session.execute(update(Token).where(Token.from_code == code, Token.revoked_at.is_(None))
                    .values(revoked_at=now))


def revoke_grant(session: Session, row: Token, now: datetime) -> None:
    """Every access and refresh token descended from `row`'s grant stops working."""
    family = Token.from_code == row.from_code if row.from_code else Token.id == row.id
    session.execute(update(Token).where(Token.world_id == row.world_id, family,
                                        Token.revoked_at.is_(None))
                    .values(revoked_at=now, refresh_revoked=True))


def token_by_refresh(session: Session, refresh_token: str) -> Token | None:
    return session.scalars(select(Token).where(Token.refresh_token == refresh_token)).first()


def token_by_string(session: Session, token: str, hint: str | None) -> Token | None:
    """The token whose access or refresh string is `token` (`hint` narrows which)."""
    if hint == "access_token":
        cond = Token.access_token == token
    elif hint == "refresh_token":
        cond = Token.refresh_token == token
    else:
        cond = or_(Token.access_token == token, Token.refresh_token == token)
    return session.scalars(select(Token).where(cond)).first()


def live_grants(session: Session, account: Account, client_key: str) -> list[Token]:
    """The account's unrevoked tokens of one client (Login Kit's auto-auth reads them)."""
    return list(session.scalars(select(Token).where(
        Token.world_id == account.world_id, Token.client_key == client_key,
        Token.open_id == account.open_id, Token.revoked_at.is_(None))))


def ticket_by_user_code(session: Session, user_code: str) -> QrTicket | None:
    """RFC 8628: the device ticket a user code names."""
    return session.scalars(select(QrTicket).where(QrTicket.user_code == user_code)).first()
