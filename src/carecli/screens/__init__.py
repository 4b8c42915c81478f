"""One module per screen; each screen's styles live in app.tcss under its own class prefix."""
