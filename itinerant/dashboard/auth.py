"""Dashboard users, roles and password checks (offline; no Streamlit here).

Users live in a TOML file (``$ITINERANT_USERS``, default: the sample ``data/users.toml`` with
documented demo accounts)::

    [users.coordination]
    name = "Coordination (démo)"
    role = "coordinator"                # or "driver"
    password = "scrypt$16384$8$1$<salt>$<hash>"   # from `python -m itinerant.dashboard.auth`
    email = "coordination@example.org"  # optional: matches OIDC logins (st.login)
    bus = "bus-1"                       # optional, drivers: the bus shown first

Passwords are stored as salted scrypt hashes (:func:`hash_password`); bcrypt hashes (``$2b$``,
e.g. made for streamlit-authenticator) are accepted too. Roles: ``coordinator`` reaches every
page, ``driver`` the driver's page and the public page; a visitor without login reaches the
public page only.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import os
import secrets
import sys
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from itinerant.errors import InputError
from itinerant.io import default_scenario_dir

__all__ = [
    "ROLES",
    "Role",
    "User",
    "authenticate",
    "can_access",
    "default_users_path",
    "hash_password",
    "load_users",
    "user_for_email",
    "verify_password",
]

logger = logging.getLogger(__name__)

Role = Literal["coordinator", "driver"]
ROLES: tuple[Role, ...] = ("coordinator", "driver")

_SCRYPT_N = 2**14
_SCRYPT_R = 8
_SCRYPT_P = 1


@dataclass(frozen=True, slots=True)
class User:
    """A dashboard user (the password hash is never shown)."""

    username: str
    name: str
    role: Role
    password_hash: str = ""
    email: str = ""
    bus: str = ""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    """A salted scrypt hash of ``password``: ``scrypt$N$r$p$<salt>$<hash>`` (base64url)."""
    if not password:
        msg = "password: must not be empty"
        raise InputError(msg)
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P, dklen=32
    )
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches the ``stored`` hash (scrypt, or bcrypt ``$2...``)."""
    if stored.startswith("$2"):
        import bcrypt  # noqa: PLC0415

        try:
            return bool(bcrypt.checkpw(password.encode("utf-8"), stored.encode("ascii")))
        except ValueError:
            return False
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        return False
    try:
        n, r, p = int(parts[1]), int(parts[2]), int(parts[3])
        salt, expected = _unb64(parts[4]), _unb64(parts[5])
        digest = hashlib.scrypt(
            password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=len(expected)
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest, expected)


def default_users_path() -> Path:
    """``$ITINERANT_USERS`` when set, else the sample ``users.toml`` beside the default data."""
    env = os.environ.get("ITINERANT_USERS", "").strip()
    if env:
        return Path(env).expanduser()
    return default_scenario_dir().parent / "users.toml"


def load_users(path: str | os.PathLike[str] | None = None) -> dict[str, User]:
    """Read the users file (see the module docstring); username -> User.

    Raises
    ------
    InputError
        Naming the file, the user and the field of every problem found.
    """
    source = Path(path) if path is not None else default_users_path()
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
    except OSError as exc:
        msg = f"{source}: cannot be read ({exc.strerror or exc})"
        raise InputError(msg) from exc
    except tomllib.TOMLDecodeError as exc:
        msg = f"{source}: is not valid TOML ({exc})"
        raise InputError(msg) from exc
    table = data.get("users", {})
    if not isinstance(table, dict):
        msg = f"{source}: [users] must be a table of users"
        raise InputError(msg)
    problems: list[str] = []
    users: dict[str, User] = {}
    for username, entry in table.items():
        where = f"{source}, user {username!r}"
        if not isinstance(entry, dict):
            problems.append(f"{where}: must be a table")
            continue
        role = entry.get("role")
        if role not in ROLES:
            problems.append(f"{where}, field 'role': {role!r} is not one of {', '.join(ROLES)}")
            continue
        password = entry.get("password", "")
        email = entry.get("email", "")
        if not isinstance(password, str) or not isinstance(email, str):
            problems.append(f"{where}: 'password' and 'email' must be text")
            continue
        if not password and not email:
            problems.append(f"{where}, field 'password': needs a password hash (or an email)")
            continue
        users[username] = User(
            username=username,
            name=str(entry.get("name", username)),
            role=role,
            password_hash=password,
            email=email.lower(),
            bus=str(entry.get("bus", "")),
        )
    if problems:
        raise InputError("\n".join(problems))
    return users


def authenticate(users: Mapping[str, User], username: str, password: str) -> User | None:
    """The user whose name and password match, or ``None`` (same work either way)."""
    user = users.get(username.strip())
    stored = user.password_hash if user is not None else hash_password("x", salt=b"0" * 16)
    ok = bool(stored) and verify_password(password, stored)
    if user is None or not ok:
        logger.info("failed login for %r", username)
        return None
    return user


def user_for_email(users: Mapping[str, User], email: str | None) -> User | None:
    """The user with this e-mail address (an OIDC login), or ``None``."""
    if not email:
        return None
    wanted = email.strip().lower()
    return next((u for u in users.values() if u.email and u.email == wanted), None)


def can_access(role: str | None, needed: Sequence[str]) -> bool:
    """Whether ``role`` (``None``: a visitor) may open a page needing one of ``needed``.

    An empty ``needed`` means a public page.
    """
    return not needed or role in needed


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m itinerant.dashboard.auth PASSWORD``: print a hash for the users file."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        sys.stderr.write("usage: python -m itinerant.dashboard.auth PASSWORD\n")
        return 2
    sys.stdout.write(hash_password(args[0]) + "\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
