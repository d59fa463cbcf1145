"""sandbox.openapi."""
