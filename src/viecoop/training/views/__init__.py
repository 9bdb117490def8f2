"""Views of the training programme: in the network space, the federation space and a coop."""
