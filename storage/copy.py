"""Copy every stored name from one backend to another, as it is, and check what arrived.

No key is needed and none is used: sealed compartments and link records move as the bytes they
are, so a data folder copied into a database opens with the same links, and back again. The copy
is idempotent (a name already holding the same bytes is left alone, so running it twice writes
nothing the second time) and verifying (every name is read back from the target and compared;
any difference is reported and makes the command fail). Names only in the target are left alone
and counted, never deleted. Copy while the app is stopped (or not writing): a space changed during
the copy may arrive as it was before the change.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from storage.backend import Backend

__all__ = ["PREFIXES", "CopyReport", "copy_all"]

# Every kind of name the store keeps (set-aside copies of damaged documents come along).
PREFIXES = ("spaces/", "links/", "local-owner.key")


@dataclass
class CopyReport:
    """What a copy did."""

    copied: int = 0
    unchanged: int = 0
    only_in_target: int = 0
    mismatched: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every name reads back from the target exactly as in the source."""
        return not self.mismatched

    def summary(self) -> str:
        """One line for the command to print."""
        verdict = "verified" if self.ok else f"{len(self.mismatched)} DIFFER"
        return (
            f"{self.copied} copied, {self.unchanged} already there, "
            f"{self.only_in_target} only in the target (left alone); {verdict}"
        )


def copy_all(source: Backend, target: Backend, batch: int = 50) -> CopyReport:
    """Copy every name of ``source`` into ``target`` (see the module docstring)."""
    report = CopyReport()
    names = [n for prefix in PREFIXES for n in source.names(prefix)]
    pending: dict[str, bytes] = {}
    for name in names:
        blob = source.read(name)
        if blob is None:
            continue  # removed since it was listed
        there = target.read(name)
        if there is not None and there.data == blob.data:
            report.unchanged += 1
            continue
        pending[name] = blob.data
        if len(pending) >= batch:
            target.write(pending)
            report.copied += len(pending)
            pending = {}
    if pending:
        target.write(pending)
        report.copied += len(pending)
    for name in names:
        blob, there = source.read(name), target.read(name)
        if blob is not None and (there is None or there.data != blob.data):
            report.mismatched.append(name)
    wanted = set(names)
    report.only_in_target = sum(
        1 for prefix in PREFIXES for n in target.names(prefix) if n not in wanted
    )
    return report
