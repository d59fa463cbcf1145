"""sandbox.web.open_api."""
