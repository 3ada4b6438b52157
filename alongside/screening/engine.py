"""The screening pipeline: validate input, assess crisis for everyone, coach mentors only.

`build_engine()` loads the rules, context lists, topics and learned model from the package and
returns an Engine; `screen()` uses one built on first use, so importing the package is cheap.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, reduce
from itertools import chain
from operator import or_

from alongside.screening import context as ctx_mod
from alongside.screening import learned
from alongside.screening.models import COACH_CATEGORIES, ROLES, Flag, ScreeningResult
from alongside.screening.normalise import Normalised, normalise
from alongside.screening.prefilter import (
    ANCHORED,
    NUMBERS,
    SCORES,
    TOUCHED,
    Branch,
    LiteralFinder,
    RuleIndex,
    TokenCache,
    Windows,
)
from alongside.screening.rules import Rule, load_rules
from alongside.screening.text import model_words
from alongside.screening.topics import Topics, load_topics

# A message is screened in parts of at most PART_LENGTH characters that overlap by OVERLAP, so
# a long post always gets a crisis level and a sentence cut at a part's end is read whole in
# the next part.
PART_LENGTH = 4_000
OVERLAP = 600
LEVEL_ORDER = {"none": 0, "concern": 1, "urgent": 2}
COACH_ORDER = {category: number for number, category in enumerate(COACH_CATEGORIES)}
Candidates = list[tuple[Rule, Branch]]
# The learned model alone (no crisis rule matched) may raise concern only when the message
# holds at least this many distinct evidence words (data/learned.toml, [evidence]).
MIN_EVIDENCE_WORDS = 1
# From this length on, each rule is searched only in the sentences where it could match
# (prefilter.Windows); a shorter message is cheaper to search whole.
WINDOWS_FROM_LENGTH = 400


@dataclass
class Engine:
    """Everything one screening needs, loaded once by build_engine()."""

    rules: list[Rule]
    context: ctx_mod.Context
    topics: Topics
    model: learned.LearnedModel | None
    learned_texts: dict[str, tuple[str, str]]
    evidence: learned.Evidence
    urgent_evidence: learned.Evidence

    def __post_init__(self) -> None:
        # One index over every rule: crisis rules about the writer, then those about the reader,
        # then the coach's, so each step stops reading candidates where its rules end.
        self.index = RuleIndex(
            sorted(self.rules, key=lambda rule: (rule.kind != "crisis", rule.about == "reader"))
        )
        self.finder = LiteralFinder(self.index.literals())
        self.tokens = TokenCache(self.finder, self.index, self.model)
        self.reader_rules = any(rule.about == "reader" for rule in self.rules)
        quiet = [rule for rule in self.rules if rule.quiet_in_reflection]
        self.quiet_rules = frozenset(rule.id for rule in quiet)
        # The learned model's flag for such a category is naming too: it reads words alone.
        self.quiet_rules |= {f"learned.{rule.tag}" for rule in quiet}

    # --- the public pipeline ------------------------------------------------------------------

    def screen(
        self, text: str, role: str, avoid_topics: Sequence[str] | None = None
    ) -> ScreeningResult:
        """Screen one message: a crisis level for any role and coach flags for mentors only."""
        topics_tuple = validate(text, role, avoid_topics)
        level, reflected, flags = "none", "none", []
        for offset, part in split_parts(text):
            part_level, part_reflected, part_flags = self.screen_part(part, role, topics_tuple)
            level = max(level, part_level, key=LEVEL_ORDER.__getitem__)
            reflected = max(reflected, part_reflected, key=LEVEL_ORDER.__getitem__)
            flags.extend(shift(flag, offset) for flag in part_flags)
        if role == "peer":
            return ScreeningResult(crisis=level, flags=())  # peers are never coached
        return ScreeningResult(crisis=level, flags=dedupe(flags), reflected=reflected)

    def screen_part(
        self, original: str, role: str, avoid_topics: tuple[str, ...]
    ) -> tuple[str, str, list[Flag]]:
        """The crisis level, the level a mentor's message gives back, and the coach flags."""
        normal = normalise(original)
        text = normal.text
        # A peer is never coached, so only the crisis rules are worth selecting.
        candidates, fired, windows = self.analyse(text, crisis_only=role == "peer")
        # Harm a message urges on its reader is the writer's own risk when a peer writes it, and
        # the peer's when their mentor does: reported with what the mentor gives back.
        about = None if role == "peer" else "writer"
        rules_level, weighed = self.assess_crisis(text, candidates, windows, about)
        crisis = rules_level
        if crisis != "urgent":
            # The learned second opinion may raise the level the rules found.
            model_level = self.learned_crisis(text, fired, weighed, crisis)
            crisis = max(crisis, model_level, key=LEVEL_ORDER.__getitem__)
        if role == "peer":
            return crisis, "none", []
        giving_back = ctx_mod.reflected_sentences(self.context, text)
        told = ctx_mod.told_in_first_person(text, giving_back)
        reflected = self.reflected_crisis(told)
        urged = "none"
        if self.reader_rules:
            urged, _weighed = self.assess_crisis(text, candidates, windows, "reader")
            reflected = max(reflected, urged, key=LEVEL_ORDER.__getitem__)
        if (told is not None or urged != "none") and rules_level == "none" and crisis != "none":
            # The learned model reads words, not whose they are: in a message that gives back
            # the peer's words or urges harm on them, what it alone finds is the peer's, not a
            # crisis of the mentor's.
            reflected = max(reflected, crisis, key=LEVEL_ORDER.__getitem__)
            crisis = "none"
        flags = self.coach(text, candidates, avoid_topics, windows)
        flags += self.learned_flags(text, fired, flags)
        if giving_back:
            flags = [flag for flag in flags if not self.quiet_in(flag, giving_back)]
        return crisis, reflected, [to_original(flag, normal) for flag in flags]

    def quiet_in(self, flag: Flag, giving_back: list[tuple[int, int]]) -> bool:
        """Whether a flag stays silent because it only names what the peer told, inside a
        sentence that gives it back ("I hear you've been using laxatives again"): a rule marked
        quiet_in_reflection, or the learned model's flag for that rule's category."""
        if flag.rule_id not in self.quiet_rules:
            return False
        return any(start <= flag.start and flag.end <= end for start, end in giving_back)

    def reflected_crisis(self, told: str | None) -> str:
        """The rules' level for what a mentor's message gives back of the peer's own words
        (context.reflected_words; None when it gives nothing back)."""
        if told is None:
            return "none"
        candidates, _fired, windows = self.analyse(told, heads=False, crisis_only=True)
        return self.assess_crisis(told, candidates, windows)[0]

    def crisis_with_rules_level(self, text: str) -> tuple[str, str]:
        """The crisis level screen() gives a peer, and the level the rules alone gave."""
        level, rules_level = "none", "none"
        for _offset, part in split_parts(text):
            normal = normalise(part).text
            candidates, fired, windows = self.analyse(normal, crisis_only=True)
            found, weighed = self.assess_crisis(normal, candidates, windows)
            rules_level = max(rules_level, found, key=LEVEL_ORDER.__getitem__)
            if found != "urgent":
                model_level = self.learned_crisis(normal, fired, weighed, found)
                found = max(found, model_level, key=LEVEL_ORDER.__getitem__)
            level = max(level, found, key=LEVEL_ORDER.__getitem__)
        return level, rules_level

    # --- the steps ----------------------------------------------------------------------------

    def analyse(
        self, text: str, *, heads: bool = True, crisis_only: bool = False
    ) -> tuple[Candidates, set[str], Windows]:
        """The rule branches worth running on a normalised text (crisis rules only, when that
        is all the caller will run), the learned heads that fire (none asked for when heads
        is False), and where in the text each branch can match."""
        folded = text.casefold()
        if len(folded) != len(text):
            # Casefolding that changes the length (German sharp s) could hide a literal from the
            # prefilter, so such rare messages simply run every rule, on the whole text.
            fired = self.model.fired_for_text(folded) if self.model else set()
            return self.index.entries, fired, Windows(len(text))
        tokens = self.tokens.look_up(folded)
        within = self.index.crisis_mask if crisis_only else -1
        if len(text) >= WINDOWS_FROM_LENGTH:
            windows = Windows(len(text), folded)
            candidates = self.index.select_by_sentence(tokens, windows, within)
        else:  # a short text is searched whole: finding its sentences costs more than it saves
            windows = Windows(len(text))
            candidates = self.index.select(
                reduce(or_, map(ANCHORED, tokens), 0), reduce(or_, map(TOUCHED, tokens), 0), within
            )
        if self.model is None or not heads:
            return candidates, set(), windows
        numbers = list(chain.from_iterable(map(NUMBERS, tokens)))
        return candidates, self.model.fired(numbers, map(SCORES, tokens)), windows

    def set_aside(self, text: str, rule: Rule, match: re.Match[str]) -> tuple[int, int] | None:
        """None when a crisis match still signals risk about the writer; otherwise the stretch
        of text its context judged: the idiom, the denied clause, or the sentence (a rule's own
        'unless' or 'requires', or a sentence about someone else)."""
        start, end = match.span()
        if not sentence_allows(rule, text, match):
            return ctx_mod.sentence_span(text, start, end)
        if ctx_mod.in_idiom(self.context, text, start, end):
            return start, end
        if ctx_mod.is_negated(self.context, text, start, end):
            return ctx_mod.clause_span(text, start, end)
        if rule.about == "reader":
            # Its "you" is the reader it is about; only words quoted from someone else are not.
            if ctx_mod.in_reported_speech(self.context, text, start):
                return ctx_mod.sentence_span(text, start, end)
            return None
        if ctx_mod.is_about_someone_else(self.context, text, start, end):
            return ctx_mod.sentence_span(text, start, end)
        return None

    def assess_crisis(
        self,
        text: str,
        candidates: Candidates,
        windows: Windows | None = None,
        about: str | None = None,
    ) -> tuple[str, list[tuple[int, int]]]:
        """The highest level among crisis matches that survive their context, and the stretches
        of text where the context set a match aside or lowered it (a past lowers the whole
        sentence). With `about`, only the rules about that person ("writer" or "reader")."""
        windows = windows or Windows(len(text))
        level, weighed = "none", []
        cues: dict[str, set[int]] = {}  # rules of weak cues: the alternatives that held
        # A rule of weak cues can only fire when enough of its alternatives are candidates at
        # all; otherwise its lone cues ("nobody around") are not worth judging.
        weak: Counter[str] | None = None
        for rule, branch in candidates:  # in the index's order (see __post_init__)
            if rule.kind != "crisis" or (about == "writer" and rule.about == "reader"):
                break
            if LEVEL_ORDER[rule.tag] <= LEVEL_ORDER[level]:
                continue
            if about is not None and rule.about != about:
                continue
            if rule.at_least > 1:
                if weak is None:
                    weak = Counter(found.id for found, _b in candidates if found.at_least > 1)
                if weak[rule.id] < rule.at_least:
                    continue
            for match in branch_matches(branch, text, windows):
                judged = self.set_aside(text, rule, match)
                if rule.at_least > 1:
                    # A weak cue judges no words for the model; it only counts when it holds.
                    if (
                        judged is not None
                        or ctx_mod.past_state(self.context, text, *match.span()) != "present"
                    ):
                        continue
                    cues.setdefault(rule.id, set()).add(id(branch))
                    if len(cues[rule.id]) < rule.at_least:
                        continue
                    judged = None
                if judged is not None:
                    weighed.append(judged)
                    continue
                state = ctx_mod.past_state(self.context, text, match.start(), match.end())
                found = after_past_check(rule, state)
                if found != rule.tag:
                    weighed.append(ctx_mod.sentence_span(text, *match.span()))
                if LEVEL_ORDER[found] > LEVEL_ORDER[level]:
                    level = found
                if level == "urgent":
                    return level, weighed
        if level == "concern" and ctx_mod.says_it_is_imminent(self.context, text):
            return "urgent", weighed  # concern plus "I'm doing it tonight": when in doubt, higher
        return level, weighed

    def learned_crisis(
        self, text: str, fired: set[str], weighed: list[tuple[int, int]], rules_level: str
    ) -> str:
        """The learned model's crisis level, held to what corroborates it.

        Words the context checks judged are no evidence: the stretches where they set aside or
        lowered a rule match, and any idiom ("catch the bus home"). When the model speaks up
        about a message holding such words, it is asked again without them. Alone (no rule
        matched) it raises concern, or urgent when its urgent head fires and the message holds
        an urgent-evidence word, or when the message says it will be acted on soon; it lifts a
        rule's concern to urgent when its urgent head fires, or its alert head fires on a
        message holding such a word.
        """
        level = learned.crisis_level(fired)
        if level == "none" or self.model is None:
            return level
        blanked = ctx_mod.without_idioms(self.context, text)
        if blanked is not None or weighed:
            text = ctx_mod.blank(blanked or text, weighed)
            level = learned.crisis_level(self.model.fired_for_text(text.casefold()))
        if level == "none":
            return level
        words = model_words(text)
        # An urgent-evidence word (a means, an act of harm, a body in danger) corroborates.
        urgent_word = self.urgent_evidence.count(words) >= 1
        if rules_level != "none":
            return "urgent" if level == "urgent" or urgent_word else "concern"
        if self.evidence.count(words) < MIN_EVIDENCE_WORDS:
            return "none"
        if urgent_word and level == "urgent":
            return "urgent"
        # As for a rule's concern: the model's concern plus "I'm doing it tonight" is urgent.
        return "urgent" if ctx_mod.says_it_is_imminent(self.context, text) else "concern"

    def coach(
        self,
        text: str,
        candidates: Candidates,
        avoid_topics: tuple[str, ...],
        windows: Windows | None = None,
    ) -> list[Flag]:
        """Every rule coach flag for a mentor message (offsets in the normalised text)."""
        windows = windows or Windows(len(text))
        flags: list[Flag] = []
        for rule, branch in candidates:
            if rule.kind != "coach":
                continue
            flags.extend(rule_flags(text, rule, branch_matches(branch, text, windows)))
        if avoid_topics:
            flags.extend(self.topic_flags(text, avoid_topics))
        return flags

    def topic_flags(self, text: str, avoid_topics: tuple[str, ...]) -> Iterable[Flag]:
        pattern = self.topics.pattern(avoid_topics)
        if pattern is None:
            return
        for match in pattern.finditer(text):
            topic = avoid_topics[int(match.lastgroup[1:])]
            explanation = self.topics.explanation.replace("{topic}", topic)
            suggestion = self.topics.suggestion
            yield Flag("avoid_topic", *match.span(), explanation, suggestion, "avoid_topic")

    def learned_flags(self, text: str, fired: set[str], flags: list[Flag]) -> list[Flag]:
        """Coach flags from the learned model, for categories no rule flagged in this message."""
        missing = fired.difference(learned.CRISIS_HEADS, (flag.category for flag in flags))
        if not missing or self.model is None:
            return []
        found = []
        for category in sorted(missing, key=COACH_ORDER.__getitem__):
            start, end, weight = self.model.trigger(text, category)
            if weight < learned.MIN_TRIGGER_WEIGHT:
                continue
            explanation, suggestion = self.learned_texts[category]
            found.append(Flag(category, start, end, explanation, suggestion, f"learned.{category}"))
        return found

    def rule_fires(self, rule: Rule, text: str) -> bool:
        """Whether one rule alone matches a text (its 'unless' applied, no context checks)."""
        text = normalise(text).text
        if rule.at_least > 1:
            held = sum(
                any(sentence_allows(rule, text, match) for match in branch.regex.finditer(text))
                for branch in rule.branches
            )
            return held >= rule.at_least
        return any(sentence_allows(rule, text, match) for match in rule.regex.finditer(text))


