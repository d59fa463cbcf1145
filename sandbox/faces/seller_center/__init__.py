"""sandbox.faces.seller_center."""
