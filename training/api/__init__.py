"""The training API, included at /api/v1/ without a namespace: names start with "api-training-"."""
