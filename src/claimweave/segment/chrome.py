"""Site chrome: donation appeals, vote and share widgets, reply forms, related lists.

Patterns describe the furniture of news sites in English and French; a line that matches
is boilerplate and is never mined for claims.
"""

from __future__ import annotations

import re

CHROME_LINE = re.compile(
    r"""(?ix)^(?:
      (?:gift|give|donate|donation|donations|support\s+us|please\s+support|become\s+a\s+(?:patron|member|supporter)|
         subscribe|sign\s+up|newsletter|faites\s+un\s+don|soutenez|abonnez)\b
    | .*\b(?:your\s+donations?|donate\s+now|make\s+a\s+donation|we'll\s+send\s+you|absolutely\s+free|chip\s+in|
          [$€£]\s?\d+\s+or\s+more|keep\s+(?:independent\s+)?(?:reporting|journalism|us)\s+(?:alive|going|free)|
          help\s+us\s+keep|keep\s+reporting|support\s+(?:our|independent)\s+journalism)\b
    | (?:what\s+do\s+you\s+think\??|leave\s+a\s+(?:reply|comment)|post\s+a\s+comment|add\s+a\s+comment|
         laisser\s+un\s+commentaire|\d+\s+comments?|comments?\s*\(\d+\)|comments?|commentaires?)\s*$
    | (?:up\s*vote|down\s*vote|upvotes?|downvotes?|total\s+votes|vote\s+(?:up|down)|
         \d+\s+points?|like|love|haha|wow|sad|angry|share|tweet|email|print|reply|report)\b.{0,40}$
    | (?:share\s+(?:this|on)|follow\s+us|click\s+(?:here|to\s+see)|read\s+(?:more|next)|related(?:\s+(?:posts|articles|stories|news))?|
         you\s+may\s+also\s+like|more\s+from|recommended|trending|popular|tags?\s*:|filed\s+under|
         à\s+lire\s+aussi|lire\s+aussi|sur\s+le\s+même\s+sujet)\b.{0,60}$
    | (?:©|\(c\)|copyright|all\s+rights\s+reserved|tous\s+droits\s+réservés|privacy\s+policy|terms\s+of\s+(?:use|service)|cookie)
    )""")

# Widget lines are short: a long line mentioning "share" is prose, not a button.
_MAX_WIDGET = 160

RELATED_HEAD = re.compile(
    r"(?i)^(?:related(?:\s+(?:posts|articles|stories|news))?|you\s+may\s+also\s+like|more\s+from.*|"
    r"recommended(?:\s+for\s+you)?|read\s+next|à\s+lire\s+aussi|lire\s+aussi|sur\s+le\s+même\s+sujet)\s*:?$"
)


def is_chrome(line: str) -> bool:
    t = line.strip()
    if not t:
        return False
    if CHROME_LINE.match(t):
        return len(t) <= _MAX_WIDGET or bool(re.search(r"(?i)donat|gift|support|free", t[:80]))
    return False


def is_junk(line: str) -> bool:
    """A crawler leftover such as "in ," or a category trail "in World, Middle East |"."""
    letters = sum(ch.isalpha() for ch in line)
    if letters <= 3 and len(line) <= 12:
        return True
    return len(line) <= 40 and (line.endswith(("|", "»", ">", "/")) or line.startswith("in ") and "," in line)
