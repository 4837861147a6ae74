"""The tabs of an organisation's training pages, in tab order: (section key, label, URL name taking
the organisation id). Each part of the app adds its own line."""

TRAINING_SECTIONS: list[tuple[str, str, str]] = [
    ("people", "People", "training:people_list"),
    ("requirements", "Requirements", "training:requirement_list"),
    ("courses", "Courses and sessions", "training:course_list"),
    ("gaps", "Gaps", "training:gaps"),
    ("matrix", "Matrix", "training:matrix"),
]
