"""YAML through LibYAML's parser when PyYAML has it, the pure-Python one otherwise.

Every page's front matter is read as YAML, some several times (Jekyll's strict
reading, Marp's loose one, each directive comment of a deck): about 2,000 reads for
300 pages, a tenth of a second each ten, in PyYAML's pure-Python scanner. Its C
loaders (``CSafeLoader``, ``CBaseLoader``) pair LibYAML's scanner and parser with the
same Python constructors, so the values are the same objects; they are ten times
faster. Where LibYAML refuses a text, the pure-Python loader reads it again: it
decides what is an error, and its message and line are the ones a warning shows.
"""

from __future__ import annotations

from typing import Any

import yaml

_FAST = {
    yaml.SafeLoader: getattr(yaml, "CSafeLoader", None),
    yaml.BaseLoader: getattr(yaml, "CBaseLoader", None),
}


def load(text: str, loader: type = yaml.SafeLoader) -> Any:
    """``yaml.load(text, Loader=loader)``, by LibYAML when it reads the text."""
    fast = _FAST.get(loader)
    if fast is not None:
        try:
            return yaml.load(text, Loader=fast)  # a safe or base loader
        except yaml.YAMLError:
            pass  # the pure-Python loader says why, below
    return yaml.load(text, Loader=loader)
