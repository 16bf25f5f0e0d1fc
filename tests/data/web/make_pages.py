#!/usr/bin/env python3
"""Writes the test pages of tests/data/web from article.md: one bilingual article in five site
templates as bilingual news sites serve them, with the template's boilerplate (scripts, styles,
JSON-LD, menus, cookie banners, related lists, share bars, bylines, captions, footers), character
references, and GBK and Big5 encodings; and the same article as two one-language files in every
naming form `corpus` pairs. Run it again after changing article.md; the outputs are committed."""
import os, re, shutil

HERE = os.path.dirname(os.path.abspath(__file__))
md = open(os.path.join(HERE, "article.md"), encoding="utf-8").read()
blocks = [b.strip() for b in md.split("\n\n") if b.strip()]
HAN = re.compile(r"[\u4e00-\u9fff]")
zh = [b for b in blocks if HAN.search(b)]
en = [b for b in blocks if not HAN.search(b)]
assert len(zh) == len(en)
pairs = list(zip(zh, en))  # (zh, en) with "# " / "## " heading marks

def refs(text):
    """Some characters written as references, as pages do."""
    return (text.replace("&", "&amp;").replace("“", "&ldquo;").replace("”", "&#8221;")
            .replace('"', "&quot;").replace("'", "&#x27;").replace("，", "&#65292;"))

def element(text):
    level = len(text) - len(text.lstrip("#"))
    body = refs(text.lstrip("# "))
    return (f"<h{level}>{body}</h{level}>", True) if level else (f"<p>{body}</p>", False)

HEAD = """<!DOCTYPE html>
<html lang="zh-CN"><head>
<meta {charset}>
<title>城市图书馆通宵开放一年 | 双语新闻网 Bilingual News</title>
<style>:root{{--ink:#33302e}} body{{font-family:Georgia,serif;color:var(--ink)}} .nav li{{display:inline}}</style>
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle","headline":"A Year of the City Library Open All Night","author":{{"@type":"Person","name":"Li Hua"}}}}</script>
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}} gtag('js', new Date());</script>
</head>
"""

NAV = """<div class="top">双语新闻网 Bilingual News</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/news">新闻</a></li><li><a href="/hot">热词</a></li>
<li><a href="/en">Home</a></li><li><a href="/en/news">News</a></li><li><a href="/en/buzz">Buzzwords</a></li></ul>
<form action="/search"><input name="q" placeholder="搜索"><button>搜索 Search</button></form>
<div class="crumbs"><a href="/">首页</a> &gt; <a href="/bilingual">双语阅读</a> &gt; 正文</div>
<noscript>请启用JavaScript以获得最佳体验。Please enable JavaScript for the best experience.</noscript>
"""

COOKIE = """<div id="cookie-notice">We use cookies to improve your experience on our website. By continuing to browse the site you are agreeing to our use of cookies. 本网站使用cookie来改善您的浏览体验，继续浏览即表示您同意我们使用cookie。<button>OK</button></div>
"""

BYLINE = """<div class="byline">作者：李华 By Li Hua | 2025-09-12 08:30 | 来源：本网 Source: our site</div>
"""

FIGURE = """<figure><img src="night.jpg" alt="图书馆夜景 The library at night"><figcaption>夜晚的城市图书馆。摄影：张明 The city library at night. Photo: Zhang Ming</figcaption></figure>
<svg width="16" height="16"><title>icon</title><path d="M0 0h16v16z"/></svg>
"""

SHARE = """<div class="share-bar">分享到：<a href="#">微信</a> <a href="#">微博</a> Share: <a href="#">WeChat</a> <a href="#">Weibo</a> <a href="#">Twitter</a></div>
"""

RELATED = """<div class="related-news"><h3>相关阅读 Related</h3><ul>
<li><a href="/a1">城市公园将延长开放时间</a></li><li><a href="/a2">City parks to stay open longer in summer</a></li>
<li><a href="/a3">夜间经济成为新的增长点</a></li><li><a href="/a4">The night economy becomes a new engine of growth</a></li>
<li><a href="/a5">年轻人为什么爱去图书馆</a></li><li><a href="/a6">Why young people love going to the library</a></li></ul></div>
"""

# The same kind of list with no telling class name: only its link density gives it away.
PLAIN_LIST = """<div><h3>推荐阅读</h3><ul>
<li><a href="/b1">博物馆推出夜场门票</a></li><li><a href="/b2">Museums launch night tickets for summer visitors</a></li>
<li><a href="/b3">地铁末班车延长至凌晨一点</a></li><li><a href="/b4">Last metro trains to run until one in the morning</a></li></ul></div>
"""

