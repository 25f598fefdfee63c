"""SimPy model of a child's missing episode and the multi-agency response (a teaching model)."""
