"""Seller Center's tables: shops, sellers, their sessions, link requests and links."""
