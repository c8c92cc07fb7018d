"""Error responses: 422 with a message naming the parameter, 404 for unknown ids, 503 for store errors."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from sitroom.errors import NotFoundError, StoreError


class ParameterError(Exception):
    """A query parameter has an invalid value; ``message`` says what and how to fix it."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter
        self.message = f"{parameter}: {message}"


def _unprocessable(parameter: str | int, message: str, kind: str = "value_error") -> JSONResponse:
    detail = [{"loc": ["query", parameter], "msg": message, "type": kind}]
    return JSONResponse(status_code=422, content={"detail": detail, "message": message})


def _parameter_error(request: Request, error: ParameterError) -> JSONResponse:
    return _unprocessable(error.parameter, error.message)


def _validation_error(request: Request, error: RequestValidationError) -> JSONResponse:
    """Reshape FastAPI's validation errors so each message starts with the parameter's name."""
    detail = []
    for item in error.errors():
        location = [part for part in item.get("loc", ()) if isinstance(part, (str, int))]
        name = str(location[-1]) if location else "request"
        message = f"{name}: {item.get('msg', 'invalid value')}"
        if "input" in item and isinstance(item["input"], (str, int, float)):
            message += f" (got {item['input']!r})"
        detail.append({"loc": location, "msg": message, "type": item.get("type", "value_error")})
    message = "; ".join(entry["msg"] for entry in detail) or "invalid request"
    return JSONResponse(status_code=422, content={"detail": detail, "message": message})


def _not_found(request: Request, error: NotFoundError) -> JSONResponse:
    return JSONResponse(status_code=404, content={"detail": str(error)})


def _store_error(request: Request, error: StoreError) -> JSONResponse:
    return JSONResponse(status_code=503, content={"detail": f"the event store could not answer: {error}"})


def install_error_handlers(app: FastAPI) -> None:
    """Register the API's exception handlers on ``app``."""
    app.add_exception_handler(ParameterError, _parameter_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(NotFoundError, _not_found)  # type: ignore[arg-type]
    app.add_exception_handler(StoreError, _store_error)  # type: ignore[arg-type]
