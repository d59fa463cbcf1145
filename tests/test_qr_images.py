"""Seller Center's QR images (D2): a real PNG and SVG of the link request's scan URL, for its shop
only."""

from __future__ import annotations


def test_the_qr_images_encode_the_request_for_its_seller(world, control_http):
    shop = world.create_shop(name="QR Shop", market="US")
    link = shop.seller.start_official_link()
    auth = {"Authorization": f"Bearer {shop.data['seller']['token']}"}
    png = control_http.get(f"/seller/links/{link.id}/qr.png", headers=auth)
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    svg = control_http.get(f"/seller/links/{link.id}/qr.svg", headers=auth)
    assert svg.status_code == 200 and b"<svg" in svg.content
    assert control_http.get(f"/seller/links/{link.id}/qr.png").status_code == 401
    assert control_http.get("/seller/links/nope/qr.png", headers=auth).status_code == 404
