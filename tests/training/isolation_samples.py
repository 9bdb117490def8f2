"""Sample URL arguments for the generic isolation test: the training's only coop page,
``/c/<coop>/formation/``, takes none; its other pages live under /reseau/ and /federation/."""

SAMPLES: dict = {}
