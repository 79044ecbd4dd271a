"""The advice built on the ladder: the person and their profile, readiness, routes, learning
plans, queries, search and the graphs a diagram shows. Nothing here prints."""
