import datetime as dt

import pytest

from assessment import services as assessment_services
from response import services as response_services
from stakeholders import services


@pytest.fixture
def ofsted(world):
    """Organisation A's regulator, receiving reports as a PDF attachment, with one contact."""
    return services.stakeholder_create(
        actor=world.alice, case=world.case_a, kind="regulator", name="Ofsted", trust_level=2, receives_reports=True,
        contacts=[{"name": "Senior HMI", "email": "hmi@ofsted.example", "role": "Regulation"}],
    )


@pytest.fixture
def lado(world):
    """The local authority, who prefer a signed download link."""
    return services.stakeholder_create(
        actor=world.alice, case=world.case_a, kind="local_authority", name="Northshire LADO", receives_reports=True,
        report_delivery="link", contacts=[{"name": "LADO", "email": "lado@northshire.example"}],
    )


@pytest.fixture
def case_content(world):
    """Something for the report to show: a risk and an overdue action."""
    assessment_services.risk_create(actor=world.alice, case=world.case_a, title="Single central record gaps",
                                category="legal", inherent_likelihood=4, inherent_impact=5)
    response_services.action_create(actor=world.alice, case=world.case_a, title="Complete the SCR audit",
                                  due_on=dt.date.today() - dt.timedelta(days=2))


@pytest.fixture
def internal(db):
    """Arguments that send a report without the approval step — the version for the organisation's own
    governors, set to need no approval — for tests of delivery itself (approval: test_approval.py)."""
    from stakeholders.models import AudienceProfile

    return {"audience": AudienceProfile.objects.get(key="governors"), "requires_approval": False}
