"""The web page's stylesheet, read as the tests need it."""

import re
from pathlib import Path

from django.conf import settings


def css_variables() -> dict[str, str]:
    """The colours static/css/safehold.css names as CSS variables (`--brand: #1d4f7a;`), by name."""
    css = (Path(settings.BASE_DIR) / "static" / "css" / "safehold.css").read_text()
    return {name: colour.lower() for name, colour in re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})\s*;", css)}
