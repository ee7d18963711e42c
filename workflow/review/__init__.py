"""Bulk review: a supervisor approves several submitted plans at once from a list of their `review` tasks, each
approval still its own locked, recorded transition of PlanFlow; plans with warnings must be opened one by one."""
