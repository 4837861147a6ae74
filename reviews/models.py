"""Models of the reviews app (filled by its own issue)."""
