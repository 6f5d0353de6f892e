"""The new-national-system simulator."""
