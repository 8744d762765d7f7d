"""Comment threads: one span from the thread's start to the end, never an article paragraph."""

from __future__ import annotations

from cleaner import clean
from cleaner.cleaners.comments import comment_evidence, is_heading, line_marks

ARTICLE = "\n".join([
    "The council voted on Tuesday to build a new bridge across the river, ending a decade of debate.",
    "Construction is expected to start next spring and to last about three years, officials said.",
    "Residents who opposed the plan said they would keep fighting it in court over the coming months.",
]) + "\n"


def run(text: str, **opts):
    opts.setdefault("residue__model_threshold", 0)
    return clean(text, only=("residue", "comments"), **opts)


def threads(text: str, **opts) -> list[str]:
    return [r.text for r in run(text, **opts).removed if r.reason == "comments.thread"]


def assert_tail_is_one_thread(tail: str):
    """``ARTICLE + tail``: the tail is removed as one ``comments.thread`` span, the article stays."""
    result = run(ARTICLE + tail)
    assert [(r.reason, r.start, r.end) for r in result.removed] == [
        ("comments.thread", len(ARTICLE), len(ARTICLE) + len(tail))]
    assert result.text == ARTICLE
    return result


def test_trailing_run_of_turns_is_one_span_with_the_blank_line_before_it():
    assert_tail_is_one_thread("\nGreat article!\nThank you Carlos!\nYou're welcome!")


def test_heading_with_evidence_opens_a_thread_and_takes_everything_after_it():
    thread = ("3 Comments\nMaria\nMay 3, 2012 at 5:12 pm\nI have lived here for thirty years and I think "
              "the bridge is long overdue, frankly.\nReply\nAbout us\nContact\n")
    assert threads(ARTICLE + thread) == [thread]


def test_heading_without_evidence_is_not_a_thread():
    text = ARTICLE + "Comments\nThe mayor will present the budget on Friday, and the council votes next week.\n"
    assert threads(text) == []


def test_heading_above_the_article_does_not_open_a_thread():
    text = "Comments (3)\nReply\n" + ARTICLE
    assert threads(text) == []


def test_min_article_chars_threshold():
    thread = "Leave a Reply\nYour email address will not be published.\n"
    prose = len(ARTICLE) - 3  # the three prose lines without their line breaks
    assert threads(ARTICLE + thread, comments__min_article_chars=prose) == [thread]
    assert threads(ARTICLE + thread, comments__min_article_chars=prose + 1) == []


def test_min_thread_lines_threshold():
    thread = "Thanks!\nYes sure!\nJohn"
    assert threads(ARTICLE + thread, comments__min_thread_lines=2) == [thread]
    assert threads(ARTICLE + thread, comments__min_thread_lines=3) == []


def test_a_letter_signed_thanks_is_not_a_thread():
    text = ARTICLE + "Thanks,\nJohn Smith"
    assert threads(text) == []


def test_max_turn_chars_threshold():
    turn = "Thank you so much for writing this!"  # 35 characters
    text = ARTICLE + f"{turn}\nYou're welcome!"
    assert threads(text, comments__max_turn_chars=35) == [f"{turn}\nYou're welcome!"]
    assert threads(text, comments__max_turn_chars=34) == []


def test_evidence_window_threshold():
    filler = "\n".join(f"Line {i} of the sidebar" for i in range(3))
    text = ARTICLE + f"Comments\n{filler}\nReply\n"
    assert threads(text, comments__evidence_window=4) == [f"Comments\n{filler}\nReply\n"]
    assert threads(text, comments__evidence_window=3) == []


def test_residue_before_the_thread_keeps_its_own_reason():
    text = ARTICLE + "(Xinhua)\n△\n\nThanks a lot!\nYou're welcome!"
    result = run(text)
    assert [r.reason for r in result.removed] == ["residue.credit", "residue.symbol_line", "comments.thread"]
    assert result.removed[-1].text == "\nThanks a lot!\nYou're welcome!"
    assert run(result.text).removed == ()


