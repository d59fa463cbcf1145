"""The rule registry: every rule of RULES.md declared once (text, codes, parameters)."""
