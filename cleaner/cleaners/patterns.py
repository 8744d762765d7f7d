"""The vocabulary: every phrase list and regex of the cleaners, named and grouped by concept.

Each pattern has a positive and a negative example in ``tests/test_patterns.py``. Patterns are
written so that they cannot backtrack catastrophically: no nested quantifiers over the same
characters, bounded repetition, anchored where they can be.
"""

from __future__ import annotations

import re

# --- symbols --------------------------------------------------------------------------------------
# A line with no letter, digit or CJK character at all: "△", "* * *", "|", "•••", "—".
NO_WORD_CHAR_RE = re.compile(r"[^\W_]")

# === residue (owner: residue/comments helper) ======================================================
# Every pattern below is matched against ONE stripped line. All are anchored and use bounded
# repetition only, so matching a line is linear in its length.

# --- captions and photo credits ------------------------------------------------------------------
# A line that ends with a parenthesised photo credit: "... (Provided by Canada's Ruyi Film Company)",
# "(Photo: Reuters)", "（图片来源：网络）", "(Foto: dpa)", "(Фото: ТАСС)", "(写真提供：共同通信)".
CAPTION_CREDIT_RE = re.compile(
    r"[(（\[]\s{0,3}(?:provided by|courtesy(?: of)?|photo(?:graph)?s?(?: by| credit)?\s{0,2}[:：]|"
    r"image(?:s)?(?: by| credit)?\s{0,2}[:：]|picture\s{0,2}[:：]|credit\s{0,2}[:：]|"
    r"foto(?:s)?\s{0,2}[:：]|bild\s{0,2}[:：]|imagen\s{0,2}[:：]|фото\s{0,2}[:：]|"
    r"图片?(?:来源|提供)?\s{0,2}[:：]|圖片?(?:來源|提供)?\s{0,2}[:：]|(?:写真|画像)(?:提供)?\s{0,2}[:：]|"
    r"getty images|ap photo)[^()（）\[\]]{0,160}[)）\]]\s{0,3}$",
    re.IGNORECASE,
)
# A whole line that is a photo credit: "Photo: John Smith/Reuters", "Getty Images", "Foto: dpa",
# "Фото: ТАСС", "图片来源：新华社", "写真：共同", "Crédit photo : AFP", "Imagem: Divulgação".
PHOTO_CREDIT_LINE_RE = re.compile(
    r"^(?:\(?\s{0,2}(?:photo(?:graph)?s?|image|picture|credit|foto(?:s|grafía|grafia)?|bild|imagen|"
    r"imagem|crédit photo|credit photo|фото|снимок|图片?(?:来源)?|圖片?(?:來源)?|摄影|攝影|写真|画像)"
    r"(?:\s{0,2}(?:by|credit|de|von|par))?\s{0,2}[:：]\s{0,2}\S[^\n]{0,120}"
    r"|\(?(?:getty images|istock(?:photo)?|shutterstock|afp|reuters|associated press|ap photo|epa)"
    r"(?:\s{0,2}[/|,]\s{0,2}[^\n]{0,60})?\)?)$",
    re.IGNORECASE,
)

# --- source credits at the edges -----------------------------------------------------------------
# A short parenthesised or bracketed source/byline line: "(The Dajiyuan)", "[Reuters]", "（大纪元）",
# "(Xinhua)". At most 40 characters inside the brackets, no colon or semicolon (a longer
# "(Reporting by X; Editing by Y)" is part of the article in most gold standards).
SOURCE_CREDIT_RE = re.compile(r"^[(（\[【][^()（）\[\]【】\n:：;]{2,40}[)）\]】]$")
# Byline lines: "By John Smith", "Posted by admin on May 3", "Von Hans Müller", "Por Ana Pérez",
# "Par Marie Dubois", "Автор: Иван Петров", "记者 王明", "文／李明", "Editor: ...", "责任编辑：王明".
BYLINE_RE = re.compile(
    r"^(?:by|posted by|written by|posted on|published|von|por|par|de|автор|текст|记者|記者|文\s{0,2}[/／]|"
    r"编辑|編輯|责任编辑|責任編輯|editor|reporter|redaktion|redacción|rédaction|redação)"
    r"(?:\s{0,3}[:：]|\s)\s{0,3}\S[^\n]{0,80}$",
    re.IGNORECASE,
)

# --- share bars, navigation, breadcrumbs ---------------------------------------------------------
# The words of a share bar; a line made only of these (and separators/counts) is a share bar.
SHARE_WORDS = (
    "share", "shares", "tweet", "facebook", "twitter", "linkedin", "pinterest", "reddit", "whatsapp",
    "telegram", "email", "e-mail", "print", "pin", "like", "mail", "google+", "tumblr", "digg",
    "stumbleupon", "delicious", "del.icio.us", "google plus", "weibo", "wechat", "line", "vk", "xing",
    "copy link", "save",
    "compartir", "teilen", "partager", "поделиться", "compartilhar", "分享", "转发", "轉發", "微博",
    "微信", "シェア", "ツイート", "imprimir", "drucken", "imprimer", "печать", "打印", "印刷",
)
# Separators between the words of a share bar ("Share | Tweet | Email", "Facebook · Twitter 12").
SHARE_SPLIT_RE = re.compile(r"[\s|•·/,:()\[\]\d]+")

