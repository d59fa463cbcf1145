"""sandbox.web.seller_api."""
