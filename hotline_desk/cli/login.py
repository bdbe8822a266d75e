"""Who runs a command that reads case data: ``--user NAME`` logs in through the desk's own
login (lockout counts, refused while the account must change its password), with the password
from ``HOTLINE_DESK_PASSWORD`` or asked for on a terminal. There is no anonymous door: without a
user, or without a way to get the password, the command is refused before the database is read.
An account with a second factor also gives its dynamic code (or a recovery code) from
``HOTLINE_DESK_OTP`` or the terminal; an administrator who must enrol does so at the desk first.
A command's run function carries ``@refusing``: a refusal is printed, never a traceback.
"""

from __future__ import annotations

import functools
import getpass
import os
import sys
from argparse import ArgumentParser, Namespace
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from hotline_desk.cli.helptext import bi
from hotline_desk.domain.errors import AuthError, DeskError

if TYPE_CHECKING:
    from hotline_desk.services.context import ServiceContext
    from hotline_desk.services.dto import Actor

ENV_PASSWORD = "HOTLINE_DESK_PASSWORD"
ENV_OTP = "HOTLINE_DESK_OTP"


def add_user_option(parser: ArgumentParser) -> None:
    parser.add_argument(
        "--user",
        metavar="NAME",
        help=bi(
            f"登录账号（必填；密码取自环境变量 {ENV_PASSWORD}，未设置时在终端中询问；"
            f"启用双因素认证的账号另需 {ENV_OTP}）",
            f"login name (required; password from env {ENV_PASSWORD}, else asked on the "
            f"terminal; an account with a second factor also needs {ENV_OTP})",
        ),
    )


def password_for(username: str) -> str:
    """The password from the environment, else asked on the terminal; refused without either."""
    secret = os.environ.get(ENV_PASSWORD)
    if secret is not None:
        return secret
    if not sys.stdin.isatty():
        raise AuthError(
            "无法取得 {user} 的密码：请设置环境变量 {env}，或在终端中运行以输入密码",
            user=username,
            env=ENV_PASSWORD,
        )
    return getpass.getpass(f"{username} 的密码：")


def credentials(username: str | None) -> tuple[str, str]:
    """The user name and password, before the database is opened (so nothing is read or
    created for a caller who cannot log in)."""
    if not username or not username.strip():
        raise AuthError("该命令会读取办件数据，须登录：请用 --user 指定您的账号")
    return username.strip(), password_for(username.strip())


def code_for(username: str) -> str:
    """The dynamic code (or a recovery code) from the environment, else asked on the terminal."""
    code = os.environ.get(ENV_OTP)
    if code is not None:
        return code
    if not sys.stdin.isatty():
        raise AuthError(
            "账号 {user} 已启用双因素认证：请设置环境变量 {env} 为当前动态验证码，"
            "或在终端中运行以输入",
            user=username,
            env=ENV_OTP,
        )
    return input(f"{username} 的动态验证码（或恢复码）：")


def log_in(ctx: ServiceContext, username: str, password: str) -> Actor:
    """The logged-in user, exactly as at the desk; DeskError says why not."""
    from hotline_desk.domain.errors import SecondFactorRequired
    from hotline_desk.services.admin import auth

    try:
        result = auth.login(ctx, username, password)
    except SecondFactorRequired:
        result = auth.login(ctx, username, password, code_for(username))
    if result.must_enrol_second_factor:
        raise AuthError(
            "管理员 {user} 须先绑定动态验证码：请在办件台登录，按提示完成双因素认证绑定",
            user=result.actor.username,
        )
    if result.must_change_password:  # a temporary or expired password (the services refuse too)
        raise AuthError(
            "账号 {user} 须先修改密码（{reason}）：请在办件台登录并修改密码后再使用命令行",
            user=result.actor.username,
            reason=result.reason or "临时密码",
        )
    return result.actor


@contextmanager
def logged_in(args: Namespace) -> Iterator[tuple[ServiceContext, Actor]]:
    """The desk the command names (``--data-dir`` / ``--database-url``) and its logged-in user;
    the engines are closed afterwards."""
    from hotline_desk.bootstrap import open_target, resolve_target

    username, password = credentials(args.user)
    ctx = open_target(resolve_target(args.data_dir, args.database_url))
    try:
        yield ctx, log_in(ctx, username, password)
    finally:
        ctx.engines.dispose()


def refuse(exc: DeskError) -> int:
    """Print the reason (never a traceback) and give the exit code of a refusal."""
    print(exc.message, file=sys.stderr)
    return 1


def refusing(run: Callable[[Namespace], int]) -> Callable[[Namespace], int]:
    """The command ``run`` with its DeskError printed as a refusal (``refuse``)."""

    @functools.wraps(run)
    def command(args: Namespace) -> int:
        try:
            return run(args)
        except DeskError as exc:
            return refuse(exc)

    return command
