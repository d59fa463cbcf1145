"""Thin Flask blueprints of the sandbox: Seller Center pages, actor API, control plane."""
