"""Diagnostics both apps share: fault rules, their presets, explain and the timeline."""
