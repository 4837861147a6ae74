"""Serializers of the training API."""
