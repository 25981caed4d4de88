"""How calls to other services fail, as the job runner sees it."""


class TransientError(Exception):
    """Worth trying again: the service was unreachable, too slow, or answered 429 or 5xx."""


class PermanentError(Exception):
    """Trying again cannot help: the service refused the request."""
