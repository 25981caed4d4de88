"""Lending rules of the library, per member kind (adults and children borrow differently)."""

MEMBER_KINDS = ("adult", "child")

# How long a loan runs, and how much longer each renewal adds.
LOAN_DAYS = {"adult": 21, "child": 14}
MAX_RENEWALS = 2

# How many books a member may hold at once.
MAX_OPEN_LOANS = {"adult": 5, "child": 3}

# Fines: nothing for a return within the grace period; after it, every late day is charged
# (the grace days included), up to a cap per loan.
GRACE_DAYS = 1
DAILY_FINE_CENTS = {"adult": 25, "child": 10}
MAX_FINE_CENTS = {"adult": 1000, "child": 400}

# A member owing this much (fines of returned books, less payments) may not borrow.
BLOCKING_BALANCE_CENTS = 500

LOAN_STATUSES = ("open", "returned", "all")
