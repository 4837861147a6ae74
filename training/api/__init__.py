"""The training REST API."""
