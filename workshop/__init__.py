"""The live workshop: rooms where a group answers the same decision point at once.

A trainer creates a room for one scenario and gets a short join code; trainees join with the
code and a display name, answer with the ScenarioPlayer, and the trainer's dashboard shows the
room's spread of answers live. See README.md, "The live workshop", and ``workshop-api``
(the HTTP contract) in :mod:`workshop.app`.
"""
