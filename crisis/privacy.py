"""The personal-data guard: what in a report's text could identify a child or another person.

`scan` is pure: it takes the texts of a report (each with where it comes from and where to fix it),
the case's protected names and today's date, and returns what it found, in text order. Nothing here
reads the database except `protected_names_for`, which gathers a case's names for `scan` in one
query. docs/personal-data-guard.md says what the guard looks for, and what it leaves alone.

A hit's message names the record and the field, never what was found: messages are shown and kept
where the text itself is not (a refusal, a log), and a protected name must not travel with them.
The matched text is in `GuardHit.match`, for the consultant who fixes the record.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from .models import ProtectedName, split_aliases

PROTECTED_NAME = "protected_name"
DATE_OF_BIRTH = "date_of_birth"
POSTCODE = "postcode"
PHONE = "phone"
EMAIL = "email"
NI_NUMBER = "ni_number"
UPN = "upn"

KINDS = (PROTECTED_NAME, DATE_OF_BIRTH, POSTCODE, PHONE, EMAIL, NI_NUMBER, UPN)

# What a message says was found (never the text itself).
LABELS = {
    PROTECTED_NAME: "a protected name",
    DATE_OF_BIRTH: "a date of birth",
    POSTCODE: "a postcode",
    PHONE: "a phone number",
    EMAIL: "an email address",
    NI_NUMBER: "a National Insurance number",
    UPN: "a pupil number (UPN)",
}
POSSIBLE_DATE_OF_BIRTH = "a date that could be a child's date of birth"

# A child's date of birth lies between these many years and this many years before today.
OLDEST_CHILD_YEARS = 25
YOUNGEST_CHILD_YEARS = 2


@dataclass(frozen=True)
class GuardText:
    """One text of a report: `key` is stable ("risk:12:title"), `record` and `field` say where it is
    in words ("Risk R-12", "title"), `url` where to fix it."""

    key: str
    record: str
    field: str
    text: str
    url: str = ""


@dataclass(frozen=True)
class GuardHit:
    """Something personal in one text. `hit_id` is stable for the same finding in the same field
    (a hash of key, kind and the normalised match), so an override can be recorded against it."""

    key: str
    record: str
    field: str
    kind: str
    match: str
    message: str
    url: str = ""
    hit_id: str = dataclass_field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "hit_id", hit_id(self.key, self.kind, self.match))


def hit_id(key: str, kind: str, match: str) -> str:
    """Twelve hex digits: the same for the same finding in the same field, however it is spaced."""
    digest = hashlib.sha256(f"{key}\x1f{kind}\x1f{normalise(kind, match)}".encode()).hexdigest()
    return digest[:12]


def normalise(kind: str, text: str) -> str:
    """What makes two findings the same: phone numbers by their national digits, anything else by its
    letters and digits, case-folded ("Jane  Smith" is "jane smith"; "SW1A1AA" is "SW1A 1AA")."""
    if kind == PHONE:
        digits = re.sub(r"\D", "", text.replace("(0)", ""))
        if digits.startswith("0044"):
            digits = digits[2:]
        return "0" + digits[2:] if digits.startswith("44") else digits
    if kind == EMAIL:
        return text.strip().casefold()
    return re.sub(r"[\W_]+", "", text.casefold())


# Protected names ---------------------------------------------------------------------------------

APOSTROPHES = "'’‘`"
# A name stands alone: not inside a longer word or a hyphenated name ("Smith" is not in "Smithson"
# nor in "Jones-Smith"); a possessive ("Smith's") or any punctuation may follow.
_NAME_START = r"(?<!\w)(?<!\w-)"
_NAME_END = r"(?![\w]|-\w)"


def name_variants(name: str) -> list[str]:
    """The ways a full name is written: as given ("Jane Alice Smith"), without middle names
    ("Jane Smith"), and surname first ("Smith, Jane Alice", "Smith, Jane"). A one-word name (an alias
    such as a nickname or a distinctive first name) is only itself."""
    words = name.split()
    if len(words) < 2:
        return words
    first, middle, last = words[0], words[1:-1], words[-1]
    variants = [" ".join(words), f"{last}, {' '.join([first, *middle])}"]
    if middle:
        variants += [f"{first} {last}", f"{last}, {first}"]
    return variants


def _name_pattern(variant: str) -> str:
    """Words across any white space (line breaks too), "Smith,Jane" as "Smith, Jane", any apostrophe."""
    any_apostrophe = f"[{APOSTROPHES}]"
    parts = []
    for part in variant.split(","):
        words = [re.sub(any_apostrophe, any_apostrophe, re.escape(word)) for word in part.split()]
        parts.append(r"\s+".join(words))
    return r"\s*,\s*".join(parts)


def names_regex(names: Iterable[str]) -> re.Pattern | None:
    """One pattern for every variant of every name, longest first (so "Jane Smith" is found whole
    before a lone alias "Smith" could be), case-insensitive, across any run of white space."""
    variants = {variant.casefold(): variant for name in names for variant in name_variants(name)}
    if not variants:
        return None
    ordered = sorted(variants.values(), key=lambda v: (-len(v.split()), -len(v), v))
    alternatives = "|".join(_name_pattern(v) for v in ordered)
    return re.compile(f"{_NAME_START}(?:{alternatives}){_NAME_END}", re.IGNORECASE)


# Dates -------------------------------------------------------------------------------------------

MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_MONTH = (r"(?P<{g}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?:\.(?=\s*\d))?")
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
# 3/3/2014, 03-03-14, 3.3.2014 (one separator throughout); 2014-03-03; 3 March 2014, 3rd of March 2014;
# March 3, 2014. A day and month with no year counts only next to a keyword ("DOB: 3 March").
DATE = re.compile(
    r"(?<![\w/.-])(?:"
    r"(?P<nd>[0-3]?\d)(?P<sep>[/.-])(?P<nm>[01]?\d)(?P=sep)(?P<ny>\d{4}|\d{2})"
    r"|(?P<iy>\d{4})-(?P<im>[01]\d)-(?P<iday>[0-3]\d)"
    r"|" + _DAY.format(g="td") + r"(?:\s+of)?\s+" + _MONTH.format(g="tm") + r"(?:,?\s+(?P<ty>\d{4}))?"
    r"|" + _MONTH.format(g="um") + r"\s+" + _DAY.format(g="ud") + r"(?:,?\s+(?P<uy>\d{4}))?"
    r")(?![\w]|[/.-]\d)",
    re.IGNORECASE,
)
# "born", "DOB", "d.o.b.", "date of birth", "birthday", "birth date", then a few small words.
_DOB_KEYWORD = r"(?:\bborn|\bd\.?o\.?b\b\.?|\bdate\s+of\s+birth|\bbirth\s*date|\bbirthday)"
DOB_BEFORE = re.compile(_DOB_KEYWORD + r"[\s:;,=()\[\]–—-]*(?:(?:is|was|on|the|of|in)\b[\s:,]*){0,3}$",
                        re.IGNORECASE)
DOB_AFTER = re.compile(r"^[\s,;:]*[(\[]?\s*" + _DOB_KEYWORD, re.IGNORECASE)
_NEARBY = 40  # characters either side of a date in which a keyword is looked for


def _date_of(match: re.Match, today: dt.date) -> tuple[dt.date | None, bool]:
    """(the date, whether it has a year); (None, …) for something that is no calendar date."""
    g = match.groupdict()
    try:
        if g["nd"]:
            year = int(g["ny"])
            if len(g["ny"]) == 2:  # 03/03/14: this century unless that is in the future
                year += 2000 if 2000 + year <= today.year else 1900
            return dt.date(year, int(g["nm"]), int(g["nd"])), True
        if g["iy"]:
            return dt.date(int(g["iy"]), int(g["im"]), int(g["iday"])), True
        day, month, year = (g["td"], g["tm"], g["ty"]) if g["td"] else (g["ud"], g["um"], g["uy"])
        # A date without a year is checked against a leap year, so 29 February is a date.
        return dt.date(int(year) if year else 2000, MONTHS[month[:3].casefold()], int(day)), bool(year)
    except ValueError:
        return None, False


def _years_before(today: dt.date, years: int) -> dt.date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def _date_hits(text: str, today: dt.date) -> Iterator[tuple[re.Match, str]]:
    oldest, youngest = _years_before(today, OLDEST_CHILD_YEARS), _years_before(today, YOUNGEST_CHILD_YEARS)
    for match in DATE.finditer(text):
        day, has_year = _date_of(match, today)
        if day is None:
            continue
        before = text[max(0, match.start() - _NEARBY):match.start()]
        after = text[match.end():match.end() + _NEARBY]
        if DOB_BEFORE.search(before) or DOB_AFTER.search(after):
            yield match, LABELS[DATE_OF_BIRTH]
        elif has_year and oldest <= day <= youngest:
            yield match, POSSIBLE_DATE_OF_BIRTH


# Postcodes, phone numbers, email addresses, NI numbers and UPNs -------------------------------------

# A9, A99, A9A, AA9, AA99, AA9A (the first letter never Q, V or X; the second never I, J or Z)
_OUTWARD = r"[A-PR-UWYZ](?:\d[A-HJKPSTUW\d]?|[A-HK-Y]\d[ABEHMNPRVWXY\d]?)"
_INWARD = r"\d[ABD-HJLNP-UW-Z]{2}"  # 9AA: never C, I, K, M, O or V
# With a space in any case ("b33 8th"); run together only in capitals ("SW1A1AA"), so that an
# id such as "e4d9af" is not taken for one.
POSTCODE_RE = re.compile(
    rf"(?<![\w-])(?:(?i:{_OUTWARD}[^\S\n]{_INWARD})|{_OUTWARD}{_INWARD})(?![\w]|-\w)"
)

# 07700 900123, 07700 900 123, +44 7700 900123, +44 (0)20 7946 0018, (020) 7946 0018, 0161 496 0000,
# 0161-496-0000, 07700900123: one separator throughout, checked as a number afterwards.
PHONE_RE = re.compile(
    r"(?<![\w+/.-])"
    r"(?:(?:\+|00)44\s?(?:\(0\)\s?)?\d{2,4}|\(0\d{2,4}\)|0\d{2,4})"
    r"(?:(?P<sep>[ .-])?\d{3,8}(?:(?P=sep)\d{3,4})?)"
    r"(?![\w]|[/.-]\d)"
)
# Mobiles (07) and geographic numbers (01, 02) belong to people and households; 03, 08 and 09
# numbers are organisations' (helplines, switchboards) and are left alone.
PERSONAL_PHONE_PREFIXES = ("01", "02", "07")

EMAIL_RE = re.compile(r"(?<![\w.+'-])(?P<local>[\w.%+'-]+)@(?P<domain>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
# Addresses of a role, not a person (compared without dots, hyphens and underscores).
ROLE_MAILBOXES = frozenset({
    "info", "office", "admin", "enquiries", "enquiry", "safeguarding", "dsl", "press", "media", "lado",
    "contact", "reception", "head", "headteacher", "governors", "clerk", "noreply", "donotreply",
    "postmaster", "hello",
})

# Two letters (not D, F, I, Q, U, V; the second not O either; not BG, GB, KN, NK, NT, TN, ZZ),
# six digits in pairs, a letter A–D.
NI_RE = re.compile(
    r"(?<![\w-])(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
    r"\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D](?![\w]|-\w)",
    re.IGNORECASE,
)
# A unique pupil number: a check letter and twelve digits; a temporary one ends in a letter too.
UPN_RE = re.compile(r"(?<![\w-])[A-Z](?:\d{12}|\d{11}[A-Z])(?![\w]|-\w)", re.IGNORECASE)


def _phone_is_personal(number: str) -> bool:
    digits = normalise(PHONE, number)
    return len(digits) == 11 and digits.startswith(PERSONAL_PHONE_PREFIXES)


def _email_is_personal(match: re.Match) -> bool:
    local = match["local"].split("+")[0].casefold()
    return re.sub(r"[._-]", "", local) not in ROLE_MAILBOXES


def _search_all(pattern: re.Pattern, text: str, keep: Callable[[re.Match], bool]) -> Iterator[re.Match]:
    """Every match that `keep` accepts. A refused match gives its text back, one character on, so
    a number run into a date ("on 01.02.2014 07700 900123") is still found."""
    position = 0
    while (match := pattern.search(text, position)) is not None:
        if keep(match):
            yield match
            position = match.end()
        else:
            position = match.start() + 1


# The scan ----------------------------------------------------------------------------------------


def _findings(text: str, *, names: re.Pattern | None, today: dt.date) -> Iterator[tuple[int, str, str, str]]:
    """(position, kind, matched text, what the message says) of everything personal in one text."""
    if names is not None:
        for match in names.finditer(text):
            yield match.start(), PROTECTED_NAME, match.group(), LABELS[PROTECTED_NAME]
    for match, label in _date_hits(text, today):
        yield match.start(), DATE_OF_BIRTH, match.group(), label
    simple = (
        (POSTCODE, POSTCODE_RE, None),
        (PHONE, PHONE_RE, lambda m: _phone_is_personal(m.group())),
        (EMAIL, EMAIL_RE, _email_is_personal),
        (NI_NUMBER, NI_RE, None),
        (UPN, UPN_RE, None),
    )
    for kind, pattern, keep in simple:
        matches = _search_all(pattern, text, keep) if keep else pattern.finditer(text)
        for match in matches:
            yield match.start(), kind, match.group(), LABELS[kind]


def scan(
    texts: Iterable[GuardText],
    *,
    protected_names: Iterable[str],
    today: dt.date,
    allowed: Iterable[str] = (),
) -> list[GuardHit]:
    """Everything in `texts` that could identify a person: the case's protected names, dates of birth,
    postcodes, personal phone numbers and email addresses, NI numbers and UPNs.

    `allowed` are strings never reported, whatever they look like (the lead consultant's own email
    address and phone number): compared as `normalise` compares findings. One hit per finding and
    field (the same phone number twice in one field is one hit); hits come in the order of `texts`,
    and within a text in reading order.
    """
    names = names_regex(protected_names)
    allowed = list(allowed)
    allowed_by_kind = {kind: {normalise(kind, text) for text in allowed} for kind in KINDS}
    hits: list[GuardHit] = []
    for item in texts:
        seen: set[str] = set()
        for _, kind, match, label in sorted(_findings(item.text or "", names=names, today=today)):
            if normalise(kind, match) in allowed_by_kind[kind]:
                continue
            hit = GuardHit(key=item.key, record=item.record, field=item.field, kind=kind, match=match,
                           message=f"{item.record} {item.field}: {label}", url=item.url)
            if hit.hit_id not in seen:
                seen.add(hit.hit_id)
                hits.append(hit)
    return hits


def protected_names_for(case) -> list[str]:
    """The case's protected names and their other spellings, for `scan`; one query.

    For the report pipeline, which checks a report's text before it leaves: the names are handed to
    `scan` and never shown. Pages and the API read names through the selectors, which take the user.
    """
    names: dict[str, str] = {}
    rows = ProtectedName.objects.filter(organisation_id=case.organisation_id, case=case).values_list(
        "name", "also_known_as"
    )
    for name, also_known_as in rows:
        for each in [name, *split_aliases(also_known_as)]:
            names.setdefault(" ".join(each.split()).casefold(), " ".join(each.split()))
    return list(names.values())


def hit_record(hit: GuardHit) -> dict:
    """A hit as a report keeps it (JSON): where and what kind, never the text found, so the stored
    findings do not become a second copy of a child's name. The text is found again by scanning."""
    return {"hit_id": hit.hit_id, "key": hit.key, "record": hit.record, "field": hit.field, "kind": hit.kind,
            "message": hit.message, "url": hit.url}