# A share or print action alone on a line, in words a share bar's word list cannot take: "Print this
# article", "Email to a friend", "Printer-friendly version", "Share this:", "Share on Facebook".
SHARE_LINE_RE = re.compile(
    r"^(?:print(?:able| this)?(?: version| article| story| page| post)?|printer[- ]friendly(?: version)?|"
    r"e-?mail (?:this(?: article| story| page| post)?|to a friend|story|article)|share this(?: article| story)?|"
    r"share (?:on|via|with) (?:facebook|twitter|linkedin|e-?mail|friends)|share this with friends|"
    r"follow us(?: on (?:facebook|twitter|instagram))?|blogthis!|subscribe to (?:this blog's|our|the) (?:feed|rss)|"
    r"imprimir (?:artículo|noticia|página)|enviar por (?:e-?mail|correo)|artikel (?:drucken|versenden)|"
    r"per e-?mail (?:versenden|senden|teilen)|imprimer (?:l'article|cette page)|envoyer (?:à un ami|par e-?mail)|"
    r"версия для печати|отправить другу|imprimir (?:matéria|notícia)|enviar por e-?mail|"
    r"打印本页|打印此页|分享到[^\n]{0,10}|印刷する)\s{0,3}:?$",
    re.IGNORECASE,
)

# Breadcrumbs: "Home » News » World", "Home > Sport", "首页 > 新闻", "Inicio / Noticias".
BREADCRUMB_RE = re.compile(
    r"^(?:home|start|startseite|inicio|início|accueil|главная|首页|首頁|主页|ホーム|トップ)\s{0,3}"
    r"[»>›/|→»:]\s{0,3}\S[^\n]{0,200}$",
    re.IGNORECASE,
)
# Navigation words that fill a whole line: "Home", "Menu", "Skip to content", "Search", "Login".
NAV_LINE_RE = re.compile(
    r"^(?:home|menu|main menu|navigation|skip to (?:main )?content|skip to navigation|search|login|log in|"
    r"sign in|sign up|register|logout|contact(?: us)?|about(?: us)?|subscribe|archives?|categories|tags|"
    r"previous|next|previous post|next post|older posts|newer posts|back to top|top|more|"
    r"skip to (?:main|sidebar|footer|search|primary|secondary)|return to top|site ?map|privacy policy|"
    r"terms (?:of (?:use|service)|(?:and|&) conditions)|advertise(?: with us)?|adchoices|prev|forums?|"
    r"rss(?: feeds?)?|powered by|posted in|edit|view (?:my )?(?:complete )?profile|"
    r"inicio|buscar|contacto|suscríbete|startseite|suche|kontakt|anmelden|impressum|datenschutz|"
    r"accueil|rechercher|recherche|connexion|главная|поиск|войти|контакты|início|pesquisar|contato|"
    r"política de privacidad|aviso legal|mapa del sitio|datenschutzerklärung|nutzungsbedingungen|"
    r"mentions légales|plan du site|politique de confidentialité|карта сайта|политика конфиденциальности|"
    r"política de privacidade|mapa do site|"
    r"首页|首頁|搜索|登录|登錄|注册|联系我们|隐私政策|网站地图|ホーム|検索|ログイン|お問い合わせ|"
    r"プライバシーポリシー|サイトマップ|利用規約)\s{0,3}[»>›:|]?$",
    re.IGNORECASE,
)

# --- related lists, newsletters, cookies, copyright, ads ----------------------------------------
# Headings that open a list of other articles: "Related articles", "Read more", "You may also like".
RELATED_HEADING_RE = re.compile(
    r"^(?:related(?: articles| posts| stories| news| content| coverage| links| topics)?|read more|read also|"
    r"see also|more (?:stories|news|articles|galleries|videos|photos|posts) ?(?:from [^\n]{1,40})?|"
    r"you may (?:also )?like|"
    r"you might (?:also )?like|recommended(?: for you)?|most (?:popular|read|viewed|shared)|trending|"
    r"recent posts|popular posts|further reading|más noticias|noticias relacionadas|lee también|"
    r"te puede interesar|artículos relacionados|mehr zum thema|das könnte sie auch interessieren|"
    r"weitere artikel|ähnliche artikel|lire aussi|à lire aussi|articles similaires|sur le même sujet|"
    r"читайте также|похожие статьи|по теме|leia também|leia mais|notícias relacionadas|"
    r"相关(?:文章|新闻|阅读)|相關(?:文章|新聞|閱讀)|延伸阅读|延伸閱讀|推荐阅读|推薦閱讀|"
    r"関連記事|関連ニュース|おすすめ記事)\s{0,3}[:：»>]?$",
    re.IGNORECASE,
)
# A related-link line: "Related: <title>", "Read more: <title>", "Lesen Sie auch: <title>".
RELATED_PREFIX_RE = re.compile(
    r"^(?:related|read more|read also|see also|more|also read|lee también|leer más|lesen sie auch|"
    r"mehr dazu|lire aussi|à lire|читайте также|leia também|leia mais|相关|相關|延伸阅读|関連)"
    r"\s{0,2}[:：»>]\s{0,3}\S[^\n]{0,200}$",
    re.IGNORECASE,
)
# Newsletter and cookie notices, consent and subscription prompts.
NOTICE_RE = re.compile(
    r"(?:sign up for (?:our|the) [^\n]{0,30}newsletter|subscribe to (?:our|the) [^\n]{0,30}newsletter|"
    r"enter your e-?mail(?: address)?|this (?:web)?site uses cookies|we use cookies|cookie (?:policy|settings)|"
    r"accept (?:all )?cookies|by continuing to (?:use|browse)|suscríbete a (?:nuestro|nuestra)|"
    r"utilizamos cookies|usamos cookies|newsletter abonnieren|wir verwenden cookies|diese website verwendet cookies|"
    r"abonnez-vous à (?:notre|la) newsletter|ce site utilise des cookies|nous utilisons des cookies|"
    r"подпишитесь на (?:нашу )?рассылку|мы используем (?:файлы )?cookie|assine (?:a|nossa) newsletter|"
    r"este site usa cookies|utilizamos cookies|订阅(?:我们的)?(?:新闻|邮件)|訂閱(?:我們的)?(?:新聞|電子報)|"
    r"本网站使用cookie|メールマガジン|クッキーを使用)",
    re.IGNORECASE,
)
# Copyright footers: "© 2024 Example Inc. All rights reserved.", "Copyright 2012", "版权所有".
COPYRIGHT_RE = re.compile(
    r"(?:©|\(c\)\s{0,2}(?:19|20)\d\d|copyright\s{0,2}(?:©|\(c\)|(?:19|20)\d\d)|all rights reserved|"
    r"todos los derechos reservados|alle rechte vorbehalten|tous droits réservés|все права защищены|"
    r"todos os direitos reservados|版权所有|版權所有|著作権|無断転載)",
    re.IGNORECASE,
)
# Advertisement labels alone on a line.
ADVERTISEMENT_RE = re.compile(
    r"^(?:advertisement|advertising|sponsored(?: content)?|ad|ads|anzeige|werbung|publicidad|publicité|"
    r"реклама|publicidade|广告|廣告|広告|スポンサーリンク|pr)\s{0,3}[:：]?$",
    re.IGNORECASE,
)
# Demo text of website themes ("News magazine bootstrap themes!", "Proudly powered by WordPress").
# Not "lorem ipsum": test pages use it as their article text.
THEME_DEMO_RE = re.compile(
    r"(?:bootstrap themes?|wordpress themes?|html5? templates?|(?:theme|template) by |"
    r"powered by wordpress|proudly powered by|theme: [^\n]{1,40} by )",
    re.IGNORECASE,
)

