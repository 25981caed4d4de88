"""Event ticketing: seat holds, purchases, hold expiry and customer emails."""
