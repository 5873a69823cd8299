"""tox's own plugin for this project: find every Python 3.10–3.13 that pyenv installed.

pyenv puts shims on PATH (``~/.pyenv/shims/python3.12``) that answer only for
the versions selected in the current shell (``pyenv global`` / ``.python-version``):
for the others a shim exits with "command not found", and tox, taking that
interpreter as missing, skips its environment (``skip_missing_interpreters``).
Each installed version keeps its interpreter in ``$PYENV_ROOT/versions/X.Y.Z/bin``;
putting those directories (the newest patch release of each minor version)
ahead of the shims on PATH lets tox's interpreter discovery find them all, so
plain ``tox`` tests on every Python present.  Without pyenv this does nothing.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from tox.config.cli.parser import ToxParser
from tox.plugin import impl

MINORS = (10, 11, 12, 13)
_RELEASE = re.compile(r"3\.(\d+)\.(\d+)")


def pyenv_interpreter_dirs() -> list[str]:
    """``bin`` directories of the newest pyenv-installed 3.10 … 3.13, in that order."""
    root = Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv") / "versions"
    newest: dict[int, tuple[int, Path]] = {}
    if not root.is_dir():
        return []
    for version in root.iterdir():
        m = _RELEASE.fullmatch(version.name)
        if m is None or int(m[1]) not in MINORS:
            continue
        minor, patch = int(m[1]), int(m[2])
        if (version / "bin" / f"python3.{minor}").is_file() and patch >= newest.get(
            minor, (-1, version)
        )[0]:
            newest[minor] = (patch, version / "bin")
    return [str(newest[minor][1]) for minor in MINORS if minor in newest]


@impl
def tox_add_option(parser: ToxParser) -> None:  # the first hook tox calls
    path = os.environ.get("PATH", "").split(os.pathsep)
    missing = [d for d in pyenv_interpreter_dirs() if d not in path]
    if missing:
        os.environ["PATH"] = os.pathsep.join([*missing, *path])
