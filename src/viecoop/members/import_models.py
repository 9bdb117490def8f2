"""Models of the register import (jobs, saved column mappings)."""
