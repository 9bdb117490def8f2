"""URL arguments of the toolbox's coop pages, for the generic isolation test."""


def _member_resource(coop):
    from tests.toolbox.factories import make_resource

    # A link, so the isolation test writes no file anywhere.
    resource = make_resource(
        federation=coop.federation, for_members=True, kind="link", url="https://exemple.fr/"
    )
    return {"pk": resource.pk}


SAMPLES = {
    "toolbox:member_detail": _member_resource,
    "toolbox:member_open": _member_resource,
}
