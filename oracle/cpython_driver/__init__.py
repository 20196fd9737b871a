"""The CPython side of `pymem oracle` (see ../driver.py and ../README.md)."""
