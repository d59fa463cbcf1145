"""sandbox.faces.open_api."""
