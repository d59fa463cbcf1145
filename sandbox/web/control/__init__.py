"""sandbox.web.control."""
