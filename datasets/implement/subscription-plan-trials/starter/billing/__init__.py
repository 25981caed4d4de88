"""Subscription billing: plans, customers, subscriptions and the invoices they produce."""
