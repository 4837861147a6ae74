"""The response plan API, by concern."""
