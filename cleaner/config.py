"""The one frozen configuration object, with every knob documented where it is declared.

Each stage owns a section (``Config.residue``, ``Config.language``, ...). Build variants with
:func:`dataclasses.replace` or :meth:`Config.with_options`; never mutate. ``fingerprint()`` goes into
every report record so a run can be reproduced.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

MIB = 1 << 20


@dataclass(frozen=True)
class EncodingConfig:
    """Decoding and mojibake repair (stage ``encoding``)."""

    force: str | None = None
    """Decode every input with this codec (``--encoding``, any name :mod:`codecs` knows); no
    detection; a file the codec cannot decode strictly is an error. Repair still runs."""
    repair: bool = True
    """Run ftfy's encoding fixes (mojibake, C1 controls, surrogates) on the decoded text;
    ``--no-encoding-repair`` turns it off. Default on: the fast path skips clean text."""
    html_entities: bool = True
    """Decode HTML entities in plain text (not HTML pages) when the whole text is HTML-escaped
    (``&amp;``, ``&#8217;`` and no raw ``&`` or ``<``); see :func:`cleaner.encoding.escaped_throughout`."""


@dataclass(frozen=True)
class ResidueConfig:
    """Template residue lines (stage ``residue``)."""

    max_symbol_line_chars: int = 12
    """A line of at most this many characters holding no letter or digit is ``residue.symbol_line``."""
    max_notice_chars: int = 200
    """Cookie/newsletter notices, copyright footers and theme demo text are matched anywhere in a line,
    so only on lines of at most this many characters (a longer line is an article sentence that
    mentions them)."""
    prose_min_chars: int = 60
    """A line of at least this many characters ending like a sentence is prose; credits and bylines
    are removed only before the first or after the last prose line (the edges)."""
    max_related_title_chars: int = 120
    """After a "Related articles" heading, following lines up to this length that do not end like a
    sentence are taken as the list's titles (at most 15)."""
    model_threshold: float = 0.2
    """A line whose article probability from the line model is below this is ``residue.boilerplate``;
    0 turns the model off. Higher removes more (more residue gone, more risk to the article). 0.2 is
    the highest that keeps body-loss under 5% on pages of sources the model was not trained on
    (``scripts/train_lines.py --eval-only --pipeline``, text mode: 0.15: F1 0.809 / body-loss 3.6%,
    0.2: 0.821 / 4.6%, 0.25: 0.828 / 5.6%)."""
    html_model_threshold: float = 0.0
    """``model_threshold`` for HTML pages. The HTML stage has already cut the page furniture by DOM
    evidence, and the line model (trained on text dumps) then mostly cuts article lines: on a third of
    the dev pages 0 gives F1 0.917 / body-loss 5.1% against 0.915 / 5.9% at 0.15. 0 turns it off."""
    model_min_lines: int = 3
    """Documents with fewer non-blank lines than this are left to the rules alone (too little
    context for the model)."""
    model_max_lines: int = 20_000
    """Documents with more non-blank lines than this are left to the rules alone: the model holds a
    feature vector per line (about 1 KB), so a million-line file would need a gigabyte."""
    markup_min_share: float = 0.2
    """A text document in which at least this share of the non-blank lines hold an HTML tag
    (``<div class="nav">``, ``<a href="/">Home</a>``) is a page dumped with its markup: its tag-only
    lines and script and style blocks are ``residue.markup`` (``cleaner/cleaners/markup.py``). Below
    it nothing changes (an article about HTML quotes a few tags). The dumps among the dev pages have
    tags on 24-60% of their lines."""
    markup_min_lines: int = 5
    """A markup dump also has at least this many lines holding a tag."""
    max_passes: int = 8
    """Passes of rules + model over the lines left by the previous pass (each removal moves the
    edges); the loop stops early when a pass finds nothing, which makes cleaning idempotent."""


@dataclass(frozen=True)
class CommentsConfig:
    """Appended comment threads (stage ``comments``)."""

    min_thread_lines: int = 2
    """A trailing run needs at least this many conversational lines to be a ``comments.thread``."""
    min_article_chars: int = 200
    """A thread starts only after this many characters of prose lines (a comment heading in a
    share bar above the article does not open a thread)."""
    evidence_window: int = 10
    """A comment heading opens a thread only when one of the next this-many lines is comment
    evidence (metadata, a form line, a conversational turn, another heading)."""
    max_turn_chars: int = 120
    """The trailing run of conversational turns is made of lines of at most this many characters."""
    min_author_units: int = 4
    """A run of author units (name line, then the comment) is a thread from this many units on: one
    to three name lines between paragraphs are an article's subheadings as often as a thread."""
    max_unit_lines: int = 6
    """An author unit holds 1 to this many lines of text after its name; a longer one ends the run
    (comments are short; sections under subheadings are long)."""
    min_cue_share: float = 0.5
    """Share of the run's units whose text has a conversational cue ("I", "my", thanks, "!", ":)");
    the run starts at its first unit with one."""
    min_identity_share: float = 0.25
    """Share of the run's units with a web identity (the commenter's link line above the name, or a
    handle such as ``tdhurst``, ``wadew1``, ``@ckdozi``): testimonials, subheadings and lists of
    people have names, not handles."""
    min_distinct_share: float = 0.5
    """Share of distinct names among the run's units: an interview or transcript alternates two or
    three speakers, a thread has many commenters."""
    max_lines_per_comment: float = 4.0
    """A heading that counts the comments below it ("74 Comments", ``COUNTED_HEADING_RE``) opens a
    thread with no other evidence when the lines from it to the end are at most this many per counted
    comment (counting at least two): an extractor that drops the commenters' names and dates leaves
    one to three paragraphs per comment (1.3 to 3.6 on the Dragnet pages), while a blog index, a
    forum or a page whose article follows the counter has more lines than its count. Lower keeps
    more threads (and their long comments); higher cuts after counters that count something else."""


@dataclass(frozen=True)
class LanguageConfig:
    """Document language and mixed-language fragments (stage ``language``)."""

    mixed_language: str = "flag"
    """``flag`` reports fragments in another language; ``drop`` also removes them."""
    languages: tuple[str, ...] = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "ru", "uk", "bg")
    """Candidate languages of same-script text (wordfreq ``small`` lists; Latin: en de fr es it pt nl
    ca ro sv da nb pl cs sk hu fi tr id, Cyrillic: ru uk bg mk). More candidates find more languages
    but confuse close ones (ca/es, da/nb/sv) and raise false alarms; each costs ~0.1 s to load."""
    min_script_letters: int = 3
    """A fragment in another alphabet (not CJK) needs this many letters: ``π``, ``μm``, ``ΔG`` stay
    unflagged, ``Привет`` is flagged. CJK fragments need one Han/Hangul character (two kana)."""
    min_sentence_words: int = 4
    """A sentence is classified on its own from this many words; a whole line from twice as many.
    Shorter ones are only searched for inline phrases."""
    sentence_margin: float = 0.8
    """A line or sentence is foreign when another language beats the document's by this many log10
    units of word frequency per word (0.8: each word ~6x likelier there). Lower finds more, and
    raises false alarms on clean text."""
    inline_words: bool = True
    """Also look for foreign phrases and single words inside host sentences (lexicon)."""
    phrase_margin: float = 1.5
    """An inline run of 2+ lower-case words is foreign at this margin (log10 units per word)."""
    word_margin: float = 2.5
    """A single lower-case word unknown to the document's list is foreign at this margin."""
    min_word_letters: int = 7
    """A single inline word needs this many letters to be flagged: shorter words collide across
    languages (``piada``, ``range``); on the dev split 7 halves the false alarms for 1/3 of the hits."""