def test_helpers():
    assert comment_evidence("2 days ago") and comment_evidence("Maria says:")
    assert not comment_evidence("The bridge will cost 40 million dollars.")
    assert is_heading("Kommentare") and is_heading("评论")
    assert not is_heading("Comments were closed in 2010 by the editors.")


def test_one_line_comments_closed_by_reply_trailers_start_one_line_before_the_first():
    thread = ("I never knew that about sprinkles!\n[Reply]\nSame here, we ate them every morning.\n[Reply]\n"
              "Great tip about the egg yolks.\n[Reply]\n")
    assert threads(ARTICLE + thread) == [thread]


def test_two_metadata_lines_are_not_a_thread():
    long = "The council meets again in May to approve the final design of the bridge, and then the builders " \
        "can finally order the steel for it."  # longer than max_turn_chars: the trailing run stops here
    text = ARTICLE + f"Reply\n{long}\nReply\n{long}\n"
    assert threads(text) == []


def test_comments_stage_alone_proposes_only_the_thread():
    text = ARTICLE + "(Xinhua)\n△\n\nThanks a lot!\nYou're welcome!"
    result = clean(text, only=("comments",))
    assert [r.reason for r in result.removed] == ["comments.thread"]


def test_line_marks_bits_and_their_limits():
    from cleaner.cleaners.comments import EVIDENCE, FORM, HEADING, META, TRAILER, line_marks

    assert line_marks("2 Comments") == HEADING
    assert line_marks("Leave a Reply") == HEADING | FORM | EVIDENCE
    assert line_marks("[Reply]") == EVIDENCE | META | TRAILER
    assert line_marks("Thank you Carlos!") == EVIDENCE
    assert line_marks("Thank you Carlos! " + "x" * 103) == 0  # a turn has at most 120 characters
    assert line_marks("Your email address will not be published. " + "x" * 158) == HEADING | FORM | EVIDENCE
    assert line_marks("Your email address will not be published. " + "x" * 159) == 0  # over 200
    assert line_marks("The law passed.") == 0
    # a letter whose case folding the lower-case twins cannot mirror takes the flagged patterns
    assert line_marks("ſhow comments") == HEADING


# --- TypePad / Blogger threads: headings and metadata the vocabulary learned from the dev data -----
LONG_COMMENT = ("I was meaning to say something about this after the post on conferences, because the same "
                "thing motivates people to join user groups and to keep coming back to them.")


def test_heading_with_posted_by_lines_past_the_first_paragraphs_opens_a_thread():
    # the "Posted by:" line closes each comment, after its paragraphs: evidence nine lines down
    comment = "\n".join([LONG_COMMENT] * 8)
    thread = (f"Comments\n{comment}\nPosted by: omni | Mar 22, 2007 12:56:24 AM\n{LONG_COMMENT}\n"
              "Posted by: gz | Mar 22, 2007 8:00:54 AM\n")
    byline = "Posted by Kathy on March 21, 2007 | Permalink\n"
    assert threads(ARTICLE + byline + thread) == [thread]


def test_three_posted_by_lines_are_a_thread_and_the_articles_byline_stays():
    byline = "Posted by Menzie Chinn at October 29, 2012 05:10 PM\n"
    thread = (f"Posted by: jonathan at October 29, 2012 05:23 PM\n{LONG_COMMENT}\n"
              f"Posted by: tj at October 29, 2012 06:10 PM\n{LONG_COMMENT}\n"
              f"Posted by: Babinich at October 29, 2012 07:11 PM\n")
    assert threads(ARTICLE + byline + thread) == [thread]


def test_bylines_and_datelines_with_a_time_do_not_make_a_run():
    head = ("Posted by Linda Williams on 28 July 2008 at 2:29 pm\n" + ARTICLE
            + "Updated: 20 August 2007 5:31 am\nOrion Jones on November 8, 2012, 9:13 AM\n" + ARTICLE)
    assert threads(head) == []


