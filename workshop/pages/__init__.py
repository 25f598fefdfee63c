"""The workshop's two pages as widgets: the trainee's join page and the trainer's dashboard.
The notebooks in ``course/workshop`` are one line each; all logic is here, where it is tested."""
