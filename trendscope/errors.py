"""Project exceptions: each carries a message a researcher can act on.

The CLI prints the message as one red line and exits non-zero; anything that is
not a `TrendscopeError` is a bug and keeps its traceback.
"""


class TrendscopeError(Exception):
    """Base class for errors caused by input, configuration or environment."""

    exit_code = 1


class ConfigError(TrendscopeError):
    """The configuration file or a CLI override is invalid."""


class InputError(TrendscopeError):
    """A data file or a document cannot be read as expected."""


class TokenizerError(TrendscopeError):
    """An analyzer cannot be started or used."""


class OutputError(TrendscopeError):
    """An output location cannot be written."""
