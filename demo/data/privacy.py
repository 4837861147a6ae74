"""The demo cases' protected names: fictional people whose names the report guard keeps out of the
case's outgoing reports. No demo text mentions them, so the demo's reports pass the guard; type one
into a risk or a press line to see it stopped."""

from __future__ import annotations

from dataclasses import dataclass

from crisis.models import ProtectedName

Role = ProtectedName.Role


@dataclass(frozen=True)
class NameSpec:
    name: str
    role: str
    also_known_as: tuple[str, ...] = ()
    note: str = ""


# By case title (see cases.py).
PROTECTED_NAMES: dict[str, tuple[NameSpec, ...]] = {
    "Allegation against a member of staff": (
        NameSpec("Amelia Rose Hartley", Role.CHILD, ("Millie Hartley", "Millie"), "Pupil A, Year 8."),
        NameSpec("Daniel Kershaw", Role.SUBJECT, ("Dan Kershaw",), "The suspended teacher."),
        NameSpec("Joanne Hartley", Role.FAMILY, (), "Pupil A's mother, who reported the concern."),
    ),
    "Coach conduct: concerns raised by parents": (
        NameSpec("Oliver Pennington", Role.CHILD, ("Ollie Pennington",), "The swimmer whose parents complained."),
        NameSpec("Gareth Brannigan", Role.SUBJECT, (), "The coach."),
    ),
    "Safeguarding judged ineffective at inspection": (
        NameSpec("Isla McBride", Role.CHILD, ("Isla Mc Bride",), "The child named in the inspection evidence."),
        NameSpec("Siobhan McBride", Role.FAMILY, (), "Isla's mother."),
    ),
    "Concern about a trustee's online contact with young people": (
        NameSpec("Kai Okonkwo-Reid", Role.CHILD, ("Kai Reid",), "Young person A."),
        NameSpec("Rhys Pemberton", Role.SUBJECT, (), "The trustee, stepped down pending the review."),
        NameSpec("Leah Duffy", Role.WITNESS, (), "Youth club member who saw the messages."),
    ),
    "Trust-wide safeguarding culture after a whistleblowing disclosure": (
        NameSpec("Gavin Thornbury", Role.SUBJECT, ("Mr Thornbury",), "The teacher the concerns were about."),
        NameSpec("Bethany Claremont", Role.WITNESS, ("Beth Claremont",), "The member of staff who raised the "
                                                                          "concern under the whistleblowing policy."),
        NameSpec("Tyler Ashcombe", Role.CHILD, (), "A Year 8 pupil named in a colleague's earlier concern."),
    ),
}
