"""`notice-extract serve`: the extractor as an HTTP service (FastAPI on uvicorn).

POST /extract takes a notice (a multipart file upload, or the raw bytes as the body) in any format
the tool reads and returns its contract JSON, exactly what `notice-extract extract` prints; POST
/link takes several outputs and returns their link records; GET /schema, GET /health, and the
OpenAPI description at /openapi.json and /docs.

Extraction runs in `jobs` child processes (commands/isolated.py), each under the per-document
deadline in its main thread and a wall-clock limit past it, so a runaway or crashing document ends
only its own child, which is started again. A body over --max-mb is refused from its
Content-Length, or as soon as the bytes read pass the limit, never read whole. Every error is JSON,
{"error": "<one line>"}, with its status: 400 unreadable, 413 too large, 422 not a task notice, 504
past the deadline, 500 for a crash or a bug, never a traceback.
"""

from __future__ import annotations

import asyncio
import json
import os

from fastapi import FastAPI, Query, Request  # at module level: FastAPI reads the handlers' annotations

from ..base.errors import NoticeError

MULTIPART_OVERHEAD = 64 * 1024  # the form's boundaries and part headers around an uploaded file


def extract_upload(data: bytes, name: str) -> tuple[int, str]:
    """(status, body) of one notice; runs in a child process, under the deadline."""
    from ..output import dumps
    from ..pipeline import extract_bytes

    try:
        return 200, dumps(extract_bytes(data, name))
    except NoticeError as error:
        return status_of(error.reason), _error(str(error))
    except Exception as error:  # a bug: the one line, as the command line prints it
        return 500, _error(f"{name}: internal error ({type(error).__name__}: {error})")


def status_of(reason: str) -> int:
    if "timed out" in reason:
        return 504
    if "not a task notice" in reason:
        return 422
    if "over the" in reason and "limit" in reason:
        return 413
    return 400


def _error(message: str) -> str:
    return json.dumps({"error": " ".join(message.split())}, ensure_ascii=False)


class TooLarge(Exception):
    pass


class Pool:
    """`jobs` extraction processes; a request waits for a free one."""

    def __init__(self, jobs: int, max_bytes: int, ocr_mode: str):
        from .isolated import Child

        self.children = [Child(max_bytes, ocr_mode) for _ in range(jobs)]
        self.free: asyncio.Queue | None = None

    async def start(self) -> None:
        self.free = asyncio.Queue()
        for child in self.children:
            await asyncio.to_thread(child.start)
            self.free.put_nowait(child)

    async def extract(self, data: bytes, name: str) -> tuple[int, str]:
        from .isolated import Crashed, Overran, wall_limit

        child = await self.free.get()
        try:
            return await asyncio.to_thread(child.call, "extractor.commands.service:extract_upload", data, name,
                                           wall_seconds=wall_limit(len(data)))
        except Overran:
            return 504, _error(f"{name}: extraction did not end within its time limit and was stopped")
        except Crashed as error:
            return 500, _error(f"{name}: extraction crashed ({error}); the service goes on")
        except RuntimeError as error:
            return 500, _error(f"{name}: internal error ({error})")
        finally:
            self.free.put_nowait(child)

    def close(self) -> None:
        for child in self.children:
            child.close()


