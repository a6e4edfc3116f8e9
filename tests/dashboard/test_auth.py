"""Users, roles and password checks of the dashboard (itinerant.dashboard.auth)."""

from __future__ import annotations

import bcrypt
import pytest

from itinerant.dashboard.auth import (
    User,
    authenticate,
    can_access,
    default_users_path,
    hash_password,
    load_users,
    main,
    user_for_email,
    verify_password,
)
from itinerant.errors import InputError


def test_scrypt_hash_round_trip_and_salt():
    stored = hash_password("s3cret")
    assert stored.startswith("scrypt$")
    assert verify_password("s3cret", stored)
    assert not verify_password("S3cret", stored)
    assert hash_password("s3cret") != stored  # salted


def test_bcrypt_hashes_are_accepted():
    stored = bcrypt.hashpw(b"pw", bcrypt.gensalt(rounds=4)).decode()
    assert verify_password("pw", stored)
    assert not verify_password("other", stored)


@pytest.mark.parametrize("stored", ["", "plain", "scrypt$x$8$1$a$b", "$2b$broken"])
def test_malformed_hashes_never_match(stored):
    assert not verify_password("pw", stored)


def test_empty_password_is_refused():
    with pytest.raises(InputError, match="password"):
        hash_password("")


def test_sample_users_file_has_the_documented_demo_accounts(monkeypatch):
    monkeypatch.delenv("ITINERANT_USERS", raising=False)
    assert default_users_path().name == "users.toml"
    users = load_users()
    assert authenticate(users, "coordination", "demo-coordination").role == "coordinator"
    assert authenticate(users, "chauffeur", "demo-chauffeur").role == "driver"
    assert authenticate(users, "chauffeur", "demo-coordination") is None
    assert authenticate(users, "nobody", "demo-chauffeur") is None
    assert user_for_email(users, "Coordination@Example.org").username == "coordination"
    assert user_for_email(users, "x@example.org") is None
    assert user_for_email(users, None) is None


def test_users_path_from_the_environment(tmp_path, monkeypatch):
    path = tmp_path / "users.toml"
    path.write_text(
        f'[users.lea]\nrole = "driver"\npassword = "{hash_password("pw")}"\nbus = "bus-2"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("ITINERANT_USERS", str(path))
    users = load_users()
    assert users["lea"] == User("lea", "lea", "driver", users["lea"].password_hash, "", "bus-2")


def test_bad_users_file_names_user_and_field(tmp_path):
    path = tmp_path / "users.toml"
    path.write_text(
        '[users.a]\nrole = "boss"\npassword = "x"\n[users.b]\nrole = "driver"\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        load_users(path)
    text = str(info.value)
    assert "user 'a', field 'role': 'boss'" in text
    assert "user 'b', field 'password'" in text


def test_unreadable_users_file(tmp_path):
    with pytest.raises(InputError, match="cannot be read"):
        load_users(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[users", encoding="utf-8")
    with pytest.raises(InputError, match="not valid TOML"):
        load_users(bad)


def test_role_gating():
    assert can_access(None, ())
    assert not can_access(None, ("coordinator",))
    assert not can_access("driver", ("coordinator",))
    assert can_access("driver", ("coordinator", "driver"))
    assert can_access("coordinator", ("coordinator",))


def test_hash_command(capsys):
    assert main(["pw"]) == 0
    assert verify_password("pw", capsys.readouterr().out.strip())
    assert main([]) == 2