def test_a_closing_byline_alone_is_kept():
    text = ARTICLE + "Posted by Menzie Chinn at October 29, 2012 05:10 PM\n"
    assert threads(text) == []
    assert run(text).text == text


def test_dated_posts_without_a_heading_are_not_a_thread():
    # a forum page or a blog's index: every post carries a date and time alone on a line
    posts = "".join(f"05-0{d}-2005, 05:41 PM\n{LONG_COMMENT}\n" for d in range(1, 5))
    assert threads(ARTICLE + posts) == []


def test_counted_heading_over_the_title_with_a_date_line_opens_a_thread():
    thread = f"46 Comments on “Can Buyers Be Wrong?”\nPch101\nAugust 9th, 2012 at 2:07 pm\n{LONG_COMMENT}\n"
    assert threads(ARTICLE + thread) == [thread]
    thread = f"Discussion (76 comments)\n{LONG_COMMENT}\nAnonymous\nAugust 9th, 2012 at 2:07 pm\n"
    assert threads(ARTICLE + thread) == [thread]


# --- the fourth way: a run of author units, with no heading, date or "Reply" -----------------------
# (the shape of dragnet/R892: link line, name line, one to three paragraphs; names above the text)
SIGNED = ("http://tdhurst.com/\ntdhurst\nI know exactly how you feel. Best.\n"
          "Alayna F\nDon't worry, you'll get back in shape in no time! :)\n"
          "Mike Merrill\nPeter, thanks for the brutal honesty.\nGood luck, I'll follow your progress.\n"
          "http://twitter.com/danamac\nDana McMahan\nI wish you well, and thanks for calling it like you see it.\n")


def test_run_of_author_units_is_a_thread_from_the_first_link_line():
    result = assert_tail_is_one_thread(SIGNED)
    assert run(result.text).removed == ()  # idempotent


def test_the_residue_stage_does_not_look_for_author_units():
    from cleaner.cleaners.comments import thread_start
    from cleaner.config import CommentsConfig

    lines = [s for s in (ARTICLE + SIGNED).splitlines() if s]
    assert thread_start(lines, CommentsConfig(), 60) is None
    assert thread_start(lines, CommentsConfig(), 60, authors=True) == 3


def test_min_author_units_threshold():
    assert threads(ARTICLE + SIGNED, comments__min_author_units=4) == [SIGNED]
    assert threads(ARTICLE + SIGNED, comments__min_author_units=5) == []


def test_max_unit_lines_threshold():
    # Mike Merrill's comment has two lines: with one line at most, the run stops after two units
    assert threads(ARTICLE + SIGNED, comments__max_unit_lines=2) == [SIGNED]
    assert threads(ARTICLE + SIGNED, comments__max_unit_lines=1) == []


def test_min_cue_share_threshold():
    quiet = SIGNED.replace("I wish you well, and thanks for calling it like you see it.",
                           "Same here, winters are hard.")
    assert threads(ARTICLE + quiet, comments__min_cue_share=0.75) == [quiet]  # 3 of 4 units talk
    assert threads(ARTICLE + quiet, comments__min_cue_share=0.76) == []


def test_a_leading_unit_without_a_cue_stays():
    first = "Karen Reyburn\nSame here, winters are hard.\n"
    assert threads(ARTICLE + first + SIGNED) == [SIGNED]


def test_min_identity_share_threshold():
    # two of the four units have a web identity: tdhurst's handle and link, Dana McMahan's link
    assert threads(ARTICLE + SIGNED, comments__min_identity_share=0.5) == [SIGNED]
    assert threads(ARTICLE + SIGNED, comments__min_identity_share=0.51) == []


def test_min_distinct_share_threshold():
    again = SIGNED + "tdhurst\nThanks Dana, I will!\n"  # 5 units, 4 names
    assert threads(ARTICLE + again, comments__min_distinct_share=0.8) == [again]
    assert threads(ARTICLE + again, comments__min_distinct_share=0.81) == []


