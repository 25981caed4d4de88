"""Support-ticket helpdesk: tickets raised by customers, worked by agents."""
