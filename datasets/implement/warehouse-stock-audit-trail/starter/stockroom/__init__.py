"""Inventory service of the warehouse: products and their stock on hand."""