def build_engine(*, with_model: bool = True, model_path=None, rules_dir=None) -> Engine:
    """Load rules, context, topics and (unless with_model is False) the learned model.

    A missing or malformed model file raises: running on rules alone must be a choice.
    """
    model = None
    if with_model:
        model = learned.load_model() if model_path is None else learned.load_model(model_path)
    return Engine(
        rules=load_rules() if rules_dir is None else load_rules(rules_dir),
        context=ctx_mod.load_context(),
        topics=load_topics(),
        model=model,
        learned_texts=learned.load_texts(),
        evidence=learned.Evidence(learned.load_evidence()),
        urgent_evidence=learned.Evidence(learned.load_evidence(section="urgent_evidence")),
    )


@cache
def default_engine() -> Engine:
    """The engine screen() uses, built on first use."""
    return build_engine()


def screen(text: str, role: str, avoid_topics: Sequence[str] | None = None) -> ScreeningResult:
    """Screen one message: a crisis level for any role and coach flags for mentors only.

    Raises ValueError for a non-string or empty text, an unknown role, or avoid_topics that is
    not a list of strings. Text of any length is screened (long text in overlapping parts).
    """
    return default_engine().screen(text, role, avoid_topics)


def validate(text: object, role: object, avoid_topics: object) -> tuple[str, ...]:
    """Raise ValueError for input the engine refuses; return avoid_topics as a tuple."""
    if not isinstance(text, str):
        # The contract promises ValueError for every refused input, so callers catch one type.
        raise ValueError(f"text must be a string, not {type(text).__name__}")  # noqa: TRY004
    if not text.strip():
        raise ValueError("text is empty or only whitespace")
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; expected one of {', '.join(ROLES)}")
    if avoid_topics is None:
        return ()
    if not isinstance(avoid_topics, (list, tuple)) or not all(
        isinstance(topic, str) for topic in avoid_topics
    ):
        raise ValueError("avoid_topics must be a list of strings")
    return tuple(" ".join(topic.lower().split()) for topic in avoid_topics if topic.strip())


