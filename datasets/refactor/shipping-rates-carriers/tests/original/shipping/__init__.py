"""Shipping rates: ask every carrier for a rate, add our surcharges, return the quotes."""
