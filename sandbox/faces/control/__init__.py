"""sandbox.faces.control."""
