"""Reads of the reports, each with a constant number of queries, split by sub-domain."""
