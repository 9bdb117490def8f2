"""``{% load viecoop_text %}``: ``{{ text|markdown }}`` and ``{% qr_code url %}``."""

from django import template

from viecoop.core.richtext import qr_svg, render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str):
    return render_markdown(text)


@register.simple_tag
def qr_code(data: str, scale: int = 4, title: str = ""):
    return qr_svg(data, scale=scale, title=title)
