"""Language evidence for choosing between legacy charsets: how plausible is a decoded text?

Several single-byte and double-byte codecs decode the same bytes without error (cp1252, cp1250 and
iso-8859-2 differ in a few dozen letters; gbk, big5 and euc-kr accept most byte pairs). The right one
is the decoding that reads like a language. :func:`plausibility` scores a candidate decoding:

- Latin letters are checked against the alphabet of the language the text is written in, guessed
  from its function words (``und``/``der`` -> German) and its accented letters: ``ñ`` is a Spanish
  letter, ``ń`` is not, so cp1252 wins over cp1250 for ``España``.
- Han characters must be common (GB2312 level 1, Big5 level 1 or JIS level 1), Hangul syllables must
  be among the 2,350 of KS X 1001; half-width katakana and lone jamo are penalized.
- C1 controls, private-use and unassigned code points, U+FFFD, symbols inside words (``siê``,
  ``¿e``) and an upper-case letter right after a lower-case one (``pÀatent``) are penalized.

Roughly: each well-placed non-ASCII character scores +1, each implausible one -1.5 to -6; ASCII
scores 0. Scores of decodings of the same bytes are comparable; absolute values are not meaningful.
Known limits: a text whose only non-ASCII bytes read as letters of its language in two codecs gets
equal scores (the caller breaks the tie by codec frequency); language guessing needs a few function
words, so very short texts rely on the letters alone.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Non-ASCII lower-case letters of each Latin-script language (with common loanword letters).
ALPHABETS: dict[str, str] = {
    "en": "éèëïçñ",
    "de": "äöüßé",
    "fr": "àâæçéèêëîïôœùûü",
    "es": "áéíóúüñ",
    "it": "àèéìíòóùúî",
    "pt": "áâãàçéêíóôõúü",
    "ca": "àçéèíïòóúü",
    "nl": "éëïöüèáóäêç",
    "sv": "åäöé",
    "da": "æøåé",
    "no": "æøåéóòô",
    "fi": "äöåšž",
    "is": "áðéíóúýþæö",
    "pl": "ąćęłńóśźż",
    "cs": "áčďéěíňóřšťúůýž",
    "sk": "áäčďéíĺľňóôŕšťúýž",
    "hu": "áéíóöőúüű",
    "sl": "čšžćđ",
    "hr": "čćđšž",
    "ro": "ăâîșțşţ",
    "tr": "çğıöşüâî",
    "et": "äöõüšž",
}

# Frequent function words per language (lower case). Short lists: they only need to outvote.
STOPWORDS: dict[str, frozenset[str]] = {k: frozenset(v.split()) for k, v in {
    "en": "the and of to in is that it was for on are with as be this by have from not but at which you"
          " or an its into than also may can will has had were been their they there would what when who"
          " all more about one only other some our your my",
    "de": "der die und das ist nicht ein eine zu den von mit sich des auf für im dem auch es werden aus er"
          " sie wir ich wie über noch nach bei einer oder wenn nur aber wurde sind hat man kann in an am"
          " um zum zur als dass war vor durch diese dieser diesen was so wird hier alle mehr sehr schon",
    "fr": "le la les et des est un une du que dans pour pas qui sur au avec il elle ce sont à être par mais"
          " nous vous ou où très je ne se en aussi cette son sa ses leur plus été fait comme",
    "es": "el la los las de que y en un una es por con para del se no al lo como más pero sus está también"
          " su le ya muy fue ha entre sin sobre este esta hay",
    "it": "il di che è un una per non del della sono con si gli da nel anche più come ma questo la le lo"
          " alla al dei delle ha stato essere suo sua",
    "pt": "o os as de que do da em um uma para com não no na por se mais é dos das ao também são seu sua"
          " foi ser ele ela como mas nos num numa",
    "ca": "el els les de que i en un una és per amb no al del dels va són però com més",
    "nl": "de het een en van is dat op te niet zijn met voor er ook aan maar wordt dit die om bij als",
    "sv": "och att det som är på för med inte av till den har jag ett var om men",
    "da": "og at det som er på for med ikke af til den har jeg et var om men",
    "no": "og at det som er på for med ikke av til den har jeg et var om men",
    "fi": "ja on ei että se oli hän mutta kun niin myös ovat tai joka",
    "is": "og að er í á sem til með um ekki það var",
    "pl": "i w na nie się z do że to jest jak o co ale przez po od dla tak są jego już był być",
    "cs": "a se na je v že to s o jako ale do by jsou jsem pro které z k také jeho už byl být",
    "sk": "a sa na je v že to s o ako ale do by sú som pre ktoré z k aj jeho už bol byť",
    "hu": "a az és hogy nem is egy van de meg ez csak már el mint volt vagy",
    "sl": "in je na se da v za so ki z pa ne tudi bi še",
    "hr": "i je u na se da za su od ne to s koji ali što ili će iz kao sa bi nije još samo",
    "ro": "și de la în a cu pe că nu un o din este care mai pentru sau fost",
    "tr": "ve bir bu da de için ile çok ne olarak daha gibi",
    "et": "ja on ei et see oli ka kui aga",
}.items()}

# word -> ((language, vote), ...); one-letter words ("a", "i", "o", "v") are shared: half a vote
_STOP_INDEX: dict[str, tuple[tuple[str, float], ...]] = {}
for _lang, _words in STOPWORDS.items():
    for _w in _words:
        _STOP_INDEX[_w] = (*_STOP_INDEX.get(_w, ()), (_lang, 0.5 if len(_w) == 1 else 1.0))
_ALPHABET_SETS = {k: frozenset(a) for k, a in ALPHABETS.items()}
CONSISTENT_BONUS = 1.5  # all accented Latin letters of a decoding belong to one language
SCAN_CHARS = 16384  # language evidence looks at this many leading characters

# Punctuation and symbols that are ordinary in running text (never penalized between words).
COMMON_MARKS = frozenset(
    "«»„“”‘’‚‹›–—―…•·°€£¥©®™§¡¿\u00a0\u2009\u200a\u202f\u3000"
    "、。「」『』（）！？，：；《》〈〉【】・ー～〜＂＃＄％＆＇＊＋－．／０１２３４５６７８９＜＝＞＠［］＿｛｝")
INWORD_OK = frozenset("’'·\u00ad‑-")  # may sit between two letters

# whole words only: not a fragment next to a digit or a U+FFFD ("ao" of "ao\ufffdt", "a" of "99A2")
_WORD_RE = re.compile(r"(?<![\w\ufffd])[^\W\d_]+(?![\w\ufffd])")


@lru_cache(maxsize=4)
def _common_han(japanese: bool) -> frozenset[str]:
    """Frequent Han characters: JIS X 0208 level 1 for Japanese (text with kana), else GB2312
    level 1 and Big5 level 1 (Chinese, simplified or traditional)."""
    tables = ((("euc_jp", range(0xB0, 0xD0), range(0xA1, 0xFF)),) if japanese else
              (("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF)),
               ("big5", range(0xA4, 0xC7), [*range(0x40, 0x7F), *range(0xA1, 0xFF)])))
    chars: set[str] = set()
    for codec, leads, trails in tables:
        for lead in leads:
            for trail in trails:
                try:
                    chars.add(bytes((lead, trail)).decode(codec))
                except UnicodeDecodeError:
                    pass
    return frozenset(c for c in chars if len(c) == 1 and 0x4E00 <= ord(c) <= 0x9FFF)


@lru_cache(maxsize=1)
def _common_hangul() -> frozenset[str]:
    """The 2,350 Hangul syllables of KS X 1001 (what EUC-KR can encode)."""
    out = set()
    for lead in range(0xB0, 0xC9):
        for trail in range(0xA1, 0xFF):
            try:
                out.add(bytes((lead, trail)).decode("euc_kr"))
            except UnicodeDecodeError:
                pass
    return frozenset(out)


def guess_language(text: str) -> str | None:
    """The Latin-script language whose function words and letters fit ``text`` best, or ``None``.

    >>> guess_language("Der Hund und die Katze sind nicht hier")
    'de'
    """
    return _language(text)[0]


def _language(text: str) -> tuple[str | None, float, tuple[str, ...]]:
    """The best language, how many of its function words ``text`` holds, and the letters of every
    language with at least :data:`PLAUSIBLE_SHARE` as many function words (the plausible ones)."""
    all_hits = dict.fromkeys(STOPWORDS, 0.0)
    letters: dict[str, int] = {}
    for w in _WORD_RE.findall(text[:SCAN_CHARS].lower()):
        for lang, weight in _STOP_INDEX.get(w, ()):
            all_hits[lang] += weight
        if not w.isascii():
            for ch in w:
                if ch > "\x7f":
                    letters[ch] = letters.get(ch, 0) + 1
    latin = {ch: n for ch, n in letters.items() if ch < "\u0250"}
    best, best_score, best_hits = None, 0.0, 0.0
    for lang, hits in all_hits.items():
        alphabet = ALPHABETS[lang]
        score = 3 * hits + sum(n if ch in alphabet else -n for ch, n in latin.items())
        if score > best_score:
            best, best_score, best_hits = lang, score, hits
    top = max(all_hits.values())
    if top == 0:
        return best, best_hits, tuple(ALPHABETS)
    plausible = [k for k, h in all_hits.items() if h >= PLAUSIBLE_SHARE * top]
    if sum(latin.values()) >= 2:  # a language whose alphabet has every letter of the text too
        plausible += [k for k, a in ALPHABETS.items() if all(ch in a for ch in latin)]
    return best, best_hits, tuple(dict.fromkeys([*plausible, *([best] if best else [])]))


SURE_HITS = 4  # this many function words make the language guess sure
PLAUSIBLE_SHARE = 0.75  # a language with this share of the best one's function words is plausible
CJK_WEIGHT = 2.5  # a right CJK character stands for 2 bytes; a wrong single-byte reading has 2 letters
KANA_WEIGHT = 3.0  # kana only come out of Japanese bytes read right; a Chinese codec reads them as Han
CYRILLIC_COMMON = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў")


KANA_RE = re.compile("[\u3041-\u30ff]")


def _main_script(text: str) -> str:
    """The script of most letters of ``text`` (ASCII letters count as Latin)."""
    counts: dict[str, int] = {}
    for c in text[:SCAN_CHARS]:
        if c.isalpha():
            k = _script(c)
            counts[k] = counts.get(k, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else "latin"


WEST = frozenset("".join(ALPHABETS[k] for k in ("en", "de", "fr", "es", "it", "pt", "ca", "nl", "sv", "da",
                                                   "no", "fi", "is", "et")))
CENTRAL = frozenset("".join(ALPHABETS[k] for k in ("pl", "cs", "sk", "hu", "sl", "hr", "ro")))
_SCRIPT_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0000, 0x0250, "latin"), (0x0300, 0x0370, "any"), (0x0370, 0x0400, "greek"),
    (0x0400, 0x0530, "cyrillic"), (0x0590, 0x0600, "hebrew"), (0x0600, 0x0700, "arabic"),
    (0x0E00, 0x0E80, "thai"), (0x3040, 0x3100, "han"), (0x3131, 0x318F, "hangul"),
    (0x4E00, 0xA000, "han"), (0xAC00, 0xD7A4, "hangul"), (0xFF61, 0xFFA0, "han"))


# Accented letters frequent in the big languages of the single-byte code pages: unsure of the
# language, one of these is only doubtful ("Öffentlichkeit" with no function word to go on), while
# þ, ð, ÿ, ø, å, æ, ŕ, ţ stay suspect (they are what stray 0xFE/0xFF/0xF8/0xC0 bytes read as).
FREQUENT = frozenset("éèàùâêîôûëïüöäßçñáíóúãõąćęłńśźżčěřšžůýőű")
SPACED = frozenset(" ,.;:!?'\"")


def _after_spaced_han(text: str, i: int) -> bool:
    """Whether an ASCII space separates ``text[i]`` from an earlier Han character ("林根 目", "判, 康")."""
    j, space = i - 1, False
    while j >= 0 and i - j <= 4 and text[j] in SPACED:
        space = space or text[j] == " "
        j -= 1
    return space and j >= 0 and _script(text[j]) == "han"


def _script(c: str) -> str:
    """A coarse script name (``han`` covers kana too: Japanese mixes them inside words)."""
    o = ord(c)
    for lo, hi, name in _SCRIPT_RANGES:
        if lo <= o < hi:
            return name
    return "other" if c.isalpha() else "none"


Hint = tuple[tuple[str, ...], bool]  # plausible languages, sure


def language_hint(text: str) -> Hint | None:
    """The letters of the languages whose function words ``text`` holds (computed once on what all
    candidate decodings share, e.g. the ASCII words) and whether the guess is sure; ``None``
    without any function word.

    >>> language_hint("il gatto è nella casa che vedi")
    (('it',), False)
    """
    _, hits, plausible = _language(text)
    if not hits:
        return None
    return plausible, hits >= SURE_HITS


def plausibility(text: str, hint: Hint | None = None) -> float:
    """How much ``text`` reads like natural language (higher is better); see the module docstring.
    ``hint`` (from :func:`language_hint`) fixes the language for every candidate decoding.

    >>> plausibility("Der Bär ist groß.") > plausibility("Der BÃ¤r ist groÃŸ.")
    True
    """
    # Sure of the language: a letter outside its alphabet is wrong ("jedoøch" in German). Unsure:
    # a frequent letter or one of another language whose function words occur too is only doubtful
    # (Croatian "će" guessed as Czech); "þ" in "Ocean Liners þhave" fits no language of the text.
    if hint is not None:
        langs, sure = hint
        alphabet = frozenset("".join(ALPHABETS[k] for k in langs))
        group = frozenset() if sure else FREQUENT
    else:
        lang, hits, langs = _language(text)
        alphabet = frozenset(ALPHABETS.get(lang or "", ""))
        sure = hits >= SURE_HITS
        group = frozenset() if sure else frozenset("".join(ALPHABETS[k] for k in langs)) | FREQUENT
    han = hangul = None
    kana = len(KANA_RE.findall(text[:SCAN_CHARS]))
    main = _main_script(text)
    score = 0.0
    prev = " "
    n = len(text)
    for i, c in enumerate(text):
        if c < "\x80":
            prev = c
            continue
        o = ord(c)
        cat = unicodedata.category(c)
        if c == "\ufffd":
            s = -1.5
        elif cat[0] == "C" and c != "\u00ad":
            s = -6.0
        elif cat[0] == "L":
            if o < 0x250:
                low = c.lower()
                s = 1.0 if low in alphabet else -0.5 if low in group else -2.0
            elif 0x400 <= o < 0x530:
                s = 1.0 if c.lower() in CYRILLIC_COMMON else 0.0
                if c in "ЪЬЫ":
                    s = -1.0
            elif 0x370 <= o < 0x400 or 0x530 <= o < 0x700 or 0xE00 <= o < 0xE80:
                s = 1.0
            elif 0x3040 <= o < 0x3100:
                s = KANA_WEIGHT
            elif 0x4E00 <= o <= 0x9FFF:
                han = han or _common_han(kana >= 2)
                s = CJK_WEIGHT if c in han else -1.5
            elif 0xAC00 <= o <= 0xD7A3:
                hangul = hangul or _common_hangul()
                s = CJK_WEIGHT if c in hangul else -1.5
            elif 0xFF61 <= o <= 0xFF9F or 0x3131 <= o <= 0x318E:
                s = -1.5
            else:
                s = -1.0
            if prev.isalpha() and c.isupper():
                s = s - 2.0 if prev.islower() else min(s, 0.0)  # "pÀatent" is wrong, "ÀÉ" neutral
            elif c.isupper() and text[i + 1:i + 2].isupper() and text[i + 2:i + 3].islower():
                s -= 2.0  # "ŔZeitung": a capital before a capitalized word
            script = _script(c)
            after = text[i + 1] if i + 1 < n else " "
            if ((prev.isalpha() and _script(prev) != script)
                    or (after.isalpha() and _script(after) != script)):
                s -= 3.0  # "jedoшch": scripts do not mix inside a word
            if script == "han" and prev in SPACED and _after_spaced_han(text, i):
                s -= 2.0  # Chinese and Japanese put no spaces between words; Korean does
            if script != main and _script(prev) != script and _script(after) != script:
                s -= 4.0  # a lone letter of another script: "werden.ш Was", "Puhat 詁 umjereno"
        elif cat[0] == "M":
            mark = _script(c)
            s = 0.0 if prev.isalpha() and mark in ("any", _script(prev)) else -3.0
        elif c in COMMON_MARKS or cat == "Zs":
            s = 0.0
            if c not in INWORD_OK and prev.isalpha() and i + 1 < n and text[i + 1].isalpha():
                s = -3.0
            elif (c == "°" and not prev.isdigit()) or (cat == "Zs" and (prev == " " or text[i + 1:i + 2] == " ")):
                s = -1.5  # "°the", a no-break space beside a space
        else:  # rare symbols, superscripts, fractions
            s = -1.5
            if prev.isalpha() and i + 1 < n and text[i + 1].isalpha():
                s = -3.0
        score += s
        prev = c
    latin = {c.lower() for c in text[:SCAN_CHARS] if "\xc0" <= c < "\u0250" and c.isalpha()}
    if latin and not sure and any(latin <= _ALPHABET_SETS[k] for k in langs):
        score += CONSISTENT_BONUS  # "Težko naši" fits one language; "Teľko naąi" (ľ sk, ą pl) none
    return score
