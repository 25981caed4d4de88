"""mypy and vulture over a code tree, for `archbench seed-bugs` (see `core.mutation._giveaways`).

The trees are our own reference code with one mutation, so mypy runs on the host, in a scratch
folder, with settings a backend team would use (untyped bodies checked, unreachable code
reported) rather than any configuration of this project. Runs take turns, one at a time, and
share a cache under `.archbench-cache/`: a cold run loads the stubs of FastAPI, SQLAlchemy and
pydantic (20 s on a busy machine), a warm one takes a second or two.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from archbench.core.errors import ArchbenchError
from archbench.core.mutation import ToolFindings, mypy_findings, vulture_findings

MYPY_CONFIG = """\
[mypy]
explicit_package_bases = True
ignore_missing_imports = True
check_untyped_defs = True
warn_unreachable = True
"""
_MYPY_FLAGS = ("--no-error-summary", "--hide-error-context", "--no-pretty", "--show-error-codes")
# mypy exits 1 when it reports errors, 2 when it could not check at all.
_MYPY_REPORTED = (0, 1)


@dataclass
class StaticTools:
    """Runs the two tools over code trees; mypy runs one at a time, sharing `cache_dir`."""

    cache_dir: Path
    _turn: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def findings(self, files: Mapping[str, str]) -> ToolFindings:
        return ToolFindings(mypy=await self._mypy(files), vulture=vulture_findings(files))

    async def _mypy(self, files: Mapping[str, str]) -> tuple[str, ...]:
        async with self._turn:
            with tempfile.TemporaryDirectory(prefix="archbench-seed-mypy-") as scratch:
                returncode, output = await _run_mypy(Path(scratch), files, self.cache_dir)
        findings = mypy_findings(output)
        # Exit 1 with nothing read is not a clean tree: `No module named mypy` exits 1 too.
        if returncode not in _MYPY_REPORTED or (returncode == 1 and not findings):
            raise ArchbenchError(f"mypy could not check a seeded tree: {output[-2000:]}")
        return findings


async def _run_mypy(folder: Path, files: Mapping[str, str], cache_dir: Path) -> tuple[int, str]:
    for relative, text in files.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_text(text, encoding="utf-8")
    config = folder / "mypy.ini"
    config.write_text(MYPY_CONFIG, encoding="utf-8")
    cache_dir.mkdir(parents=True, exist_ok=True)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "mypy", "--config-file", str(config), "--cache-dir", str(cache_dir),
        *_MYPY_FLAGS, *_targets(files),
        cwd=folder, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    output, _ = await process.communicate()
    return process.returncode or 0, output.decode("utf-8", "replace")


def _targets(files: Mapping[str, str]) -> list[str]:
    """The top-level packages and modules of the tree: mypy follows their imports."""
    return sorted({PurePosixPath(path).parts[0] for path in files if path.endswith(".py")})
