"""Appointment booking service for the clinic's front desk."""
