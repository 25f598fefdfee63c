"""The multi-agency exercise "Who knows what": each trainee holds one agency's information, and
what the room shares, and when, drives the simulation (see README, "The multi-agency exercise")."""
