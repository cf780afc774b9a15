"""Who may do what: roles held through memberships, and the one policy every view asks."""