@dataclass(frozen=True)
class QualityConfig:
    """Quality signals and score (stage ``quality``); see :func:`cleaner.quality.score`.

    The rule thresholds are the published ones (Gopher: Rae et al. 2021, table A1; C4: Raffel et al.
    2020; FineWeb: Penedo et al. 2024), as datatrove implements them. A failed rule multiplies the
    score by a factor that falls from 1 at its threshold to ``1 - rule_penalty`` where it fails
    clearly (the ``full`` column of :data:`cleaner.quality.RULES`); nothing is dropped for one rule.
    """

    min_quality: float | None = None
    """Documents scoring below this are not written (``--min-quality``); ``None`` keeps all."""
    rule_penalty: float = 0.5
    """The most one failed rule takes off the score (0.5: the score halves). 1 would make every rule
    a hard filter, as in the papers; 0.5 keeps the score ranking documents that fail one rule."""
    stop_word_ratio_good: float = 0.2
    """A share of stop words at or above this counts as fully prose-like (0.2: English prose has
    about 0.17 of Gopher's eight stop words; navigation text has under 0.05)."""
    min_words: int = 50
    """Gopher: fewer words fail (50)."""
    max_words: int = 100_000
    """Gopher: more words fail (100,000)."""
    min_mean_word_length: float = 3.0
    """Gopher: a shorter mean word length fails (3 characters; not applied to Chinese/Japanese)."""
    max_mean_word_length: float = 10.0
    """Gopher: a longer mean word length fails (10 characters)."""
    max_symbol_word_ratio: float = 0.1
    """Gopher: more '#' per word, or more ellipses per word, fail (0.1)."""
    max_bullet_lines_ratio: float = 0.9
    """Gopher: a larger share of lines starting with a bullet fails (0.9)."""
    max_ellipsis_lines_ratio: float = 0.3
    """Gopher: a larger share of lines ending with an ellipsis fails (0.3)."""
    min_alpha_words_ratio: float = 0.8
    """Gopher: a smaller share of words with a letter fails (0.8)."""
    min_stop_words: int = 2
    """Gopher: fewer distinct stop words fail (2)."""
    max_dup_line_frac: float = 0.3
    """Gopher: a larger share of repeated lines fails (0.3)."""
    max_dup_line_char_frac: float = 0.2
    """Gopher: a larger share of characters in repeated lines fails (0.2)."""
    max_top_2gram_char_frac: float = 0.2
    """Gopher: a most frequent 2-gram covering a larger share of characters fails (0.2)."""
    max_dup_5gram_char_frac: float = 0.15
    """Gopher: a larger share of characters in repeated 5-grams fails (0.15)."""
    min_c4_sentences: int = 5
    """C4: fewer sentences in the lines C4 keeps fail (5)."""
    min_line_punct_ratio: float = 0.12
    """FineWeb: a smaller share of lines ending in terminal punctuation fails (0.12)."""
    max_short_line_ratio: float = 0.67
    """FineWeb: a larger share of lines of at most 30 columns fails (0.67)."""
    max_dup_char_ratio: float = 0.01
    """FineWeb: a larger share of characters in repeated lines fails (0.01)."""
    max_newline_word_ratio: float = 0.3
    """FineWeb: more line breaks per word fail (0.3: a list, not prose)."""
    max_signal_chars: int | None = 1_000_000
    """Signals of a longer text are measured on its first this many characters (cut after a line
    break), the counts scaled to the whole text (see :func:`cleaner.quality.signals`). Bounds the
    signals' time and memory per document (a 9 MB text of a million short lines: process peak
    115 MB instead of 665 MB); 1,000,000 is 4x the longest dev page, so no dev value changes.
    8,000 cuts the signals' work on the dev pages by 43% but judges 40% of them on their head
    (benchmarks/quality.py --max-signal-chars). ``None``: every character."""


