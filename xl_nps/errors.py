"""The project's one exception type.

Every problem with the user's data or arguments is raised as :class:`XlNpsError` with a
message a spreadsheet user can act on: which cell or row, which value, which rule. Anything
else that escapes is a bug in xl-nps, not a problem with the data.
"""


class XlNpsError(ValueError):
    """Bad input: the message names the place, the value and the rule it broke."""


def quote(text, limit: int = 40) -> str:
    """User text for a one-line message: in double quotes, control characters escaped,
    cut to ``limit`` characters."""
    s = "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in str(text))
    if len(s) > limit:
        s = s[: limit - 3] + "..."
    return f'"{s}"'
