"""Library loans service: members borrow, renew and return books; late returns are fined."""
