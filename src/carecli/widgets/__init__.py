"""Reusable widgets; each sends its own nested Message classes."""
