"""The toolbox's pages: the network's (``network``), the federation's (``manage``) and the
members' (``members``, in their coop's space)."""
