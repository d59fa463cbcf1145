"""The QR images Seller Center shows (PNG and SVG), drawn once here for every page that shows one."""

from __future__ import annotations

import io


def png(data: str) -> bytes:
    import qrcode  # lazy: qrcode + PIL (~25 ms) only when a page first shows a QR code

    buf = io.BytesIO()
    qrcode.make(data, box_size=6, border=2).save(buf)
    return buf.getvalue()


def svg(data: str) -> bytes:
    import qrcode.image.svg  # lazy: as in png()

    buf = io.BytesIO()
    qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage).save(buf)
    return buf.getvalue()
