"""sandbox.web.seller_center."""
