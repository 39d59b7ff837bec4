"""`notice-extract serve`, started here as a user starts it, on a free loopback port with two
extraction processes, and called over HTTP with httpx. Its documents get 3 CPU seconds (and 0.2 s a
megabyte), so that a notice of 8 MB, which takes several seconds, passes its deadline."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from .conftest import CORPUS, ROOT

TEXT_NOTICES = sorted(path for path in CORPUS.glob("*.txt"))
HOSTILE = ROOT / "tests" / "hostile"
MAX_MB = 10


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    port = _free_port()
    environment = {**os.environ, "NOTICE_EXTRACT_DEADLINE": "3", "NOTICE_EXTRACT_DEADLINE_PER_MB": "0.2"}
    process = subprocess.Popen([sys.executable, "-m", "extractor", "serve", "--port", str(port), "--jobs", "2",
                                "--max-mb", str(MAX_MB)], cwd=ROOT, env=environment, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert process.poll() is None and time.monotonic() < deadline, "the service did not start"
            time.sleep(0.2)
        yield url, process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        assert "Traceback" not in process.stderr.read()


@pytest.fixture(scope="module")
def extracted_by_cli(tmp_path_factory):
    """What `notice-extract extract FILE… -o folder/` writes for each text notice."""
    folder = tmp_path_factory.mktemp("cli")
    result = subprocess.run([sys.executable, "-m", "extractor", "extract", *map(str, TEXT_NOTICES), "-o", f"{folder}/"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return {path.name: (folder / f"{path.name}.json").read_text(encoding="utf-8") for path in TEXT_NOTICES}


def test_every_corpus_text_notice_gives_what_extract_gives(server, extracted_by_cli):
    url, _ = server
    assert len(TEXT_NOTICES) > 35
    with httpx.Client(base_url=url, timeout=60) as client:
        for path in TEXT_NOTICES:
            response = client.post("/extract", params={"name": path.name}, content=path.read_bytes())
            assert response.status_code == 200, response.text
            assert response.headers["content-type"] == "application/json"
            assert response.text == extracted_by_cli[path.name], path.name
        for path in TEXT_NOTICES[:3]:  # a file upload, named by its form field
            response = client.post("/extract", files={"file": (path.name, path.read_bytes(), "text/plain")})
            assert response.status_code == 200 and response.text == extracted_by_cli[path.name]


def _oversized_stream():
    """A body without Content-Length that goes on past the limit: refused while it is read."""
    for _ in range(MAX_MB + 2):
        yield b"\xe4\xb8\x80" * (1024 * 1024 // 3 + 1)


def test_hostile_inputs_in_parallel_each_get_their_error(server, tmp_path):
    url, _ = server
    runaway = (CORPUS / "001_42ff27236c2e870f.txt").read_bytes() * 1500  # 8 MB: seconds past its deadline
    assert 8e6 < len(runaway) < MAX_MB * 1024 * 1024
    cases = {  # name: (request, status, words of the message)
        "zero_bytes.txt": ({"content": b""}, 400, "empty file"),
        "nuls.txt": ({"content": (HOSTILE / "nuls.txt").read_bytes()}, 400, "binary data"),
        "notice_big5.txt": ({"content": (HOSTILE / "notice_big5.txt").read_bytes()}, 400, "another encoding"),
        "notice_shift_jis.txt": ({"content": (HOSTILE / "notice_shift_jis.txt").read_bytes()}, 400, "another encoding"),
        "pdf_nested_bomb.pdf": ({"content": (HOSTILE / "pdf_nested_bomb.pdf").read_bytes()}, 400, "PDF without"),
        "script_no_body.html": ({"content": (HOSTILE / "script_no_body.html").read_bytes()}, 400, "without an article"),
        "no_tasks.txt": ({"content": "一、总体要求\n坚持以人民为中心的发展思想，办好民生实事。\n".encode()}, 422,
                         "not a task notice"),
        "too_large.txt": ({"content": b"1" * (MAX_MB * 1024 * 1024 + 1)}, 413, "over the 10 MB limit"),
        "streamed.txt": ({"content": _oversized_stream()}, 413, "over the 10 MB limit"),
        "upload_too_large.txt": ({"files": {"file": ("upload_too_large.txt", b"2" * (MAX_MB * 1024 * 1024 + 1))}},
                                 413, "over the 10 MB limit"),
        "runaway.txt": ({"content": runaway}, 504, "timed out"),
    }

    def call(name):
        request, _, _ = cases[name]
        with httpx.Client(base_url=url, timeout=120) as client:
            return name, client.post("/extract", params={"name": name}, **request)

    with ThreadPoolExecutor(len(cases)) as pool:
        answers = dict(pool.map(call, cases))
    for name, (_, status, words) in cases.items():
        response = answers[name]
        body = response.json()
        assert (response.status_code, list(body)) == (status, ["error"]), (name, response.text)
        assert words in body["error"] and name in body["error"] and "\n" not in body["error"], body
        assert "Traceback" not in response.text
    _still_answers(url)


def _still_answers(url: str) -> None:
    with httpx.Client(base_url=url, timeout=60) as client:
        assert client.get("/health").json()["status"] == "ok"
        path = CORPUS / "002_luoyang_lead_support.txt"
        for _ in range(3):  # both extraction processes
            response = client.post("/extract", params={"name": path.name}, content=path.read_bytes())
            assert response.status_code == 200 and json.loads(response.text)["source"]["name"] == path.name


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry))
    return found


def test_a_crashed_extraction_does_not_take_the_service_down(server):
    """Every extraction process is killed while one extracts: that request gets a 500 in JSON, the
    processes are started again, and the service goes on answering."""
    url, process = server
    runaway = (CORPUS / "001_42ff27236c2e870f.txt").read_bytes() * 1500
    answer = {}

    def call():
        with httpx.Client(base_url=url, timeout=120) as client:
            answer["response"] = client.post("/extract", params={"name": "crash.txt"}, content=runaway)

    caller = threading.Thread(target=call)
    caller.start()
    time.sleep(1.0)  # the body is sent and extraction has begun
    children = _children(process.pid)
    assert len(children) == 2
    for child in children:
        os.kill(child, signal.SIGKILL)
    caller.join(timeout=120)
    response = answer["response"]
    assert response.status_code == 500, response.text
    assert response.json() == {"error": "crash.txt: extraction crashed (signal 9); the service goes on"}
    assert process.poll() is None
    _still_answers(url)


def test_schema_link_health_docs_and_errors_in_json(server, tmp_path):
    url, _ = server
    from extractor.link import link_documents

    with httpx.Client(base_url=url, timeout=60) as client:
        assert client.get("/schema").json() == json.loads((ROOT / "extractor/output/schema.json").read_text())
        assert client.get("/schema", params={"link": "true"}).json() == \
            json.loads((ROOT / "extractor/link/schema.json").read_text())
        assert client.get("/health").json() == {"status": "ok", "jobs": 2, "free": 2}
        paths = client.get("/openapi.json").json()["paths"]
        assert {"/extract", "/link", "/schema", "/health"} <= set(paths)
        assert client.get("/docs").status_code == 200
        outputs = [client.post("/extract", params={"name": path.name}, content=path.read_bytes()).json()
                   for path in sorted((CORPUS / "linked").iterdir())]
        links = client.post("/link", json=outputs)
        assert links.status_code == 200 and links.json() == link_documents(outputs) and len(links.json()) > 100
        for response, status in ((client.get("/nowhere"), 404), (client.post("/link", content=b"{not json"), 400),
                                 (client.post("/link", json=[{"a": 1}]), 400), (client.get("/schema", params={"link": "maybe"}), 400),
                                 (client.post("/extract", files={"other": (None, "no file")}), 400)):
            assert response.status_code == status and list(response.json()) == ["error"], response.text
