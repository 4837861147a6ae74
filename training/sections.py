"""The tabs of an organisation's training pages, in tab order: (section key, label, URL name taking
the organisation id). Each part of the app adds its own line."""

TRAINING_SECTIONS: list[tuple[str, str, str]] = [
    ("matrix", "Matrix", "training:matrix"),
]
