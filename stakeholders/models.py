"""Models of the stakeholders app (filled by its own issue)."""