# === comments (owner: residue/comments helper) ===================================================
# The noun of a comment counter, singular or plural: "comments" in "Discussion (76 comments)",
# "Kommentare", "comentarios", "commentaires", "комментариев", "comentários", "条评论", "件のコメント".
_COMMENT_NOUN = (r"(?:comments?|responses?|replies|kommentare?|comentarios?|commentaires?|"
                 r"комментари[йяев]{0,2}|comentários?|条评论|條評論|件のコメント)")
# A heading that opens a comment section: "2 Comments", "Leave a Reply", "Comments (3)",
# "Discussion (76 comments)", "12 thoughts on “Title”", "46 Comments on “Title”", "5条评论",
# "Kommentare", "Comentarios", "Commentaires", "Комментарии", "评论".
COMMENT_HEADER_RE = re.compile(
    r"^(?:\d{1,5}\s{0,2})?(?:comments?|responses?|replies|thoughts? on [^\n]{1,120}|"
    r"responses? to [^\n]{1,120}|leave a (?:reply|comment)|post a comment|add (?:a|your) comment|"
    r"join the discussion|discussion|reader comments|user comments|show comments|view comments|"
    r"comments?\W{1,3}read them below(?: or)?|"
    r"kommentare?|kommentar schreiben|comentarios?|deja (?:un|tu) comentario|commentaires?|"
    r"laisser un commentaire|комментарии|комментариев|оставить комментарий|comentários?|"
    r"deixe (?:um|seu) comentário|评论|評論|网友评论|網友評論|发表评论|發表評論|留言|コメント|"
    r"コメントを書く)(?:\s{0,2}[(（]\s{0,2}\d{1,5}\s{0,2}" + _COMMENT_NOUN + r"?\s{0,2}[)）])?\s{0,3}[:：»]?$"
    # a counter with decoration: "{ 74 comments… read them below or add one }", "← Previous Comments"
    r"|^[{\[(←«]?\s{0,2}(?:\d{1,5}\s{0,2}" + _COMMENT_NOUN + r"|(?:previous|older|newer|next|more|all|load) comments)"
    r"(?:\W[^\n]{0,60})?$"
    # a counted heading over the post's title: "46 Comments on “Can 187,586 Buyers Be Wrong?...”"
    r"|^\d{1,5}\s{0,2}" + _COMMENT_NOUN + r"\s{1,2}(?:on|to|for|zu|sur|à|en|a|em|sobre|para|к|на)\s[^\n]{1,150}$",
    re.IGNORECASE,
)
# Form and policy lines of a comment box. "Submit Comment" is a button, singular: "Readers may submit
# comments ... by e-mail" is an article's sentence. "Post Comments" stays (it heads real threads).
COMMENT_FORM_RE = re.compile(
    r"(?:your email address will not be published|required fields are marked|"
    r"you must be logged in to post a comment|notify me of (?:follow-?up|new) comments|"
    r"save my name, email|leave a (?:reply|comment)|post comment|submit comment\b|"
    r"tu dirección de correo electrónico no será publicada|ihre e-mail-adresse wird nicht veröffentlicht|"
    r"votre adresse (?:e-mail|de messagerie) ne sera pas publiée|ваш (?:адрес )?e-?mail не будет опубликован|"
    r"o seu endereço de e-?mail não será publicado|邮箱地址不会被公开|メールアドレスが公開されることはありません)",
    re.IGNORECASE,
)
# A calendar date: "Mar 22, 2007", "October 29th, 2012", "29 octobre 2012", "3. März 2012",
# "29 de octubre de 2012", "29 октября 2012", "2012-10-29", "29.10.2012", "2012年10月29日". The month
# is any word of 3-12 letters (the date is only evidence next to a clock time, see below).
_DATE = (r"(?:[^\W\d_]{3,12}\.?\s{1,2}\d{1,2}(?:st|nd|rd|th)?,?\s{1,2}\d{4}|"
         r"\d{1,2}\.?\s{1,2}(?:de\s{1,2})?[^\W\d_]{3,12}\.?,?\s{1,2}(?:de\s{1,2})?\d{4}|"
         r"\d{4}\s?[-/.年]\s?\d{1,2}\s?[-/.月]\s?\d{1,2}日?|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})")
# A clock time after a date: "12:56:24 AM", "at 01:40 AM", "· 8:23 PM", "um 17:10", "à 17h10", "в 17:10".
_DATE_TIME = (_DATE + r",?\s{1,2}(?:(?:at|um|à|a las|às|в|@|-|–|\||·|•)\s{1,2})?"
              r"\d{1,2}[:h]\d{2}(?::\d{2})?(?:\s{0,2}[ap]\.?\s?m\.?)?")
