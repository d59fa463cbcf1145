"""Copies of worlds: fork, and snapshot bundles that load into a new world."""
