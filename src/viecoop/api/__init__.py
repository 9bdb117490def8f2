"""The JSON API: a coop's management software pushes and reads its register with a per-coop token."""
