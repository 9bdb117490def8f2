"""Pages of the reports: the coop's (``coop``, ``coop_campaigns``), the federation's
(``federation``, ``federation_campaigns``) and the barometer (``barometer``)."""
