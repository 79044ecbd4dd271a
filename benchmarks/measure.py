"""What ``run.py`` times: one process (spawned, drained through pipes, reaped, with its CPU time
and peak memory from the kernel's own accounting), and a case (a command timed over rounds).
Standard library only."""

from __future__ import annotations

import os
import selectors
import statistics
import subprocess
import time
from dataclasses import dataclass, field


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


@dataclass
class Case:
    key: str  # stable id, e.g. "10000:show"
    label: str  # what the table shows
    argv: list[str]  # after the program
    group: str  # "builtin" or the ladder size as text
    command: str = ""  # the command, for the scaling table
    expect_exit: int = 0
    expect_stderr: str = ""  # regex the stderr must match (expected failures)
    json_out: bool = False
    max_ratio: float | None = None
    max_seconds: float | None = None
    max_mb: float | None = None
    samples: list[Sample] = field(default_factory=list)
    failure: str = ""  # set when the warm-up run went wrong
    skipped: str = ""

    def seconds(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    def fastest(self) -> float:
        return min(s.seconds for s in self.samples)

    def cpu(self) -> float:
        return statistics.median(s.cpu for s in self.samples)

    def peak_mb(self) -> float:
        return max(s.peak_kib for s in self.samples) * 1024 / 1e6
