"""Errors the expenses pipeline raises for input it cannot work with at all."""


class ExpenseError(Exception):
    """A file or table the pipeline cannot read (a bad rates line, a missing CSV column).

    A single bad claim is never an exception: each stage reports it in its result instead.
    """
