"""Documents written for the tests: a news-like text, dialogue with quotation marks at the
start and end of sentences, an omission, numbers, and mixed layouts. None comes from the
evaluation data."""

NEWS_ZH = """国务院总理今天在北京会见了来访的代表团。双方就贸易、气候变化和教育合作交换了意见。

会谈持续了两个小时。总理表示，中国愿意扩大进口，2024年的进口额预计增长百分之十。

代表团团长说：“我们期待更紧密的合作。”他还邀请总理明年访问。"""

NEWS_EN = """The Premier met a visiting delegation in Beijing today. The two sides exchanged views on trade, climate change and cooperation in education.

The talks lasted two hours. The Premier said China was willing to expand imports, which are expected to grow by 10 percent in 2024.

"We look forward to closer cooperation," said the head of the delegation. He also invited the Premier to visit next year."""

DIALOGUE_ZH = """“你去哪儿？”她问。
“去车站。”
他停了一下，又说：“明天回来。”
“那我等你。”"""

DIALOGUE_EN = """"Where are you going?" she asked.
"To the station."
He paused, then said, "I'll be back tomorrow."
"Then I'll wait for you.\""""

# The English has a sentence the Chinese lacks: an omission link.
OMISSION_ZH = """天气很好。我们去公园散步。公园里人很多。"""
OMISSION_EN = """The weather was fine. We went for a walk in the park. It was a Sunday. The park was crowded."""

# Articles with both languages in one text, as corpus reads them.
ARTICLE_BLOCKS = NEWS_ZH + "\n\n" + NEWS_EN
ARTICLE_INTERLEAVED = "\n\n".join(
    z + "\n\n" + e for z, e in zip(NEWS_ZH.split("\n\n"), NEWS_EN.split("\n\n"))
)
ARTICLE_QUOTES = DIALOGUE_ZH + "\n\n" + DIALOGUE_EN

PAIRS = [
    (NEWS_ZH, NEWS_EN),
    (DIALOGUE_ZH, DIALOGUE_EN),
    (OMISSION_ZH, OMISSION_EN),
]
