"""A sandbox refusal in TikTok Shop's envelope: TikTok's numeric code where the endpoint
documents one, else 36009004, with the sandbox's own code and rule appended (an extension)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from sandbox.domain.signing import OpenApiError
from sandbox.kernel.errors import SandboxError

INVALID = 36009004  # TikTok Shop's code for invalid parameters


def sandbox_words(exc: SandboxError) -> str:
    """The sandbox's own code and rule, appended to TikTok's message (sandbox extension)."""
    return f"{exc.message} [sandbox: {exc.code}{f', rule {exc.rule}' if exc.rule else ''}]"


@contextmanager
def tiktok_codes(codes: Mapping[str, tuple[int, str]] | None = None,
                 prefix: str = "") -> Iterator[None]:
    """A service's refusal (coded, maybe naming a rule) as TikTok's: a code of `codes` becomes
    its number and verbatim text (HTTP 200, as business errors are); any other is 36009004
    with the refusal's own status, its message after `prefix`."""
    try:
        yield
    except OpenApiError:
        raise
    except SandboxError as exc:
        if exc.status >= 500:
            raise
        if codes and exc.code in codes:
            number, text = codes[exc.code]
            raise OpenApiError(number, f"{text} {sandbox_words(exc)}") from None
        raise OpenApiError(INVALID, f"{prefix}{sandbox_words(exc)}", exc.status) from None