def create_app(jobs: int = 1, max_bytes: int = 20 * 1024 * 1024, ocr_mode: str = "auto"):
    import contextlib

    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import JSONResponse, Response
    from starlette.exceptions import HTTPException

    pool = Pool(jobs, max_bytes, ocr_mode)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        await pool.start()
        try:
            yield
        finally:
            pool.close()

    app = FastAPI(title="notice-extract", lifespan=lifespan,
                  description="Chinese government notices of yearly livelihood projects into the contract JSON.")

    def error(status: int, message: str) -> JSONResponse:
        return JSONResponse({"error": " ".join(str(message).split())}, status_code=status)

    @app.exception_handler(HTTPException)
    async def http_error(request, exception):
        return error(exception.status_code, exception.detail)

    @app.exception_handler(RequestValidationError)
    async def invalid(request, exception):
        first = exception.errors()[0] if exception.errors() else {}
        return error(400, f"invalid request: {first.get('msg', 'unreadable')} at {'.'.join(map(str, first.get('loc', ())))}")

    @app.exception_handler(Exception)
    async def bug(request, exception):
        return error(500, f"internal error ({type(exception).__name__}: {exception})")

    async def body(request: Request, limit: int) -> bytes:
        """The request's body, refused (TooLarge) before it is read whole if it passes `limit`."""
        length = request.headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > limit:
            raise TooLarge()
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise TooLarge()
            chunks.append(chunk)
        return b"".join(chunks)

    def too_large(name: str) -> JSONResponse:
        from ..read import describe_size

        return error(413, f"{name}: over the {describe_size(max_bytes)} limit (the service's --max-mb)")

    @app.post("/extract", summary="The contract JSON of one notice",
              description="The notice as a multipart file upload (field `file`) or as the raw body (any format the "
                          "tool reads; `name` names it). Errors: 400 unreadable, 413 too large, 422 not a task "
                          "notice, 504 past the per-document deadline.",
              responses={200: {"description": "the contract JSON (notice-extract schema)"}})
    async def extract(request: Request, name: str = Query("upload", description="the file name of a raw body")):
        multipart = request.headers.get("content-type", "").startswith("multipart/form-data")
        try:
            data = await body(request, max_bytes + (MULTIPART_OVERHEAD if multipart else 0))
        except TooLarge:
            return too_large(name)
        if multipart:
            data, name = await _uploaded(request, data)
            if data is None:
                return error(400, "a multipart request needs one file field")
            if len(data) > max_bytes:
                return too_large(name)
        status, text = await pool.extract(data, name)
        return Response(text if text.endswith("\n") else text + "\n", status_code=status,
                        media_type="application/json")

    @app.post("/link", summary="Link records between several outputs",
              description="A JSON array of contract outputs (as /extract returns them); the link records of "
                          "`notice-extract link` between them (schema: GET /schema?link=true).")
    async def link(request: Request):
        try:
            data = await body(request, max_bytes)
        except TooLarge:
            return too_large("link request")
        try:
            documents = json.loads(data)
        except (ValueError, UnicodeDecodeError) as problem:
            return error(400, f"not JSON ({str(problem)[:80]})")
        from ..output.relational import is_notice_output

        if not isinstance(documents, list) or not all(is_notice_output(document) and "document" in document
                                                      for document in documents):
            return error(400, "the body must be a JSON array of notice-extract outputs")
        from .link_inputs import link_records

        return await asyncio.to_thread(link_records, documents)

    @app.get("/schema", summary="The JSON Schema of an output (or of a link record)")
    async def schema(link: bool = False):
        from importlib import resources

        package = "extractor.link" if link else "extractor.output"
        return Response(resources.files(package).joinpath("schema.json").read_text(encoding="utf-8"),
                        media_type="application/json")

    @app.get("/health", summary="Whether the service answers, and its extraction processes")
    async def health():
        return {"status": "ok", "jobs": jobs, "free": pool.free.qsize() if pool.free else 0}

    return app


async def _uploaded(request, data: bytes) -> tuple[bytes | None, str]:
    """The first file of a multipart body already read (within the limit)."""
    from starlette.datastructures import UploadFile
    from starlette.requests import Request

    async def receive():
        return {"type": "http.request", "body": data, "more_body": False}

    try:
        form = await Request(request.scope, receive).form()
    except Exception:  # a broken form is an unreadable request
        return None, "upload"
    for value in form.values():
        if isinstance(value, UploadFile):
            return await value.read(), os.path.basename(value.filename or "upload")
    return None, "upload"


def serve(host: str, port: int, jobs: int, max_bytes: int, ocr_mode: str) -> None:
    import uvicorn

    uvicorn.run(create_app(jobs, max_bytes, ocr_mode), host=host, port=port, log_level="info")
