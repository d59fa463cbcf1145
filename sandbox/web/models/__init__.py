"""Request-body models of the sandbox's JSON faces: they validate bodies and feed /openapi.json."""