# Metadata lines of a comment: "Reply", "3 days ago", "John says:", and a name (2-60 characters)
# before a date with its clock time (TypePad, Blogger, WordPress): "Posted by: omni | Mar 22,
# 2007 12:56:24 AM", "Posted by: tj at October 29, 2012 06:10 PM", "Name October 29, 2012 at
# 01:40 AM". Not metadata: an article's own byline or dateline, with a clock time or not ("Posted by
# Kathy on March 21, 2007 | Permalink", "Posted by Menzie Chinn at October 29, 2012 05:10 PM",
# "Orion Jones on November 8, 2012, 9:13 AM", "Updated: 20 August 2007 5:31 am": the name part
# holds no "by"/"posted"/"updated"/..., no "on", no "Label: "), a trackback's "Tracked on DATE
# TIME" (gold keeps trackback lists with the article), a date and time alone (``COMMENT_DATE_RE``),
# a blog post's footer ("digby 6/04/2005 06:35:00 PM |": blog index pages hold one per post), a date
# led by its weekday ("Sat Nov 13 1999 at 14:15:41": everything2 write-ups). Only
# "Posted by:" with its colon may name the poster. One such line never opens a thread (comments.py
# needs a heading and evidence, or three metadata lines).
# An English weekday, whole or shortened: the start of a date ("Sat Nov 13 1999 at 14:15:41"), not
# a commenter's name before it.
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
COMMENT_META_RE = re.compile(
    r"^[\[(]?(?:reply|responder|antworten|répondre|ответить|回复|回覆|返信|report(?: abuse)?|quote|"
    r"like|dislike|permalink|flag)[\])]?$|^(?:re:\s?[^\n]{0,80}|[^\n]{0,80}\(score:\s?-?\d[^\n]{0,30}\)|"
    r"\d{1,4}\s{0,2}(?:likes?|points?|votes?)|"
    r"\d{1,3}\s{0,2}(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s{0,2}ago|"
    r"hace \d{1,3} (?:minutos?|horas?|días?|semanas?|meses|años?)|"
    r"vor \d{1,3} (?:minuten?|stunden?|tagen?|wochen|monaten?|jahren?)|"
    r"il y a \d{1,3} (?:minutes?|heures?|jours?|semaines?|mois|ans?)|"
    r"\d{1,3} (?:минут[уы]?|час(?:а|ов)?|дн(?:я|ей)|день) назад|"
    r"há \d{1,3} (?:minutos?|horas?|dias?|semanas?|meses|anos?)|\d{1,3}\s{0,2}(?:分钟|小时|天|周|个月|年)前|"
    r"\d{1,3}\s{0,2}(?:分|時間|日|週間|か月|年)前|[^\n]{1,40}\s(?:says|said|wrote|dice|schreibt|écrit|пишет|disse)\s{0,2}:?)$"
    r"|^(?:posted by|geschrieben von|publicado por|escrito por|posté par|écrit par|автор)\s{0,2}[:：]\s{0,2}"
    r"[^\n]{1,60}?\s{1,2}(?:(?:on|at|am|le|el|em|um|\||-|–)\s{1,2})?" + _DATE_TIME + r"$"
    r"|^(?!tracked\b|(?:on|at|am|le|el|em|um|à|в)\s|" + _WEEKDAY + r"\.?,?\s)"
    r"(?![^\n]{0,60}?(?:[:：]\s|\b(?:on|by|posted|updated|published|"
    r"written|von|por|par|автор|aktualisiert|actualizado|atualizado|publicado|publié|обновлено|опубликовано)\b))"
    r"[^\n]{2,60}?\s{1,2}(?:(?:at|am|le|el|em|\||-|–)\s{1,2})?" + _DATE_TIME + r"$",
    re.IGNORECASE,
)
# A date with its clock time alone on a line: "August 9th, 2012 at 2:07 pm" (below the comment's name
# line), "on 25 Oct 2012 at 7:14 pm", "05-06-2005, 05:41 PM". Forum posts, blog-index posts and
# articles have such lines too, so it is only evidence after a comment heading, never part of a
# metadata run.
COMMENT_DATE_RE = re.compile(r"^(?:[^\W\d_]{2,12},?\s{1,2})?" + _DATE_TIME + r"$", re.IGNORECASE)
# Trailer lines that close a comment: "[Reply]", "Reply", "Report abuse", "Antworten".
COMMENT_TRAILER_RE = re.compile(
    r"^[\[(]?(?:reply|responder|antworten|répondre|ответить|回复|回覆|返信|report(?: abuse)?|like|permalink)[\])]?$",
    re.IGNORECASE,
)
# A trailer word as a link's text inside a running sentence, not a comment's button: the line
# before ends inside the sentence (an opening quote or bracket) or the line after goes on with a
# closing one or punctuation ("Leavitt’s “" / "Report" / "”"), or both sides are lower-case letters
# ("operators: the" / "LIKE" / "operator"). See ``comments.inline_trailer``.
INLINE_OPENERS = "“‘«([{"
INLINE_CLOSERS = "”’»)]}.,;:"
# Short conversational turns: thanks, replies, greetings, rating requests.
COMMENT_TURN_RE = re.compile(
    r"(?:^|\W)(?:thanks?|thank you|thx|you'?re welcome|welcome|great (?:post|article|job|work)|"
    r"nice (?:post|article|work|one|theme)|i (?:like|love|agree)|well said|cheers|hi|hello|hey|"
    r"yes|yeah|no problem|please (?:support|rate|vote|give)|rating|sure|awesome|"
    r"gracias|de nada|hola|danke|vielen dank|hallo|merci|bonjour|спасибо|привет|obrigad[oa]|olá|"
    r"谢谢|謝謝|感谢|感謝|你好|支持|赞|ありがとう|こんにちは)(?:$|\W)",
    re.IGNORECASE,
)