FOOTER = """<footer><p><a href="/about">关于我们</a> | <a href="/contact">联系我们</a> | <a href="/about-en">About us</a> | <a href="/contact-en">Contact</a></p>
<p>© 2025 双语新闻网 版权所有 Copyright Bilingual News. All rights reserved. 京ICP备12345678号</p></footer>
<iframe src="https://ads.example/banner"></iframe>
<script>(function(){var s=document.createElement('script');s.src='/stats.js';document.body.appendChild(s);})();</script>
"""

def dual_column():
    rows = []
    for z, e in pairs:
        (zt, _), (et, _) = element(z), element(e)
        rows.append(f'<div class="row"><div class="col-zh">{zt}</div><div class="col-en">{et}</div></div>')
    body = "\n".join(rows)
    return (HEAD.format(charset='charset="utf-8"') + "<body>\n" + NAV + COOKIE
            + f'<div class="article">\n{BYLINE}{FIGURE}{body}\n{SHARE}</div>\n' + RELATED + FOOTER + "</body></html>\n")

def en_then_zh_divs():
    rows = []
    for z, e in pairs:
        (zt, _), (et, _) = element(z), element(e)
        rows.append(f'<div class="para">\n<div class="english">{et}</div>\n<div class="chinese">{zt}</div>\n</div>')
    body = "\n".join(rows)
    return (HEAD.format(charset='charset="gbk"') + "<body>\n" + NAV
            + f'<div id="main">\n{BYLINE}{body}\n{FIGURE}</div>\n' + PLAIN_LIST + COOKIE + FOOTER + "</body></html>\n")

def wordpress():
    parts = []
    for z, e in pairs[1:]:
        parts += [element(z)[0], element(e)[0]]
    title = refs(pairs[0][0].lstrip("# ")) + " " + refs(pairs[0][1].lstrip("# "))
    content = "\n".join(parts)
    return (HEAD.format(charset='charset="UTF-8"') + '<body class="post-template-default single">\n'
            + '<header id="masthead" class="site-header"><p class="site-title"><a href="/">双语小站 Bilingual Blog</a></p>'
            + '<nav id="site-navigation" class="main-navigation"><ul id="primary-menu"><li><a href="/">首页 Home</a></li><li><a href="/c/news">新闻 News</a></li><li><a href="/c/words">热词 Buzzwords</a></li></ul></nav></header>\n'
            + '<div id="content" class="site-content"><main id="main" class="site-main">\n'
            + f'<article id="post-42" class="post-42 post type-post">\n<header class="entry-header"><h1 class="entry-title">{refs(pairs[0][0].lstrip("# "))}</h1>\n<h2>{refs(pairs[0][1].lstrip("# "))}</h2>\n'
            + '<div class="entry-meta"><span class="posted-on">发布于 Posted on <time datetime="2025-09-12">2025年9月12日</time></span> <span class="byline">作者 by <a href="/author/lihua">李华</a></span></div></header>\n'
            + f'<div class="entry-content">\n{content}\n{SHARE}</div>\n'
            + '<footer class="entry-footer"><span class="cat-links">分类：<a href="/c/news">新闻</a></span> <span class="tags-links">标签：<a href="/t/lib">图书馆</a>, <a href="/t/night">夜间</a></span></footer></article>\n'
            + '<nav class="navigation post-navigation"><a href="/prev">上一篇：城市公园将延长开放时间</a> <a href="/next">Next: Why young people love going to the library</a></nav>\n'
            + '<div id="comments" class="comments-area"><h2 class="comments-title">3 条评论 3 Comments</h2><ol class="comment-list"><li>写得真好，我上周也去了。</li><li>Great article, I went there last week too and it was very quiet.</li></ol>'
            + '<div id="respond"><h3>发表评论 Leave a Reply</h3><form><textarea></textarea><input type="submit" value="发表评论"></form></div></div>\n'
            + '</main>\n<aside id="secondary" class="widget-area"><section class="widget"><h2 class="widget-title">近期文章 Recent Posts</h2><ul><li><a href="/p1">夜间经济成为新的增长点</a></li><li><a href="/p2">The night economy becomes a new engine of growth</a></li></ul></section>'
            + '<section class="widget"><h2 class="widget-title">分类目录 Categories</h2><ul><li><a href="/c/news">新闻 News</a></li><li><a href="/c/words">热词 Buzzwords</a></li></ul></section></aside></div>\n'
            + COOKIE + '<footer id="colophon" class="site-footer"><div class="site-info">自豪地采用WordPress Proudly powered by WordPress</div></footer>\n'
            + "<script>var wpData = {\"ajaxurl\":\"/wp-admin/admin-ajax.php\"};</script></body></html>\n")

