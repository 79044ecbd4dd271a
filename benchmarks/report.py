"""``run.py``'s verdicts and tables: each row against its budget, the scaling from 10,000 to
20,000 roles, the "did you mean" rows, as plain text or Markdown. Standard library only."""

from __future__ import annotations

import statistics
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from measure import Case

#: Size the absolute budgets apply to, and the pair the scaling budget compares.
BUDGET_SIZE = 10_000
SCALE_FROM, SCALE_TO = 10_000, 20_000
MAX_SECONDS = 1.5
MAX_MB = 300.0
MAX_SCALE = 2.3
MAX_SUGGEST_SECONDS = 0.3


def verdict(ok: bool | None) -> str:
    return "—" if ok is None else "ok" if ok else "OVER"


def rows_for(cases: list[Case], base_s: float) -> list[list[str]]:
    rows = []
    for case in cases:
        group = "built-in" if case.group == "builtin" else f"{int(case.group):,} roles"
        name = f"{group}: {case.label}"
        budget = []
        if case.max_ratio is not None:
            budget.append(f"≤ {case.max_ratio:g}x")
        if case.max_seconds is not None:
            budget.append(f"< {case.max_seconds:g} s")
        if case.max_mb is not None:
            budget.append(f"< {case.max_mb:g} MB")
        budget_text = ", ".join(budget) or "—"
        if case.skipped:
            rows.append([name, "", "", "", "", "", "", budget_text, f"SKIPPED ({case.skipped})"])
            continue
        if case.failure:
            rows.append([name, "", "", "", "", "", "", budget_text, f"FAILED ({case.failure})"])
            continue
        seconds = case.seconds()
        ratio = seconds / base_s
        mb = case.peak_mb()
        checks = []
        if case.max_ratio is not None:
            checks.append(ratio <= case.max_ratio)
        if case.max_seconds is not None:
            checks.append(seconds < case.max_seconds)
        if case.max_mb is not None:
            checks.append(mb < case.max_mb)
        rows.append([name, str(len(case.samples)), f"{seconds:.3f}", f"{case.fastest():.3f}",
                     f"{case.cpu():.3f}", f"{ratio:.2f}x", f"{mb:.0f}", budget_text,
                     verdict(all(checks) if checks else None)])
    return rows


def paired(a: Case, b: Case, how) -> float:
    """Median over rounds of ``how(a's run, b's run)``: both ran in the same round,
    close together, so drift between rounds cancels out."""
    return statistics.median(how(x, y) for x, y in zip(a.samples, b.samples))


def scaling_rows(cases: list[Case]) -> list[list[str]]:
    """Per command: 20k time / 10k time, the median of the per-round ratios."""
    by_key = {c.key: c for c in cases}
    rows = []
    for case in cases:
        if case.group != str(SCALE_FROM):
            continue
        big = by_key.get(f"{SCALE_TO}:{case.command}")
        if big is None:
            continue
        budget = f"≤ {MAX_SCALE:g}x"
        if case.failure or big.failure or case.skipped or big.skipped:
            rows.append([case.command, "", "", "", "", budget, "FAILED"])
            continue
        ratio = paired(big, case, lambda x, y: x.seconds / y.seconds)
        cpu = paired(big, case, lambda x, y: x.cpu / y.cpu)
        rows.append([case.command, f"{case.seconds():.3f}", f"{big.seconds():.3f}",
                     f"{ratio:.2f}x", f"{cpu:.2f}x", budget, verdict(ratio <= MAX_SCALE)])
    return rows


def suggestion_rows(cases: list[Case]) -> list[list[str]]:
    """Cost of the typo suggestions: the typo run minus the plain ``show`` run
    of the same round (median over rounds)."""
    by_key = {c.key: c for c in cases}
    rows = []
    for group in sorted({c.group for c in cases if c.group != "builtin"}, key=int):
        typo, show = by_key.get(f"{group}:typo"), by_key.get(f"{group}:show")
        if typo is None or show is None:
            continue
        budget = f"< {MAX_SUGGEST_SECONDS:g} s" if int(group) == BUDGET_SIZE else "—"
        if typo.failure or show.failure or typo.skipped or show.skipped:
            rows.append([f"{int(group):,} roles", "", "", budget, "FAILED"])
            continue
        extra = paired(typo, show, lambda x, y: x.seconds - y.seconds)
        cpu = paired(typo, show, lambda x, y: x.cpu - y.cpu)
        ok = extra < MAX_SUGGEST_SECONDS if int(group) == BUDGET_SIZE else None
        rows.append([f"{int(group):,} roles", f"{extra:+.3f}", f"{cpu:+.3f}", budget, verdict(ok)])
    return rows


def table(header: list[str], rows: list[list[str]], markdown: bool, right: set[int]) -> str:
    if markdown:
        lines = ["| " + " | ".join(header) + " |",
                 "|" + "|".join("---:" if i in right else "---" for i in range(len(header))) + "|"]
        lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
        return "\n".join(lines)
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def fmt(row: list[str]) -> str:
        return "  ".join(c.rjust(w) if i in right else c.ljust(w)
                         for i, (c, w) in enumerate(zip(row, widths))).rstrip()

    return "\n".join([fmt(header), fmt(["-" * w for w in widths]), *(fmt(r) for r in rows)])


def failed(rows: list[list[str]]) -> bool:
    return any(r[-1].startswith(("FAILED", "OVER")) for r in rows)


# -- main -----------------------------------------------------------------------------
