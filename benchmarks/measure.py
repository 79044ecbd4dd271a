"""One timed process for ``run.py``: spawned, drained through pipes, reaped, with its CPU
time and peak memory from the kernel's own accounting. Standard library only."""

from __future__ import annotations

import os
import selectors
import subprocess
import time
from dataclasses import dataclass


@dataclass
class Sample:
    seconds: float
    cpu: float  # user + system CPU seconds of the child
    peak_kib: int
    exit: int
    stderr: str
    stdout: bytes | None  # kept only when asked (warm-up checks), at most KEEP bytes
    stdout_size: int = 0
    stdout_tail: bytes = b""


#: Most stdout kept for checks. The runner must stay small: on Linux a child's
#: ru_maxrss starts at the parent's own peak RSS (exec records the old mm's
#: high-water mark), so a big runner would inflate every child's figure.
KEEP = 1 << 20


#: A run taking longer than this is killed (and fails: exit -9).
TIMEOUT = 120.0


def run_once(argv: list[str], env: dict[str, str], keep_stdout: bool = False) -> Sample:
    """Spawn, drain stdout/stderr through pipes, reap with wait4; time it all."""
    start = time.perf_counter()
    killed = False
    proc = subprocess.Popen(
        argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    out = bytearray()
    tail = b""
    size = 0
    err: list[bytes] = []
    err_size = 0
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stdout, selectors.EVENT_READ, "out")
        sel.register(proc.stderr, selectors.EVENT_READ, "err")
        open_streams = 2
        while open_streams:
            if not killed and time.perf_counter() - start > TIMEOUT:
                proc.kill()
                killed = True
            for key, _ in sel.select(timeout=1.0):
                chunk = os.read(key.fd, 1 << 16)
                if not chunk:
                    sel.unregister(key.fileobj)
                    open_streams -= 1
                elif key.data == "out":
                    size += len(chunk)
                    if keep_stdout:
                        if len(out) < KEEP:
                            out += chunk[: KEEP - len(out)]
                        tail = (tail + chunk)[-256:]
                elif err_size < 1 << 16:
                    err.append(chunk)
                    err_size += len(chunk)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped: Popen must not wait again
    proc.stdout.close()
    proc.stderr.close()
    return Sample(
        seconds=seconds,
        cpu=usage.ru_utime + usage.ru_stime,
        peak_kib=usage.ru_maxrss,  # KiB on Linux
        exit=proc.returncode,
        stderr=b"".join(err).decode("utf-8", "replace"),
        stdout=bytes(out) if keep_stdout else None,
        stdout_size=size,
        stdout_tail=tail,
    )
