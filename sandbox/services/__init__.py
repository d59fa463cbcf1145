"""Seller Center use cases: domain + store + clock + events; each commits explicitly."""
