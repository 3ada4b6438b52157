"""Accessibility checks run in the browser: axe-core (bundled with axe-playwright-python, so it
needs no network) and a sideways-scrolling probe."""

from axe_playwright_python.sync_playwright import Axe

# axe rates each problem minor, moderate, serious or critical; the last two fail a test.
FAILING_IMPACTS = frozenset({"serious", "critical"})

_axe = Axe()


def serious_axe_violations(page) -> list[str]:
    """One readable line per serious or critical axe violation on the page as it is now."""
    results = _axe.run(page)
    problems = []
    for violation in results.response["violations"]:
        if violation["impact"] not in FAILING_IMPACTS:
            continue
        targets = "; ".join(", ".join(node["target"]) for node in violation["nodes"][:5])
        problems.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']} [{targets}]"
        )
    return problems


def assert_no_serious_axe_violations(page) -> None:
    problems = serious_axe_violations(page)
    assert not problems, f"{page.url}:\n" + "\n".join(problems)


def sideways_overflow(page) -> int:
    """How many CSS pixels the page is wider than the window (0 or less: no sideways scroll)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


# Buttons whose own text and background colours are below AA contrast (4.5:1). axe leaves a
# button it cannot judge "incomplete" (text the colour of its background, for one), and such a
# button is the easiest to break from the stylesheet, so this checks them all directly.
_BUTTON_CONTRAST_JS = """() => {
  const rgb = (text) => text.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => {
    const c = [r, g, b].map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const low = [];
  const buttons = "a.button, button, .button-secondary, .button-danger";
  for (const el of document.querySelectorAll(buttons)) {
    const style = getComputedStyle(el);
    const bg = rgb(style.backgroundColor);
    if (!el.offsetParent || (bg.length === 4 && bg[3] < 1)) continue;  // hidden, or see-through
    const [a, b] = [lum(rgb(style.color)), lum(bg)];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) low.push(`${el.textContent.trim()} (${ratio.toFixed(2)}:1)`);
  }
  return low;
}"""


def low_contrast_buttons(page) -> list[str]:
    """The visible buttons whose text fails 4.5:1 on their own background, with the ratio."""
    return page.evaluate(_BUTTON_CONTRAST_JS)
