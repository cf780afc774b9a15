"""The web front: the page layout (GOV.UK Design System), sign-in, search, demo and serving."""
