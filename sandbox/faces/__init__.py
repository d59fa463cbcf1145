"""sandbox.faces."""
