"""Secrets never echoed: the password of an address (``scheme://user:password@host``) or of a
connection string (``password=…``) hidden before a text reaches a message, a log or an output."""

from __future__ import annotations

import re

__all__ = [
    "masked",
]

_USERINFO = re.compile(r"(://[^:/@\s]*:)[^@\s]*@")
_KEYWORD = re.compile(r"(\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)", re.IGNORECASE)


def masked(text: str) -> str:
    """``text`` with every password hidden.

    Returns
    -------
    str
        ``text`` where ``scheme://user:secret@host`` reads ``scheme://user:***@host`` and
        ``password=secret`` (quoted or not) reads ``password=***``."""
    return _KEYWORD.sub(r"\1***", _USERINFO.sub(r"\1***@", text or ""))