def test_article_subheadings_testimonials_and_interviews_are_not_threads():
    subheads = ("Paris\nThe city opened a bridge in May, and I loved it!\nLondon\nThe Thames got two new piers.\n"
                "Rome\nI walked across the Tiber at night!\nMadrid\nThanks to the metro, I saw it all.\n")
    testimonials = ("Client comments:\nI can't believe what you did, it is far beyond our expectations!\nDwight H.\n"
                    "I wanted you to know that I am very pleased.\nSteve Palmer\nI cannot tell you how pleased I am!\n"
                    "Steven Ogden\nReceived the discs in good condition, thank you!\nCharles Mulligan\n")
    interview = "".join(f"{who}\nI think the bridge is {what}!\n" for who, what in
                        [("alex", "late"), ("sam", "fine"), ("alex", "costly"), ("sam", "needed"), ("alex", "ugly")])
    speakers = "".join(f"{who}\nI think the bridge is late!\n" for who in ("SMITH:", "Q:", "A:", "JONES", "Step 1"))
    for text in (subheads, testimonials, interview, speakers):
        assert threads(ARTICLE + text) == [], text


def test_only_the_first_run_after_the_article_counts():
    # a forum page: the first post under its poster's name is longer than a comment
    post = "seantree\n" + "\n".join(f"Paragraph {i} of a long post, and I mean it." for i in range(7)) + "\n"
    assert threads(ARTICLE + post + SIGNED) == []


def test_a_name_inside_a_sentence_is_not_a_unit():
    # link texts on lines of their own: "according to" / "Baseball Press" / "is starting at short."
    fragments = SIGNED.replace("Alayna F\n", "according to\nAlayna F\n")
    assert threads(ARTICLE + fragments) == []


def test_heading_followed_by_a_signed_unit_opens_a_thread():
    thread = ("COMMENTS\nLOGIN TO COMMENT\nREGISTER TODAY\nhttp://www.bohnetlaw.com\nrightappeal\n"
              "Starve the beast. The governors must refuse the new costs.\n")
    assert threads(ARTICLE + thread) == [thread]
    plain = thread.replace("http://www.bohnetlaw.com\nrightappeal\n", "Mike Merrill\n")
    assert threads(ARTICLE + plain) == []


def test_user_lines_with_a_numeric_id_are_comment_metadata_in_the_comments_stage():
    from cleaner.cleaners.comments import thread_start
    from cleaner.config import CommentsConfig

    thread = ("146 Comments\nI can build a computer, and I am 38.\nby garaged (579941)\n"
              "I make my own silicon wafers, mostly carbon.\nby kcin (34043)\nReal CPUs use relays.\n")
    assert threads(ARTICLE + thread) == [thread]
    run3 = "".join(f"{LONG_COMMENT}\nby user{i} (5799{i}1) on Tuesday July 24, @09:13AM (#4074819{i})\n"
                   for i in range(3))
    assert threads(ARTICLE + run3) == [run3[len(LONG_COMMENT) + 1:]]  # from the first user line
    lines = [s for s in (ARTICLE + thread).splitlines() if s]
    assert thread_start(lines, CommentsConfig(), 60) is None  # the residue stage does not read them
    assert threads(ARTICLE + "Comments\nThe survey is cited by Bishop (2006) and others.\n") == []


def test_a_comments_buttons_are_metadata_in_the_comments_stage():
    comment = "I have yet to see anything truly innovative come out of Apple lately, to be honest with you."
    thread = "".join(f"#4075330{i}\n{comment}\nReply to This\nParent\nFlag as Inappropriate\n" for i in range(2))
    assert threads(ARTICLE + thread) == [thread]
    assert threads(ARTICLE + "#1\nThe first bridge.\n#2\nThe second bridge.\n#3\nThe third.\n") == []


def test_a_says_line_inside_a_sentence_is_not_metadata():
    # "Gizmodo writer Adrian Covert says" / "it's for your own good": link texts split the sentence
    says = "Gizmodo writer Adrian Covert says\nit's for your own good\n"
    thread = "".join(f"#4075330{i}\n{LONG_COMMENT}\nReply to This\n" for i in range(2))
    assert threads(ARTICLE + says + thread) == [thread]


