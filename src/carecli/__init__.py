"""carecli: a keyboard-driven terminal app for independent care managers."""

__version__ = "0.1.0"
