"""Time until the trial call."""


def seconds_until_trial(reset_timeout: float, now: float, opened_at: float) -> float:
    return reset_timeout - (now - opened_at)
