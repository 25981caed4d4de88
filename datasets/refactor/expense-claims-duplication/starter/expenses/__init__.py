"""Expense claims: import a CSV export, review the claims, write the ledger for payroll."""
