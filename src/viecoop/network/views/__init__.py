"""Views of the network space (/reseau/), its federation pages and the coop's référents page."""
