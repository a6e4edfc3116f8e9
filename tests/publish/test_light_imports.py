"""Publishing uses Schedules and travel matrices, never builds them: its imports stay light.

Each module of :mod:`itinerant.publish` is imported in a fresh interpreter, which must then hold
none of OR-Tools, osmnx, networkx or scikit-learn. A failure names the module, what it pulled,
and the chain of ``itinerant`` modules that were being imported when it came in.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.paths import REPO

HEAVY = ("ortools", "osmnx", "networkx", "sklearn")

PACKAGE = REPO / "itinerant" / "publish"

MODULES = sorted(
    ".".join(("itinerant", *path.relative_to(PACKAGE.parent).with_suffix("").parts)).removesuffix(
        ".__init__"
    )
    for path in PACKAGE.rglob("*.py")
)

# Run in the child: records, for the first import of each heavy package, the itinerant
# modules on the stack (outermost first), then prints what was loaded as JSON.
_PROBE = """
import importlib, json, sys

HEAVY = {heavy!r}
chains = {{}}


class Spy:
    def find_spec(self, name, path=None, target=None):
        top = name.partition(".")[0]
        if top in HEAVY and top not in chains:
            frame, mods = sys._getframe(1), []
            while frame is not None:
                module = frame.f_globals.get("__name__", "")
                if module.startswith("itinerant") and module not in mods:
                    mods.append(module)
                frame = frame.f_back
            chains[top] = mods[::-1]
        return None


sys.meta_path.insert(0, Spy())
importlib.import_module({module!r})
print(json.dumps({{m: chains.get(m, []) for m in HEAVY if m in sys.modules}}))
"""


def test_every_module_is_listed() -> None:
    assert "itinerant.publish" in MODULES
    assert "itinerant.publish.release" in MODULES
    assert "itinerant.publish.drivers.roadbook" in MODULES
    assert "itinerant.publish.public.site" in MODULES


@pytest.mark.parametrize("module", MODULES)
def test_module_imports_no_solver_nor_graph_library(module: str) -> None:
    probe = _PROBE.format(heavy=HEAVY, module=module)
    done = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, f"importing {module} failed:\n{done.stderr}"
    pulled: dict[str, list[str]] = json.loads(done.stdout.strip().splitlines()[-1])
    report = "; ".join(f"{name} via {' -> '.join(chain) or '?'}" for name, chain in pulled.items())
    assert not pulled, f"importing {module} loads {report}"
