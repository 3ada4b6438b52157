"""Render Markdown written by the community into HTML that is safe to show."""

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

_ALLOWED_TAGS = {
    "p", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "blockquote", "a", "code", "hr", "br",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip


def render_markdown(text: str) -> SafeString:
    """Markdown to HTML, then sanitised: scripts, styles and unknown tags never survive."""
    html = markdown.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    clean = nh3.clean(
        html, tags=_ALLOWED_TAGS, attributes={"a": {"href", "title"}}, link_rel="noopener"
    )
    return mark_safe(clean)  # noqa: S308 (sanitised by nh3 on the line above)
