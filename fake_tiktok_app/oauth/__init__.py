"""The only code that knows authlib: adapters, grants, token generation, the resource guard."""
