"""sandbox.faces.seller_api."""
