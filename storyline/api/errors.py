"""One JSON error shape, ``{"error": {"code": int, "message": str, "detail": any}}``, from one handler."""

from __future__ import annotations

import logging

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from storyline.errors import InvalidValueError, NotFoundError, StorylineError

log = logging.getLogger(__name__)
# OverflowError: a number too large for the database that slipped past the parameter bounds; answered
# as 422 by this handler (not by the server's last-resort 500, which also drops the connection).
HANDLED = (StarletteHTTPException, RequestValidationError, StorylineError, OverflowError, Exception)


def status_of(exc: Exception) -> int:
    """The HTTP status of one of our errors a request caused: 404 not found, 422 a bad value, else 500."""
    if isinstance(exc, NotFoundError):
        return 404
    return 422 if isinstance(exc, InvalidValueError) else 500


class ErrorInfo(BaseModel):
    code: int = Field(description="The HTTP status again.")
    message: str = Field(description="What went wrong, for a person.")
    detail: list[dict] | dict | str | None = Field(
        None, description="For 422: one {field, problem} per invalid parameter; otherwise null.")


class ErrorBody(BaseModel):
    """Every API error has this one shape."""

    error: ErrorInfo


ERROR_RESPONSES = {
    404: {"model": ErrorBody, "description": "Not found: no such item or path."},
    422: {"model": ErrorBody, "description": "Invalid parameters; `detail` lists each field and its problem."},
}


def error_body(code: int, message: str, detail=None) -> dict:
    return {"error": {"code": code, "message": message, "detail": detail}}


async def api_error(request: Request, exc: Exception) -> JSONResponse:
    """Every API error, whatever raised it (404, 405, 422 validation, bugs), in the one shape."""
    if isinstance(exc, RequestValidationError):
        detail = [{"field": ".".join(str(p) for p in e["loc"]), "problem": e["msg"]} for e in exc.errors()]
        code, message = 422, "Some parameters are not valid; see detail."
    elif isinstance(exc, StarletteHTTPException):
        code, message, detail = exc.status_code, str(exc.detail), None
    elif isinstance(exc, (InvalidValueError, NotFoundError)):
        code, message, detail = status_of(exc), str(exc), None
    elif isinstance(exc, OverflowError):
        code, message, detail = 422, "A number in the request is out of range.", None
    else:
        log.exception("API error on %s", request.url.path)
        code, message, detail = 500, "Internal error; it has been logged.", None
    headers = getattr(exc, "headers", None) if isinstance(exc, StarletteHTTPException) else None
    return JSONResponse(error_body(code, message, detail), status_code=code, headers=headers)
