"""Shared kernel both services import: settings, clock, store base, worlds, events, jobs, errors."""
