"""`brief serve` and `brief createuser`: the web app and its first accounts."""

from __future__ import annotations

import os
from typing import Annotated, Any

import typer
from rich.console import Console

ROLES = ("officer", "contributor", "admin")


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes (default: 2 per core).")] = 0,
) -> None:
    """Serve the web app (gunicorn); SQLite with no set-up unless DATABASE_URL says so."""
    from watching_brief.tracker import setup

    setup()
    from gunicorn.app.base import BaseApplication

    from watching_brief.tracker.wsgi import application

    count = workers or 2 * (os.cpu_count() or 1)

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", count)
            self.cfg.set("accesslog", None)

        def load(self) -> Any:
            return application

    Console().print(f"Watching Brief on http://{host}:{port}/ ({count} workers)")
    Server().run()


def createuser(
    username: Annotated[str, typer.Argument(help="The account's user name.")],
    role: Annotated[str, typer.Option(help="officer, contributor or admin.")] = "officer",
    post: Annotated[
        list[str] | None, typer.Option(help="Post a contributor updates (repeatable), e.g. DCC.")
    ] = None,
    body: Annotated[
        str | None,
        typer.Option(help="The body (name or slug) of the --post posts, when several have one."),
    ] = None,
    password: Annotated[
        str | None, typer.Option(help="Password (default: BRIEF_PASSWORD, else asked for).")
    ] = None,
) -> None:
    """Create an account with a role: the first officer, or a force contributor for posts."""
    if role not in ROLES:
        raise typer.BadParameter(f"role must be one of {', '.join(ROLES)}")
    secret = (
        password
        or os.environ.get("BRIEF_PASSWORD")
        or typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    )
    from watching_brief.tracker import setup

    setup()
    from watching_brief.tracker.web.accounts import create_account

    try:
        user = create_account(username, secret, role, post or [], body)
    except ValueError as error:
        Console(stderr=True).print(f"[red]error:[/red] {error}")
        raise typer.Exit(1) from None
    console = Console()
    console.print(f"Created {role} {user.get_username()}")
    if role in ("officer", "admin"):
        from watching_brief.tracker.web.two_factor import add_device, secret_text

        device = add_device(user)
        console.print(
            "Officers and admins sign in with a code from an authenticator app. "
            "Add this key to the app (keep it secret):"
        )
        console.print(f"  key: {secret_text(device)}", highlight=False)
        console.print(f"  URI: {device.config_url}", highlight=False, soft_wrap=True)