# -- a blog's index page: every post ends with its own counted comment link ------------------------
POSTS = [
    "The council voted on Tuesday to build a new bridge across the river, ending a decade of debate.",
    "A local bakery won the regional prize for its rye bread, its third award in five years running.",
    "The library will open on Sundays from March, after volunteers offered to staff the reading room.",
    "Heavy rain flooded two streets near the harbour overnight; no one was hurt, the fire service said.",
]


def index_page(links: list[str]) -> str:
    """Title, post (three sentences) and footer (``Permalink | <link>``) for each post."""
    out = []
    for k, link in enumerate(links):
        out += [f"Post number {k + 1}", *(POSTS[(k + j) % 4] for j in range(3)), "Permalink", "|", link]
    return "\n".join(out) + "\n"


def test_post_footers_of_a_blog_index_do_not_open_a_thread():
    text = index_page(["Comments (3)", "Comments (0)", "Comments (12)", "Comments (1)"])
    assert [r.reason for r in run(text).removed] == ["residue.symbol_line"] * 4  # the "|" lines


def test_min_post_footers_threshold():
    # two posts: the second footer is taken for a thread heading (an article's byline "3 Comments"
    # and its thread's "3 Comments" give two occurrences too)
    three = index_page(["Comments (3)", "Comments (0)", "Comments (12)"])
    two = index_page(["Comments (3)", "Comments (0)"])
    assert threads(three) == []
    assert threads(two) == [two[two.index("Comments (3)"):]]


def test_post_footers_need_prose_between_them():
    # a sidebar's "most commented" list: counts between titles, no prose
    sidebar = "".join(f"Story {k}\n{c} comments\n" for k, c in enumerate((15, 10, 8, 7)))
    text = ARTICLE + "3 Comments\nMaria\nMay 3, 2012 at 5:12 pm\nReply\n" + sidebar
    assert threads(text) == [text[len(ARTICLE):]]


def test_a_thread_after_the_last_post_footer_is_still_found():
    text = index_page(["Comments (3)", "Comments (0)", "Comments (12)", "Comments (1)"])
    thread = "Thank you Carlos!\nYou're welcome!\nYes sure!\n"
    assert threads(text + "Great blog!\n" + thread) == [thread]


def test_per_comment_counts_inside_a_thread_do_not_stop_it():
    # "Responses (0)" under every comment: the thread's heading comes before the first of them
    comments = "".join(f"Reader {k}\nI think {p[0].lower()}{p[1:]}\nResponses (0)\n" for k, p in enumerate(POSTS))
    thread = "Comments\n21 comments, displaying first\n" + comments
    assert threads(ARTICLE + thread) == [thread]


def test_post_footers_helper_and_footer_lead_lines():
    from cleaner.cleaners.comments import FOOTER_LEAD_LINES, post_footers

    lines = [s for s in index_page(["Comments (3)", "Comments (0)", "Comments (12)"]).splitlines()]
    prose_before, total = [], 0
    for s in lines:
        prose_before.append(total)
        total += len(s) if s.endswith(".") else 0
    marks = [line_marks(s) for s in lines]
    first = prose_before[6]  # the first footer, "Comments (3)": after the first post's three sentences
    assert first == sum(map(len, lines[1:4]))
    assert post_footers(lines, marks, prose_before, first) == (6, 20)
    assert post_footers(lines, marks, prose_before, first + 1) is None  # two footers after the article's start
    assert FOOTER_LEAD_LINES == 2  # "Permalink", "|" before the link


def test_a_heading_repeated_is_no_evidence_for_itself():
    # an outline lists the paper's sections, then the "Discussion" section itself follows
    outline = "Outline\nDiscussion\nAbstract\nMethods\nDiscussion\n"
    body = "To our knowledge this is the first study of the outcome in these patients, and it is small.\n"
    assert threads(ARTICLE + outline + body) == []
    # another heading of the comment vocabulary is evidence
    text = ARTICLE + "Discussion\nLeave a Reply\n" + body
    assert threads(text) == [text[len(ARTICLE):]]


