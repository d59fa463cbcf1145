"""The QR images Seller Center shows (PNG and SVG), drawn once here for every page that shows one."""

from __future__ import annotations

import io

import qrcode
import qrcode.image.svg


def png(data: str) -> bytes:
    buf = io.BytesIO()
    qrcode.make(data, box_size=6, border=2).save(buf)
    return buf.getvalue()


def svg(data: str) -> bytes:
    buf = io.BytesIO()
    qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage).save(buf)
    return buf.getvalue()
