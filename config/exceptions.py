"""The API's exception handler: DRF's, plus Django's ValidationError as a 400.

Services raise django.core.exceptions.ValidationError with the message a person should read
("A case cannot move from Assessment to Response: stages are taken in order. …"). DRF only knows
its own ValidationError, so without this a refused stage move would be a 500.
"""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler


def _as_drf_validation_error(exc: DjangoValidationError) -> exceptions.ValidationError:
    if hasattr(exc, "error_dict"):
        # Field errors keep their field names; model-wide errors go under "detail".
        detail = {
            ("detail" if field == NON_FIELD_ERRORS else field): messages
            for field, messages in exc.message_dict.items()
        }
    else:
        detail = {"detail": exc.messages}
    return exceptions.ValidationError(detail)


def api_exception_handler(exc, context):
    """DRF's handler, after turning a service's Django ValidationError into HTTP 400.

    Every 400 has one shape: a JSON object whose keys are the fields in error, and "detail" for
    the messages that belong to no single field; each value is a list of messages.
    """
    if isinstance(exc, DjangoValidationError):
        exc = _as_drf_validation_error(exc)
    response = exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.ValidationError):
        response.data = _one_shape(response.data)
    return response


def _one_shape(data):
    if isinstance(data, list):
        return {"detail": data}
    if isinstance(data, dict) and api_settings.NON_FIELD_ERRORS_KEY in data:
        data = dict(data)
        data["detail"] = [*data.get("detail", []), *data.pop(api_settings.NON_FIELD_ERRORS_KEY)]
    return data
