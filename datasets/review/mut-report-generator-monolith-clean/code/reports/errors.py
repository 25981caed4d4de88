class ReportError(Exception):
    """The report cannot be produced: bad options, missing file or unusable input."""
