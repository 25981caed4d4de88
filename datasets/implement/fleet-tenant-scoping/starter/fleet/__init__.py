"""Fleet maintenance tracker: vehicles, their service history and what is due next."""