def test_trailer_words_inside_a_sentence_are_no_metadata_run():
    # link texts inside running sentences, hard-wrapped by the page dump
    words = ("Please read the judge’s “\nReport\n” and my “\nReply\n” to it, filed last week in court.\n"
             "You can use\nLIKE\n. Consider the operators: the\nLIKE\noperator and the || operator.\n")
    assert threads(ARTICLE + words) == []
    # the same words as a comment's buttons, between comments
    buttons = "I agree with you.\nReply\nMaria\nGreat point.\nReport\nJohn\nSo true.\nLike\n"
    assert threads(ARTICLE + buttons) == [buttons[buttons.index("Reply") - len("I agree with you.\n"):]]


def test_uncounted_post_footers_too():
    # WordPress index pages: "Leave a comment" under every post
    text = index_page(["Leave a comment"] * 4)
    assert threads(text) == []


# --- threads in an extractor's output: counted headings and comment buttons (tail_thread_start) -----
EXTRACTED = ("74 Comments\nthats it. no more DX pros.\nPixel density isn’t everything.\nThen buy Sony\n"
             "Why are you so poor?\n")


def test_a_counted_heading_with_few_lines_after_it_opens_a_thread():
    assert_tail_is_one_thread(EXTRACTED)
    one = "One comment Add your comment\nWe’ve been killing Johan this year.\n"
    assert threads(ARTICLE + one) == [one]


def test_max_lines_per_comment_threshold():
    # "2 comments" and 8 lines after it: 4 lines per comment
    thread = "2 comments:\n" + "".join(f"Paragraph {i} of a reader's long reply.\n" for i in range(8))
    assert threads(ARTICLE + thread, comments__max_lines_per_comment=4.0) == [thread]
    assert threads(ARTICLE + thread, comments__max_lines_per_comment=3.9) == []
    # a count of 1 counts as two: 8 lines still pass at 4 lines per comment
    assert threads(ARTICLE + thread.replace("2 comments:", "1 comment:"), comments__max_lines_per_comment=4.0) == [
        thread.replace("2 comments:", "1 comment:")]


def test_counters_that_count_something_else_open_no_thread():
    from cleaner.cleaners.tailthread import tail_thread_start
    from cleaner.config import CommentsConfig

    # a blog index: one counter under every post (here the heading rule takes the two counters)
    lines = ["A" * 300 + ".", "3 Comments", "The second post talks about the budget.", "5 Comments"]
    assert tail_thread_start(lines, [0] + [301] * 4, CommentsConfig()) is None
    assert tail_thread_start(lines[:3], [0] + [301] * 3, CommentsConfig()) == 1
    # no comment at all
    assert threads(ARTICLE + "0 Comments\nNice.\n") == []
    # a counter in the article's header: under a dateline, after the title and a lede
    header = ("Bridge vote ends a decade of debate\n" + ARTICLE.split("\n")[0] + "\n"
              "Kevin Mitchell | 2014-08-03, 4:30 pm\nComments (54)\n")
    assert threads(header + ARTICLE) == []
    # the same line after a whole article is its footer, and the counter below it heads the thread
    footer = ARTICLE + "Posted by Kevin Mitchell at 2014-08-03, 4:30 pm\n" + EXTRACTED
    assert threads(footer) == [EXTRACTED]
    # a counter above the article's first 200 characters of prose
    assert threads("Bridge vote\n74 Comments\n" + ARTICLE) == []


