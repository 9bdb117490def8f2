"""URL arguments of the API app's coop pages, for the generic isolation test."""


def _sample_token(coop):
    from tests.api.conftest import make_token

    token, _secret = make_token(coop)
    return {"pk": token.pk}


SAMPLES = {"api:token_revoke": _sample_token}
