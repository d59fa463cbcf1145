"""Thin Flask blueprints of the fake app: parse, call a service, render JSON or HTML."""
