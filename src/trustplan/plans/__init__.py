"""The plan as data: models, loading and exporting plan files, and the plan's pages."""
