"""The one error the tool raises on purpose: a file it cannot turn into a notice."""


class NoticeError(Exception):
    """A document that cannot be extracted; str() is the one line a user sees."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
