"""Tour planning: the optimisation model, the validator and re-planning (see the planner issue)."""
