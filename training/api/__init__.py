"""The training API's views."""
