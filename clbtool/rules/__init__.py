"""The rule catalogue and the checks, one module per family."""