# --- comment author lines (owner: threads helper) --------------------------------------------------
# A thread with no heading, date or "Reply" (authors.py, ``author_run_start``): units of a name
# line, maybe under the commenter's link, then the comment. A link alone on a line:
# "http://tdhurst.com/", "www.example.org/me".
COMMENT_LINK_LINE_RE = re.compile(r"^(?:https?://|www\.)\S{1,300}$", re.IGNORECASE)
# The shape of a commenter's name line: an @handle ("@ckdozi"), one handle or name word ("tdhurst",
# "pudieron89", "DerKrieger", "Denise", "O’Brien", "Jean-Luc"), or 2-4 name words with maybe a
# lower-case particle between them ("Alayna F", "Mike Merrill", "Annie M. Egan", "Ludwig van
# Beethoven"). A dot only after an initial ("Thanks Peter.", "Lombergar.com" are no names), no
# digits or colons in a name of several words ("Step 1", "Q:", "SMITH:"); comments.py also rejects
# ALL-CAPS lines, lines over 40 characters, lower-case words other than particles and
# :data:`NAME_FUNCTION_WORDS`.
_NAME_WORD = r"[^\W\d_](?:(?:[^\W\d_]|['’-](?=[^\W\d_])){1,24}|\.?)"
NAME_PARTICLES = frozenset(("van", "von", "de", "da", "del", "der", "den", "du", "di", "dos", "le", "la",
                            "bin", "al"))
COMMENT_AUTHOR_RE = re.compile(
    r"^(?:@[\w.-]{2,30}|[^\W\d_][\w-]{1,30}|" + _NAME_WORD
    + r"(?: {1,2}(?:(?:" + "|".join(sorted(NAME_PARTICLES)) + r") {1,2})?" + _NAME_WORD + r"){0,3})$"
)
# A handle rather than a person's name, the web identity of a commenter: "@ckdozi", "wadew1",
# "tdhurst", "leighshulman" (an @, a digit, or all lower case, in ASCII; not "Denise", "iPhone",
# "MacBook", nor a CJK heading "第3章", "背景").
COMMENT_HANDLE_RE = re.compile(r"^(?:@\S{1,30}|[A-Za-z_.-]{0,30}\d[A-Za-z0-9_.-]{0,30}|[a-z][a-z0-9_.-]{1,30})$")
# Words that subheadings hold and names do not ("The Problem", "How to Apply", "Tips for Parents",
# "Rückblick und Ausblick"): English articles, pronouns, prepositions, conjunctions, a few German,
# French and Spanish ones (name particles such as "de", "la" are in :data:`NAME_PARTICLES` instead).
NAME_FUNCTION_WORDS = frozenset((
    "the a an of and or to in on for with at by from is are was were be how what why when where who "
    "this that these those your my our his her its their into about after before over under vs not no "
    "new more most all und oder mit für im das die les des et pour avec el los las y con para por"
).split())
# Conversational cues of a comment's text: the first person singular, thanks, "!", emoticons ("I know
# EXACTLY how you feel.", "Thanks for sharing man!", "take it slow :)"). Not "you": how-to articles
# address their reader too.
COMMENT_CUE_RE = re.compile(
    r"(?:^|[^\w'’])(?:i|i'm|i’m|i've|i’ve|i'd|i’d|i'll|i’ll|my|me|thanks?|thank you|thx|ich|danke|je|j'ai|"
    r"merci|yo|gracias)(?:[^\w'’]|$)|!|[:;]-?[)(dp](?:\W|$)",
    re.IGNORECASE,
)
# A commenter's user line with the site's numeric user id (Slashdot and its clones): "by kidgenius
# (704962) on Tuesday July 24, @09:13AM (#40748195)", "by garaged (579941)", "by mcgrew (92797) * on
# ...". Comment metadata for the comments stage only (the residue stage's line model was trained
# without it). Five to nine digits: not a year ("by Bishop (2006)").
COMMENT_USER_LINE_RE = re.compile(r"^[Bb]y\s{1,2}[^\s()][^()\n]{0,59}?\s{1,2}\(\d{5,9}\)")
# The buttons and permalinks of one comment, alone on a line: "Reply to This", "Reply to this
# comment", "Flag as Inappropriate", "Report comment", "Read the rest of this comment...", a
# comment's id "#40753303" (seven digits or more: not a list's "#1" or an issue's "#12345").
# Comment metadata for the comments stage only, like ``COMMENT_USER_LINE_RE``.
COMMENT_WIDGET_RE = re.compile(
    r"^(?:reply to this(?: comment)?|flag as inappropriate|report (?:this )?comment|"
    r"read the rest of this comment\W{0,3}|#\d{7,12})$",
    re.IGNORECASE,
)
# A line ending in a verb of saying without a colon ("Gizmodo writer Adrian Covert says"): when the
# next line goes on in lower case, a link's text inside a sentence, not a commenter's "John says:".
SAYS_END_RE = re.compile(r"\s(?:says|said|writes|wrote)$")
# A line that ends with an emoticon, like a sentence: ":)", ";-)", ":D", ":(".
EMOTICON_END_RE = re.compile(r"[:;]-?[)(DPp]$")
# The first character of a comment's text: a letter, digit, quote or @, not a fragment's ", Wales",
# ") a quote" or "(before and after the cursor)".
COMMENT_BODY_START_RE = re.compile(r"^[^\W_]|^[\"'“‘«¿¡@#]")

# --- threads in an extractor's output (owner: postproc helper) -------------------------------------
# A recall-oriented extractor (trafilatura with comments) appends the thread without its names and
# dates; what survives are counters and per-comment buttons (comments.py, ``tail_thread_start``).
# A heading that counts the comments below it, with the count in group ``n`` (digits) or ``one``:
# "74 Comments", "4 comments:", "{ 4 comments… read them below or add one }", "Reader Comments (3)",
# "Comments (12)", "One comment Add your comment", "46 Comments on “Can 187,586 Buyers Be Wrong?”",
# "4 appreciated comments on “Title”",
# "12 thoughts on “Title”", "5 Kommentare", "3 commentaires". Not a sentence that counts ("2 comments
# were removed by the moderator"), a post's footer ("1 Comment » | Published in"), a counter between
# other links ("Search Blog Home Page 100 Latest Comments Archives").
_THREAD_NOUN = (r"(?:comments?|responses?|replies|thoughts?|kommentare?|comentarios?|commentaires?|"
                r"comentários?|commenti)")
