from django.template import Context, Template

from viecoop.core.richtext import qr_svg, render_markdown


def test_markdown_renders_the_usual_formatting():
    html = render_markdown("# Titre\n\n**Fête** des voisins\n\n- un\n- deux")
    assert "<strong>Fête</strong>" in html
    assert "<li>un</li>" in html
    assert "<h1>" not in html  # headings below the page's own h1 only; h1 is stripped


def test_markdown_removes_scripts_and_dangerous_links():
    html = render_markdown(
        '<script>alert(1)</script> [lien](javascript:alert(1)) <img src=x onerror="alert(1)">'
        " [ok](https://exemple.fr)"
    )
    assert "<script" not in html
    assert "javascript:" not in html
    assert "onerror" not in html
    assert 'href="https://exemple.fr"' in html
    assert 'rel="noopener noreferrer nofollow"' in html


def test_template_filter_and_qr_tag():
    rendered = Template(
        "{% load viecoop_text %}{{ text|markdown }}{% qr_code url title='Code' %}"
    ).render(Context({"text": "*ok*", "url": "https://viecoop.example/c/x/"}))
    assert "<em>ok</em>" in rendered
    assert rendered.count("<svg") == 1
    assert "<title>Code</title>" in rendered


def test_qr_code_is_svg():
    assert qr_svg("ABC").startswith("<svg")