def portal_table():
    rows = []
    title = f'<h1>{refs(pairs[0][0].lstrip("# "))}<br>{refs(pairs[0][1].lstrip("# "))}</h1>'
    for z, e in pairs[1:]:
        zt, et = refs(z.lstrip("# ")), refs(e.lstrip("# "))
        rows.append(f'<tr><td class="cn" width="50%">{zt}</td><td class="en">{et}</td></tr>')
    body = "\n".join(rows)
    head = HEAD.format(charset='http-equiv="Content-Type" content="text/html; charset=big5"')
    return (head + '<body><table width="960" border="0"><tr><td colspan="2">' + NAV + '</td></tr>\n<tr>'
            + '<td width="180" valign="top"><table><tr><td><a href="/c1">國際新聞</a></td></tr><tr><td><a href="/c2">財經</a></td></tr><tr><td><a href="/c3">World</a></td></tr><tr><td><a href="/c4">Business</a></td></tr></table></td>\n'
            + f'<td valign="top">{title}{BYLINE}<table class="bilingual" border="1">\n{body}\n</table>\n{SHARE}{PLAIN_LIST}</td></tr>\n'
            + f'<tr><td colspan="2">{COOKIE}{FOOTER}</td></tr></table></body></html>\n')

def tabs():
    zh_body = "\n".join(element(z)[0] for z, _ in pairs)
    en_body = "\n".join(element(e)[0] for _, e in pairs)
    return (HEAD.format(charset='charset="gbk"') + "<body>\n" + NAV + COOKIE
            + '<div class="article-body"><ul class="tab-nav"><li class="active"><a href="#tab-zh">中文</a></li><li><a href="#tab-en">English</a></li></ul>\n'
            + f'<div class="tab-pane active" id="tab-zh">\n{BYLINE}{zh_body}\n</div>\n<div class="tab-pane" id="tab-en" style="display:none">\n{en_body}\n</div>\n'
            + FIGURE + "</div>\n" + SHARE + RELATED + FOOTER + "</body></html>\n")

def write(name, text, encoding):
    data = text.encode(encoding, errors="xmlcharrefreplace")
    with open(os.path.join(HERE, "pages", name), "wb") as f:
        f.write(data)

shutil.rmtree(os.path.join(HERE, "pages"), ignore_errors=True)
os.makedirs(os.path.join(HERE, "pages"))
write("dual_column.html", dual_column(), "utf-8")
write("en_then_zh_divs.gbk.html", en_then_zh_divs(), "gbk")
write("wordpress.html", wordpress(), "utf-8")
write("portal_table.big5.html", portal_table(), "big5")
write("tabs.gbk.html", tabs(), "gbk")

# Two one-language files in every naming form, from the markdown article.
def md_side(side):
    return "\n\n".join(side) + "\n"
two = os.path.join(HERE, "two_files")
shutil.rmtree(two, ignore_errors=True)
forms = [("dot", "{n}.{l}.md"), ("underscore", "{n}_{l}.md"), ("dash", "{n}-{l}.md")]
zh_tags = {"dot": "zh", "underscore": "zh", "dash": "zh"}
for form, pattern in forms:
    os.makedirs(os.path.join(two, form))
    for tag, side in ((zh_tags[form], zh), ("en", en)):
        open(os.path.join(two, form, pattern.format(n="library", l=tag)), "w", encoding="utf-8").write(md_side(side))
for form, tag in (("zh_cn", "zh-CN"), ("zh_tw", "zh-TW"), ("zh_hans", "zh-Hans"), ("zh_hant", "zh-Hant"), ("cn", "cn")):
    os.makedirs(os.path.join(two, form))
    open(os.path.join(two, form, f"library.{tag}.md"), "w", encoding="utf-8").write(md_side(zh))
    open(os.path.join(two, form, "library.en.md"), "w", encoding="utf-8").write(md_side(en))
for form, (zdir, edir) in (("folders", ("zh", "en")), ("folders_cn", ("cn", "en")), ("folders_words", ("chinese", "english"))):
    for d, side in ((zdir, zh), (edir, en)):
        os.makedirs(os.path.join(two, form, d, "2025"))
        open(os.path.join(two, form, d, "2025", "library.md"), "w", encoding="utf-8").write(md_side(side))

# One-language web pages, a GBK Chinese one and a UTF-8 English one, named NAME.zh.html and
# NAME.en.html.
def one_language(side, charset):
    body = "\n".join(element(t)[0] for t in side)
    return (HEAD.format(charset=f'charset="{charset}"') + "<body>\n" + NAV + COOKIE
            + f'<div class="article-body">\n{BYLINE}{body}\n{FIGURE}</div>\n' + SHARE + RELATED + FOOTER + "</body></html>\n")
os.makedirs(os.path.join(two, "html"))
open(os.path.join(two, "html", "library.zh.html"), "wb").write(one_language(zh, "gbk").encode("gbk", errors="xmlcharrefreplace"))
open(os.path.join(two, "html", "library.en.html"), "wb").write(one_language(en, "utf-8").encode("utf-8"))