def split_parts(text: str) -> list[tuple[int, str]]:
    """The text in parts of at most PART_LENGTH characters, each starting OVERLAP characters
    before the previous one ended (at a space where there is one), with their offsets."""
    if len(text) <= PART_LENGTH:
        return [(0, text)]
    parts, start = [], 0
    while True:
        end = min(len(text), start + PART_LENGTH)
        if end < len(text):
            space = text.rfind(" ", start + PART_LENGTH // 2, end)
            end = space if space > 0 else end
        parts.append((start, text[start:end]))
        if end >= len(text):
            return parts
        restart = text.find(" ", end - OVERLAP, end)
        start = restart + 1 if restart > start else end - OVERLAP


def after_past_check(rule: Rule, state: str) -> str:
    # A recovered past is no present risk. A past with no word on recovery drops one level:
    # a past attempt still deserves resources (concern), a past habit alone raises nothing.
    # A rule may say otherwise (past_level): a faint years ago is no emergency now.
    if state == "recovered":
        return "none"
    if state == "past":
        if rule.past_level is not None:
            return rule.past_level
        return "concern" if rule.tag == "urgent" else "none"
    return rule.tag


def matches(
    branch: Branch, text: str, start: int = 0, end: int | None = None
) -> list[re.Match[str]]:
    """Like finditer, but lets the branch's scan pattern skip to where a match could start,
    within the stretch (start, end) of the text where its Windows say a match can lie."""
    if end is None:
        end = len(text)
    if branch.scan is None:
        return list(branch.regex.finditer(text, start, end))
    scan, regex = branch.scan.search, branch.regex.match
    found: list[re.Match[str]] = []
    position = start
    while (candidate := scan(text, position, end)) is not None:
        start = candidate.start()
        match = regex(text, start, end)
        if match is None:
            position = start + 1
            continue
        found.append(match)  # finditer never reports overlapping matches; neither do we
        position = max(match.end(), start + 1)
    return found


def branch_matches(branch: Branch, text: str, windows: Windows) -> list[re.Match[str]]:
    """A branch's matches in the stretches of text where its windows say it can match."""
    scan = branch.scan
    if windows.folded is None:  # a short text: the whole of it, as fast as can be
        if scan is not None and scan.search(text) is None:
            return []
        return matches(branch, text)
    found: list[re.Match[str]] = []
    for start, end in windows.of(branch):
        # Most candidates cannot match at all: one quick scan settles that.
        if scan is None or scan.search(text, start, end) is not None:
            found.extend(matches(branch, text, start, end))
    return found


def rule_flags(text: str, rule: Rule, found: Iterable[re.Match[str]]) -> Iterable[Flag]:
    for match in found:
        if not sentence_allows(rule, text, match):
            continue
        start, end = hit_span(match)
        if start < end:
            yield Flag(rule.tag, start, end, rule.explanation, rule.suggestion, rule.id)


def hit_span(match: re.Match[str]) -> tuple[int, int]:
    # A rule may mark the exact words to highlight with a group named "hit" (or "hit2",
    # "hit3"... when several alternatives each mark their own: names must differ).
    for name in match.re.groupindex:
        if name.startswith("hit") and match.group(name) is not None:
            return match.span(name)
    return match.span()


def sentence_allows(rule: Rule, text: str, match: re.Match[str]) -> bool:
    """A rule's 'unless' must be absent from, and its 'requires' present in, the sentence."""
    if rule.unless is None and rule.requires is None:
        return True
    start, end = ctx_mod.sentence_span(text, *match.span())
    if rule.unless is not None and rule.unless.search(text, start, end):
        return False
    return rule.requires is None or rule.requires.search(text, start, end) is not None


def to_original(flag: Flag, normal: Normalised) -> Flag:
    """The flag with its span moved from the normalised text to the writer's own text."""
    start, end = normal.span(flag.start, flag.end)
    if (start, end) == (flag.start, flag.end):
        return flag
    return Flag(flag.category, start, end, flag.explanation, flag.suggestion, flag.rule_id)


def shift(flag: Flag, offset: int) -> Flag:
    if not offset:
        return flag
    start, end = flag.start + offset, flag.end + offset
    return Flag(flag.category, start, end, flag.explanation, flag.suggestion, flag.rule_id)


def dedupe(flags: Iterable[Flag]) -> tuple[Flag, ...]:
    """Sort by start and keep one flag per overlapping stretch of the same category."""
    ordered = sorted(flags, key=lambda f: (f.start, -f.end, f.category, f.rule_id))
    kept: list[Flag] = []
    last_end: dict[str, int] = {}
    for flag in ordered:
        if flag.start < last_end.get(flag.category, -1):
            continue
        kept.append(flag)
        last_end[flag.category] = flag.end
    return tuple(kept)
