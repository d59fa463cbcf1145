"""sandbox.web."""