def test_a_run_of_comment_buttons_starts_at_the_first_comment():
    thread = ("You got a Louis Vuitton Speedy for £5. GAH. xx\nReplyDelete\nI KNOW! I'm still a bit woah.\n"
              "ReplyDelete\nCongratulations! You deserve it. x\nReplyDelete\n")
    assert threads(ARTICLE + thread) == [thread]
    rated = "".join(f"Reader {i} thinks the bridge is overdue.\nRate This: {i} 0\n" for i in range(3))
    assert threads(ARTICLE + rated) == [rated]
    # two buttons are not a run; a button right after the article starts there
    assert threads(ARTICLE + "The bridge is overdue.\nReplyDelete\nIt will cost too much.\nReplyDelete\n") == []
    # "Delete" alone is no comment button (saved searches: "ASP.NET", "Tuesday", "Delete")
    saved = "ASP.NET\nTuesday\nDelete\n" * 3
    assert threads(ARTICLE + saved) == []
    assert threads(ARTICLE + saved.replace("Delete", "ReplyDelete")) == ["Tuesday\n" + saved.replace(
        "Delete", "ReplyDelete").split("Tuesday\n", 1)[1]]
    buttons = "ReplyDelete\nThe bridge is overdue.\nReplyDelete\nIt will cost too much.\nReplyDelete\n"
    assert threads(ARTICLE + buttons) == [buttons]
    # a sentence with the word is no button
    assert threads(ARTICLE + "Delete the file.\nThe bridge.\nDelete the file.\nIt.\nDelete the file.\n") == []


def test_a_counted_heading_after_paragraphs_that_do_not_end_like_sentences():
    photos = ("In addition to the first set of sample images from the new lens I published, here are a few more:\n"
              "This entry was posted in Lenses and tagged 70-200 f/4.0 VR. "
              "Bookmark the permalink or leave a trackback\n")
    assert [len(s) for s in photos.splitlines()] == [97, 103]  # 200 characters
    assert threads(photos + EXTRACTED) == [EXTRACTED]
    # paragraphs are lines of at least the residue stage's prose_min_chars characters
    assert threads(photos + EXTRACTED, residue__prose_min_chars=100) == []
    assert threads(photos + EXTRACTED, comments__min_article_chars=200) == [EXTRACTED]
    assert threads(photos + EXTRACTED, comments__min_article_chars=201) == []


def test_dated_said_lines_open_a_thread_at_the_first():
    said = "".join(f"On October 26, 2012 at {i}:08am, Reader {i} said...\nThe beans make this dish.\n"
                   for i in range(1, 4))
    assert threads(ARTICLE + said) == [said]
    # two are not a run
    two = said.rsplit("On ", 1)[0]
    assert two.count("said...") == 2 and threads(ARTICLE + two) == []


# turns that end the text only once the form and the short lines below them are cut
TURNS = "Thanks!\nYes sure!\nThank you Carlos!\n"
FORM_BELOW = "Leave a Reply\nYour email address will not be published.\n" + "\n".join(
    ["Blue", "Green", "Red", "Yellow", "Orange", "Purple", "Black", "White"]) + "\n"


def test_a_thread_left_before_the_thread_is_cut_too_so_a_second_cleaning_changes_nothing():
    first = assert_tail_is_one_thread(TURNS + FORM_BELOW)
    assert run(first.text).removed == ()


def test_max_thread_rounds_threshold(monkeypatch):
    from cleaner.cleaners import comments

    assert threads(ARTICLE + TURNS + FORM_BELOW) == [TURNS + FORM_BELOW]
    monkeypatch.setattr(comments, "MAX_THREAD_ROUNDS", 0)  # the form only: the turns are left for a second cleaning
    assert threads(ARTICLE + TURNS + FORM_BELOW) == [FORM_BELOW]


def test_a_form_line_alone_does_not_open_a_thread_above_more_prose_than_the_article():
    share_bar = "Email This Story\nRead/Post Comments\nDigg it\n"
    more = ARTICLE + "The bridge will carry two lanes of traffic and a path for cyclists and pedestrians.\n"
    assert threads(ARTICLE + share_bar + more) == []  # the rest of the article follows the bar
    # as much prose after it as before it: a form over a (prose) thread, cut
    same = ARTICLE.upper()  # the same prose characters after the form line as before it
    text = ARTICLE + "Read/Post Comments\n" + same
    assert threads(text) == [text[len(ARTICLE):]]
