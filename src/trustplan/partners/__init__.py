"""Partner organisations and the people who lead, own and sit on the partnership's work."""
