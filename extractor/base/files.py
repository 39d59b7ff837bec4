"""Writing output files so that an interrupted run never leaves a half-written one."""

from __future__ import annotations

import functools
import os
import re
import tempfile
from pathlib import Path

TEMPORARY_SUFFIX = ".tmp"


@functools.cache
def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomically(target: Path, content: str | bytes) -> None:
    """Write to a temporary file beside the target, then rename over it. The file gets the mode
    any new file gets (0666 less the umask), and its temporary name carries the writer's process
    id, so that a sweep of leftovers never takes a live writer's file."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.{os.getpid()}.",
                                         suffix=TEMPORARY_SUFFIX)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def remove_leftovers(folder: Path) -> None:
    """Temporary files of writers that died while writing (their process is gone)."""
    for leftover in folder.rglob(f".*{TEMPORARY_SUFFIX}"):
        match = re.search(r"\.(\d+)\.[^.]+\.tmp$", leftover.name)
        if match and _alive(int(match.group(1))):
            continue
        leftover.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return pid < 2 ** 22
    return True
