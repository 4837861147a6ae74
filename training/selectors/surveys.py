def staff_survey_key_score(*, case) -> dict | None:
    """The latest staff survey's score on the key questions, or None when there is none with enough responses."""
    return None
