"""`sitroom user add/disable/enable/reset/list`: accounts of the team server (docs/review.md)."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated

import typer

from sitroom.cli.common import DbOption, error_console, open_store, user_errors
from sitroom.cli.output import print_table

users = typer.Typer(name="user", help="Accounts of the team server: add, disable, enable, reset, list.",
                    no_args_is_help=True)  # fmt: skip


class Role(str, Enum):
    admin = "admin"
    reviewer = "reviewer"
    analyst = "analyst"
    viewer = "viewer"


PasswordStdinOption = Annotated[
    bool, typer.Option("--password-stdin", help="Read the password from the first line of standard input.")
]


def _password(from_stdin: bool) -> str:
    """Read the new password: from standard input, or prompted twice without echo."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return typer.prompt("Password", hide_input=True, confirmation_prompt=True)


@users.command("add")
def add(
    username: Annotated[str, typer.Argument(help="Account name (case-insensitive).")],
    role: Annotated[Role, typer.Option("--role", help="admin, reviewer, analyst or viewer.")] = Role.viewer,
    password_stdin: PasswordStdinOption = False,
    db: DbOption = None,
) -> None:
    """Create an account (its password is hashed with argon2id)."""
    from sitroom.auth import add_user

    password = _password(password_stdin)
    with open_store(db, create=True) as repository, user_errors():
        account = add_user(repository, username, role.value, password)
    error_console.print(f"account {account.username} ({account.role}) created", highlight=False)


@users.command("disable")
def disable(username: Annotated[str, typer.Argument(help="Account name.")], db: DbOption = None) -> None:
    """Disable an account: it cannot log in and its open sessions end."""
    from sitroom.auth import disable_user

    with open_store(db) as repository, user_errors():
        account = disable_user(repository, username)
    error_console.print(f"account {account.username} disabled", highlight=False)


@users.command("enable")
def enable(username: Annotated[str, typer.Argument(help="Account name.")], db: DbOption = None) -> None:
    """Enable a disabled account."""
    from sitroom.auth import enable_user

    with open_store(db) as repository, user_errors():
        account = enable_user(repository, username)
    error_console.print(f"account {account.username} enabled", highlight=False)


@users.command("reset")
def reset(
    username: Annotated[str, typer.Argument(help="Account name.")],
    role: Annotated[Role | None, typer.Option("--role", help="Also change the role.")] = None,
    password_stdin: PasswordStdinOption = False,
    db: DbOption = None,
) -> None:
    """Set a new password (and optionally a new role); the account's open sessions end."""
    from sitroom.auth import reset_password

    password = _password(password_stdin)
    with open_store(db) as repository, user_errors():
        account = reset_password(repository, username, password, role.value if role else None)
    error_console.print(f"account {account.username} ({account.role}): password reset", highlight=False)


@users.command("list")
def list_users(db: DbOption = None) -> None:
    """List the accounts with their roles."""
    with open_store(db) as repository, user_errors():
        accounts = repository.list_accounts()
    print_table(
        f"{len(accounts)} accounts",
        ("name", "role", "state", "created"),
        ((a.username, a.role, "disabled" if a.disabled else "active", a.created_at) for a in accounts),
    )


def register(application: typer.Typer) -> None:
    application.add_typer(users)
