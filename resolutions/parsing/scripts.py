"""Which characters are Chinese: one definition for the readers, the validator and search.

:data:`CJK` is a regular-expression character-class body (use it inside ``[...]``): the CJK
unified ideographs with every extension block Unicode has assigned — Extension A
(U+3400–U+4DBF), the main block (U+4E00–U+9FFF), the compatibility ideographs (U+F900–U+FAFF)
and Extensions B to I in the supplementary planes (U+20000–U+323AF, with the compatibility
supplement U+2F800–U+2FA1F inside that span).  Punctuation is not included: full-width
``，。；：`` are the reader's business, not a script's.
"""

from __future__ import annotations

import re

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af"
CJK_CHAR = re.compile(f"[{CJK}]")
CJK_RUN = re.compile(f"[{CJK}]+")
