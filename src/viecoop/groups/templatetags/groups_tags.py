"""``{% load groups_tags %}``: where a group's pages are, in its own space."""

from django import template

from ..audience import group_path

register = template.Library()


@register.simple_tag
def group_url(group, action: str = "detail", **kwargs) -> str:
    return group_path(group, action, **kwargs)
