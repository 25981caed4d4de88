class BillingError(Exception):
    """Invoice input that cannot be billed: unknown plan, bad quantity, bad period..."""