COUNTED_HEADING_RE = re.compile(
    r"^[{\[(]?\s{0,2}(?:(?P<n>\d{1,5})(?:\s{1,2}[a-z]{3,15})?|(?P<one>one))\s{0,2}" + _THREAD_NOUN
    + r"(?:\s{0,2}[:.…]{1,3}|\s{1,2}(?:on|to)\s[^\n|]{1,150}|\s{0,2}…?\s{0,2}read (?:them|it) below[^\n|]{0,20}"
    r"|\s{1,2}add (?:a|your) comment)?\s{0,2}[}\])]?$"
    r"|^(?:reader |user )?" + _THREAD_NOUN + r"\s{0,2}[(\[](?P<n2>\d{1,5})[)\]]\s{0,2}:?$",
    re.IGNORECASE,
)
# One comment's buttons, alone on a line, that a thread repeats under every comment: Blogger's
# "ReplyDelete", WordPress.com's ratings "Rate This: 0 0" (with the two counts: "Rate this" alone
# also rates the post). Not "Delete" alone (a list of saved searches has one per item), nor a
# sentence with these words ("Delete the file.").
THREAD_WIDGET_RE = re.compile(r"^(?:replydelete|rate this:?\s{1,2}\d{1,5}\s{1,2}\d{1,5})$", re.IGNORECASE)
# The line above one comment that some themes print as one sentence, date first: "On October 26, 2012
# at 2:08am, Rosa said...", "On 3 May 2012 at 5:12 pm, the 3volution of j3nn wrote:". Not a quote's
# introduction without the date ("Obama said...") nor a sentence going on after "said".
THREAD_SAID_RE = re.compile(
    r"^on\s[^\n]{3,30}?\d{4},?\s{1,2}(?:at\s{1,2})?\d{1,2}:\d{2}\s?(?:[ap]\.?m\.?)?,\s{1,2}[^\n]{1,60}?\s"
    r"(?:said|says|wrote)\s?(?:\.{3}|…|:)$",
    re.IGNORECASE,
)

# --- fast case-insensitive search (owner: speed helper) -------------------------------------------
# ``re.IGNORECASE`` makes an unanchored alternation 3-6x slower (sre folds every character of the
# line for every branch): NOTICE_RE costs ~18 us per line, the same pattern without the flag on the
# lower-cased line ~3 us. ``lower_twin(P).search(s.lower())`` finds a match exactly when
# ``P.search(s)`` does, provided the pattern's literals are lower case (tests/test_patterns.py checks
# every twin) and the line holds none of ``CASE_UNSAFE_CHARS``: the characters whose ``str.lower()``
# differs from sre's case folding (``İ`` lowers to two characters), that sre also equates with
# another letter (``ı`` ~ ``i``, ``ſ`` ~ ``s``, ``ᲀ`` ~ ``в``, Greek ``ι`` ~ ``ͅ``) or that lower
# into another class of ``\w``/``\s``/``\d``. tests/test_patterns.py recomputes this set from the
# running Python's Unicode tables. A line with one of them takes the flagged pattern: :func:`lowered`
# returns ``None`` for it.
CASE_UNSAFE_CHARS = (
    "\u0130\u0131\u017f\u0399\u039c\u03a3\u03b9\u03bc\u03c3\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f5"
    "\u1c80\u1c81\u1c82\u1c83\u1c84\u1c85\u1c86\u1c87\u1e9b\u1fbe\u1fd3\u1fe3\ua64a\ua64b\ufb06"
)
CASE_UNSAFE_RE = re.compile(f"[{CASE_UNSAFE_CHARS}]")


def lowered(line: str) -> str | None:
    """``line.lower()`` when the lower-case twins may be used on it, else ``None``.

    >>> lowered("Sign Up"), lowered("Sİgn up")
    ('sign up', None)
    """
    if line.isascii() or not CASE_UNSAFE_RE.search(line):
        return line.lower()
    return None