@dataclass(frozen=True)
class CorpusConfig:
    """Cross-document template lines (stage ``corpus``)."""

    enabled: bool | None = None
    """``False`` (``--no-corpus``) turns corpus mode off. ``None`` (default) acts on groups of at least
    ``min_docs`` documents; ``True`` (``--corpus``) on every group of 2 or more."""
    group_by: str = "host"
    """``host``: the url host of a JSONL record (``url`` field), else the file's parent directory;
    ``dir``: the parent directory; ``field:NAME``: a JSONL field's value; ``none``: one group."""
    min_docs: int = 2
    """Documents a group needs before corpus mode acts on it by default (2: a pair of pages of one
    site already shows its template; the guards keep shared articles). ``--corpus`` ignores it."""
    fraction: float = 0.6
    """Short lines in a run: df must reach this share of the group's documents (0.6: 3 of 5, 6 of
    10, 24 of 40). A real template line is on nearly every page; a popular title or a copied article
    rarely reaches it."""
    sqrt_factor: float = 6.0
    """Large groups: the df needed stops growing with the share and grows as ``sqrt_factor * sqrt(n)``
    instead (6: 60 of 100, 269 of 2,000), so a template of one section of a big site still counts."""
    min_df: int = 2
    """A line must be in at least this many documents (2: the least evidence there is)."""
    weak_fraction: float = 0.8
    """Prose lines and isolated short lines need this share of the group's documents (0.8)."""
    weak_sqrt_factor: float = 8.0
    """Large groups: prose and isolated lines need ``weak_sqrt_factor * sqrt(n)`` documents."""
    weak_min_df: int = 5
    """Prose and isolated lines are never removed from groups where fewer documents hold them (5):
    in a small site a repeated paragraph is a copied article more often than template."""
    prose_min_words: int = 10
    """A line of at least this many words with sentence punctuation is *prose* (10 words)."""
    near_duplicate_share: float = 0.5
    """A document whose prose words are more than this share in lines with df >= the short-line
    threshold is a copy: its lines are kept unless more documents hold them than hold the copy."""
    guard_single_doc: bool = True
    """Let the corpus evidence guard the single-document cleaners (``residue``, ``comments``): template
    lines do not count as article prose before a comment thread; a related list under a template
    heading ends at a line unique to the document; runs of lines the line model calls boilerplate
    are kept when they are this document's own text (see
    :meth:`cleaner.cleaners.corpus.LineEvidence.keep_own_runs`). ``False``: those stages ignore the
    corpus (as without stats)."""
    max_entries: int = 1_000_000
    """Pass 1 keeps at most this many line keys in memory (~100 bytes each) before spilling a sorted
    run to disk (16 bytes each); memory is bounded whatever the corpus size."""


