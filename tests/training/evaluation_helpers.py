"""What the knowledge checks and observations tests share: a course with a check of three questions,
and a member of staff on the staff list who took the course."""

from __future__ import annotations

from django.utils import timezone

from training import services
from training.models import CourseKind, Person, TrainingRecord

TODAY = timezone.localdate()
QUESTIONS = [
    {"text": "Who do you tell first about a concern?",
     "options": [{"text": "The DSL", "correct": True}, {"text": "The parents"}, {"text": "Nobody"}]},
    {"text": "Can you promise a child to keep a secret?",
     "options": [{"text": "Yes"}, {"text": "No", "correct": True}]},
    {"text": "When do you write the concern down?",
     "options": [{"text": "The same day", "correct": True}, {"text": "At the end of term"}]},
]


def course_with_check(world, *, organisation=None, actor=None, title="Whole-staff safeguarding", pass_mark=80):
    organisation = organisation or world.org_a
    actor = actor or world.alice
    course = services.course_create(actor=actor, organisation=organisation, title=title,
                                    kind=CourseKind.SAFEGUARDING)
    check = services.knowledge_check_create(actor=actor, course=course, pass_mark=pass_mark, questions=QUESTIONS)
    return course, check


def trained_person(world, course, *, user=None, name="Sam Staff") -> Person:
    """A person of the course's organisation (linked to `user`) with a record of the course."""
    person = Person.objects.create(organisation_id=course.organisation_id, full_name=name, user=user)
    TrainingRecord.objects.create(organisation_id=course.organisation_id, person=person, course=course,
                                  completed_on=TODAY, recorded_by=world.alice)
    return person


def answers(check, right: int) -> dict[int, int]:
    """Answers to the check: the first `right` questions answered correctly, the rest wrongly."""
    chosen = {}
    for number, question in enumerate(check.questions.order_by("position"), start=1):
        options = list(question.options.all())
        correct = next(o for o in options if o.correct)
        wrong = next(o for o in options if not o.correct)
        chosen[question.pk] = (correct if number <= right else wrong).pk
    return chosen
