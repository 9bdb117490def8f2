from django.conf import settings


def viecoop(request):
    """Values every page needs: demo flag and the navigation for the current space."""
    from viecoop.core.navigation import build_navigation

    return {
        "DEMO_MODE": settings.DEMO_MODE,
        "navigation": build_navigation(request),
    }
