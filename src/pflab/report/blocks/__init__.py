"""The report's computations, one module per capability (each calls one library API)."""
