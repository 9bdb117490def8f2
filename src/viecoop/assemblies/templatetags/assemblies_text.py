"""``{% load assemblies_text %}``: ``{{ resolution.text|cached_markdown }}``."""

from django import template

from ..text import cached_markdown as render

register = template.Library()


@register.filter
def cached_markdown(text: str):
    return render(text)