def lower_twin(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` compiled without ``re.IGNORECASE``, for lines lower-cased by :func:`lowered`."""
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


NOTICE_LOW_RE = lower_twin(NOTICE_RE)
COPYRIGHT_LOW_RE = lower_twin(COPYRIGHT_RE)
THEME_DEMO_LOW_RE = lower_twin(THEME_DEMO_RE)
COMMENT_HEADER_LOW_RE = lower_twin(COMMENT_HEADER_RE)
COMMENT_FORM_LOW_RE = lower_twin(COMMENT_FORM_RE)
COMMENT_META_LOW_RE = lower_twin(COMMENT_META_RE)
COMMENT_DATE_LOW_RE = lower_twin(COMMENT_DATE_RE)
COMMENT_TRAILER_LOW_RE = lower_twin(COMMENT_TRAILER_RE)
COMMENT_TURN_LOW_RE = lower_twin(COMMENT_TURN_RE)


# --- language: scripts, masks, sentence ends ------------------------------------------------------
# Letters (and combining marks) of each script the language stage tells apart. Letters of any other
# script (math letters 𝑥, ℝ, the micro sign µ, superscripts) form ``other`` runs that never count as a
# language.
LANG_SCRIPT_RANGES: dict[str, str] = {
    "latin": "A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u0300-\u036F\u1E00-\u1EFF",
    "cyrillic": "\u0400-\u052F\u1C80-\u1C8F\u2DE0-\u2DFF\uA640-\uA69F",
    "greek": "\u0370-\u03FF\u1F00-\u1FFF",
    "han": "\u3005\u3007\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\U00020000-\U0003134F",
    "kana": "\u3041-\u309F\u30A1-\u30FA\u30FC-\u30FF\u31F0-\u31FF\uFF66-\uFF9F",
    "hangul": "\u1100-\u11FF\u3131-\u318E\uAC00-\uD7AF",
    "arabic": "\u0620-\u065F\u066E-\u06D3\u06D5-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF",
    "hebrew": "\u0591-\u05F4\uFB1D-\uFB4F",
    "thai": "\u0E01-\u0E4E",
    "devanagari": "\u0900-\u0963\u0971-\u097F",
    "armenian": "\u0531-\u0587",
    "georgian": "\u10A0-\u10FF",
}
# One token per run of one script's letters; the group name is the script.
LANG_SCRIPT_TOKEN_RE = re.compile(
    "|".join(f"(?P<{name}>[{chars}]+)" for name, chars in LANG_SCRIPT_RANGES.items()) + r"|(?P<other>[^\W\d_])"
)
# A run of letters of any script (a "word" for the lexicons; digits and "_" excluded).
LANG_WORD_RE = re.compile(r"[^\W\d_]+")
# The same words and each line break, as separate tokens (words and line numbers in one search).
LANG_WORD_OR_BREAK_RE = re.compile(r"[^\W\d_]+|\n")


def lang_foreign_re(scripts: frozenset[str]) -> re.Pattern[str]:
    """Runs of letters NOT in ``scripts``: ``lang_foreign_re(frozenset({"latin"}))`` finds ``幕后``
    in "with幕后 bosses" and ``Привет`` in "say Привет", nothing in "naïve café"."""
    chars = "".join(LANG_SCRIPT_RANGES[s] for s in sorted(scripts))
    return re.compile(rf"[^\W\d_{chars}]+")


# Text that is no language: URLs, e-mail addresses, @handles and #hashtags (searched only when the
# text holds "://", "www.", "@" or "#").
LANG_URL_RE = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>\"']{1,2000}")
LANG_EMAIL_RE = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}|@[^\W_][\w.-]{0,60}")
LANG_HASHTAG_RE = re.compile(r"#[^\W_][\w-]{0,80}")
# The end of a sentence: terminal punctuation, closing quotes/brackets, then white space (or the
# CJK full stops, which need no space). Bounded runs: a million dots stay linear.
LANG_SENTENCE_END_RE = re.compile(r"[.!?…;]{1,10}[\"'”’»)\]]{0,3}\s+|[。！？]{1,10}[”」』）]{0,3}\s*")

# --- html: class/id vocabulary of page furniture -------------------------------------------------
# Matched against the lower-cased id and class names of an element (``HTML_NAMES_RE`` pulls them out
# of a ``tag#id.class1.class2[role]`` descriptor), one name at a time, as whole words of the name:
# ``comment-list`` and ``commentlist`` name comments, ``commentary`` and ``download`` do not.
# Class names are mostly English; romanised Chinese (pinglun, fenxiang, xiangguan, daohang),
# German, Spanish, French, Portuguese, Russian (kommentarii) and Japanese (komento, kanren) are added
# where sites use them.
HTML_NAMES_RE = re.compile(r"[#.]([^#.\[\]]{1,60})")
HTML_COMMENTS_NAME_RE = re.compile(
    r"(?:^|[^a-z])(?:comments?(?:list|s?block|s?area|s?wrap(?:per)?|s?section|s?container|thread|form|"
    r"respond|body|content|text|meta|author)?|disqus\w{0,20}|respond|replies|discussion|talkback|"
    r"livefyre|fb-comments|usercomments?|trackbacks?|pings|kommentare?|kommentarii|commentaires?|comentarios?|"
    r"coment[aá]rios|reacties|pinglun|komento|reviews?-list)(?:$|[^a-z])")
HTML_SHARE_NAME_RE = re.compile(
    r"(?:^|[^a-z])(?:share|shares|sharing|sharebar|share-?buttons?|social(?:-?media|-?links|-?icons|"
    r"-?share|-?bar|-?buttons)?|addthis\w{0,20}|sharethis|sociable|shareaholic|a2a\w{0,20}|tweet|"
    r"teilen|compartir|partage|partager|compartilhar|fenxiang)(?:$|[^a-z])")
HTML_RELATED_NAME_RE = re.compile(
    r"(?:^|[^a-z])(?:related\w{0,20}|recommended|recommendations?|more-?(?:stories|articles|news)|"
    r"also-?(?:read|like)|you-?may-?(?:also-?)?like|most-?(?:read|popular|viewed|emailed)|popular-?posts|"
    r"trending|outbrain|taboola|verwandte\w{0,10}|relacionad[oa]s|connexes|articles-?lies|xiangguan|"
    r"kanren)(?:$|[^a-z])")
HTML_NAV_NAME_RE = re.compile(
    r"(?:^|[^a-z])(?:nav|navbar|navigation|menu|menubar|mainmenu|submenu|topmenu|breadcrumbs?|crumbs|"
    r"pagination|pager|skip-?link|skip-?to|daohang|menue)(?:$|[^a-z])")
HTML_FOOTER_NAME_RE = re.compile(
    r"(?:^|[^a-z])(?:footer|site-?footer|page-?footer|copyright|colophon|fusszeile|pie-?de-?pagina|"
    r"pied-?de-?page|rodape)(?:$|[^a-z])")
HTML_HEADER_NAME_RE = re.compile(r"(?:^|[^a-z])(?:masthead|site-?header|top-?bar|topbar|banner)(?:$|[^a-z])")
HTML_SIDEBAR_NAME_RE = re.compile(
    r"(?:^|[^a-z])(?:sidebar|side-?bar|sidebox|rail|right-?col(?:umn)?|"
    r"seitenleiste)(?:$|[^a-z])")
HTML_PROMO_NAME_RE = re.compile(
    r"(?:^|[^a-z])(?:ad|ads|adv|advert\w{0,12}|adsense|dfp|sponsor\w{0,8}|promo\w{0,8}|newsletter\w{0,8}|"
    r"subscribe|subscription|signup|sign-up|cookies?|cookie-?\w{1,12}|consent|gdpr|werbung|anzeige|"
    r"publicidad|publicite)(?:$|[^a-z])")
# Dialogs: pop-ups, modals and log-in boxes a page hides until a click (``div.SSpopup``,
# ``div#login-modal``); their text (sign-in forms, "You must be logged in") is never the article.
HTML_DIALOG_NAME_RE = re.compile(
    r"(?:^|[^a-z])(?:popups?|pop-ups?|popover|popin|modal|modals|lightbox|login|log-in|signin|sign-in)"
    r"(?:$|[^a-z])")
# Author boxes: the writer's bio under a post (``div#author-bio``, ``div.about-the-author``,
# ``div.authorsure-author-box``): about the writer, not the article; removed as an aside.
HTML_AUTHOR_BOX_NAME_RE = re.compile(
    r"(?:^|[^a-z])(?:about[-_]?(?:the[-_]?)?author|author[-_]?(?:bio|box|info|description|details|profile|"
    r"dropdown)|bio|bios|biography|bio[-_]?box|author[-_]?bio[-_]?box)(?:$|[^a-z])")
# Layout switches: a name saying the page *has* (or lacks) a sidebar or comments describes the layout
# of the element it is on (``body.has-sidebar``, ``div.with-comments``), not a widget.
HTML_LAYOUT_NAME_RE = re.compile(r"(?:has|with|without|no|show|hide|is)[-_]")
# The stronger part of those names: an element called ``article``, ``entry``, ``post`` or ``story`` is
# the article itself, where ``text``, ``content`` or ``main`` may name a widget's body.
HTML_ARTICLE_NAME_RE = re.compile(r"(?:^|[^a-z])(?:article|entry|post|story|hentry)(?:$|[^a-z])")
# Names that mark an element as the article: readability's "positive" classes.
HTML_CONTENT_NAME_RE = re.compile(
    r"(?:^|[^a-z])(?:article|articles?-?body|entry|entry-?content|post|post-?content|post-?body|story|"
    r"story-?body|main|main-?content|content|text|body|hentry|blog-?post)(?:$|[^a-z])")

# --- markup: raw HTML in a text dump ---------------------------------------------------------------
# A page saved as text without its HTML removed ("<div class=\"nav\">", "</td></tr>", "<!-- ad -->")
# holds lines of tags only. HTML element names, so "<jefferai>" (an IRC nick in a chat log) or
# "<name>" is no tag; a tag's inside has no "<" or ">" and at most 500 characters (linear time).
HTML_ELEMENTS = (
    "a abbr address area article aside audio b base bdi bdo big blockquote body br button canvas caption "
    "center cite code col colgroup dd del details dfn dialog dir div dl dt em embed fieldset figcaption "
    "figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr html i iframe img input ins "
    "kbd label legend li link main map mark menu meta nav noscript object ol optgroup option p param "
    "picture pre q s samp script section select small source span strike strong style sub summary sup "
    "svg table tbody td template textarea tfoot th thead time title tr track tt u ul var video wbr"
).split()
_MARKUP_TAG = (r"<(?:/?(?:" + "|".join(sorted(HTML_ELEMENTS, key=lambda e: (-len(e), e)))
               + r")(?=[\s/>])[^<>]{0,500}|!--[^<>]{0,500}--|![Dd][Oo][Cc][Tt][Yy][Pp][Ee][^<>]{0,200})>")
# One tag, a comment or a doctype.
MARKUP_TAG_RE = re.compile(_MARKUP_TAG, re.IGNORECASE)
# A line of tags only.
MARKUP_LINE_RE = re.compile(r"^(?:\s{0,80}" + _MARKUP_TAG + r")+\s{0,80}$", re.IGNORECASE)
# The opening and the closing tag of a script or style block: the lines between them are code.
SCRIPT_OPEN_RE = re.compile(r"<(script|style)(?=[\s>])[^<>]{0,500}>", re.IGNORECASE)
SCRIPT_CLOSE_RE = re.compile(r"</(?:script|style)\s{0,5}>", re.IGNORECASE)

# --- corpus: prose lines ---------------------------------------------------------------------------
# Sentence punctuation followed by a space, a closing quote/bracket or the end: what makes a long
# line *prose* for the corpus cleaner ("It rained. Then..." yes; "Home | News | Sports" no).
PROSE_SENTENCE_END_RE = re.compile(r"[.!?…。！？][\"'”’)\]]?(?:\s|$)")

# --- line model: per-line features ----------------------------------------------------------------
# What the residue stage's line model (``linemodel.py``) looks for in one line; the shipped trees were
# trained on exactly these, so a change here needs ``scripts/train_lines.py`` to run again.
# A sentence end inside the line ("It rained. Then": one), not one at its very end.
LINE_SENTENCE_RE = re.compile(r"[.!?。！？]\s")
# Kana, CJK ideographs or Hangul anywhere in the line.
LINE_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
# A date or a time: an English month name, 12/03/2019, 10:45, 2019年3月, a year 19xx/20xx.
LINE_DATE_RE = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t|tember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|\d{1,2}:\d\d|"
    r"\d{4}年\d{1,2}月|\b(?:19|20)\d\d\b",
    re.IGNORECASE,
)
# A page title with the site's name in it: a separator with a space on each side
# ("Headline | Site", "Site - Headline", "Headline :: Site") or a leading label and colon
# ("Site: Headline"). "Well-Being" and "3/4" have no spaces: no separator.
TITLE_SEPARATOR_RE = re.compile(r"\s(?:[|\-–—»·•:/]|::|--)\s|^[^:]{3,80}:\s")
