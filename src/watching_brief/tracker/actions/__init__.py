"""Actions set at meetings, their updates, and revisits booked for later meetings."""