@dataclass(frozen=True)
class Config:
    only: tuple[str, ...] = ()
    """Run only these stages (names from :data:`cleaner.cleaners.STAGES`); empty means all."""
    skip: tuple[str, ...] = ()
    """Stages not to run."""
    text_field: str = "text"
    """The field of a JSONL record that holds the document text."""
    max_doc_bytes: int = 16 * MIB
    """A file or JSONL record larger than this is an ``error`` (not read into memory)."""
    max_doc_seconds: float = 60.0
    """A document whose cleaning takes longer is an ``error`` (POSIX timer; 0 disables)."""
    max_doc_lines: int = 200_000
    """A document with more lines (text) or blocks (HTML) than this is an ``error``, decided before
    any cleaning, so the outcome never depends on the machine's speed (0 disables). Cleaning costs
    about 35 microseconds of CPU per line, so a million-line file (a log, a list) would take
    about 35 s, close to ``max_doc_seconds`` on a busy machine, where one run could time out and
    the next not. An article has hundreds of lines; a long book about 10,000-50,000."""
    encoding: EncodingConfig = field(default_factory=EncodingConfig)
    residue: ResidueConfig = field(default_factory=ResidueConfig)
    comments: CommentsConfig = field(default_factory=CommentsConfig)
    language: LanguageConfig = field(default_factory=LanguageConfig)
    quality: QualityConfig = field(default_factory=QualityConfig)
    corpus: CorpusConfig = field(default_factory=CorpusConfig)

    def fingerprint(self) -> str:
        """A short stable hash of every setting (16 hex digits)."""
        blob = json.dumps(dataclasses.asdict(self), sort_keys=True, default=str)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]

    def with_options(self, **options: Any) -> Config:
        """Return a copy with options replaced; ``section__knob=value`` reaches into a section.

        >>> Config().with_options(residue__max_symbol_line_chars=3).residue.max_symbol_line_chars
        3
        """
        top: dict[str, Any] = {}
        nested: dict[str, dict[str, Any]] = {}
        for key, value in options.items():
            section, sep, knob = key.partition("__")
            if sep:
                nested.setdefault(section, {})[knob] = value
            else:
                top[key] = value
        names = {f.name for f in dataclasses.fields(self)}
        for key in [*top, *nested]:
            if key not in names:
                raise TypeError(f"unknown option {key!r}; valid options: {', '.join(sorted(names))}")
        for section, knobs in nested.items():
            top[section] = dataclasses.replace(getattr(self, section), **knobs)
        return dataclasses.replace(self, **top)
