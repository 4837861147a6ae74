"""The training API: thin views over the training selectors and services."""
