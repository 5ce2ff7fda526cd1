"""Each pass writes ``<builder> <event> <pid> <time>`` to passes.log. With
``fixture_fail_decks``, the deck pass raises as its builder starts (with
``fixture_end_decks``, its process ends there); with
``fixture_wait_for_decks``, the book pass does not finish before the deck pass has
started (or 20 s have passed)."""

import os
import time
from pathlib import Path

from sphinx.errors import ExtensionError

def _log_file(app) -> Path:
    # Not this module's folder: a test process imports it once for every copy.
    return Path(app.confdir, "passes.log")


def _note(app, event: str) -> None:
    with _log_file(app).open("a", encoding="utf-8") as log:
        log.write(f"{app.builder.name} {event} {os.getpid()} {time.time_ns()}\n")


def _started(app) -> None:
    _note(app, "started")
    if app.builder.name != "revealjs":
        return
    if app.config.fixture_fail_decks:
        raise ExtensionError("the fixture's deck pass fails, as asked")
    if app.config.fixture_end_decks:  # a deck pass killed, by the OOM killer say
        os._exit(3)


def _page(app, pagename, templatename, context, doctree) -> None:
    if doctree is not None:  # a document's page (not genindex, search)
        _note(app, f"page:{pagename}")


def _finished(app, exception) -> None:
    if app.config.fixture_wait_for_decks and app.builder.name == "html":
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and "revealjs started" not in _log(app):
            time.sleep(0.05)
    _note(app, "finished")


def _log(app) -> str:
    path = _log_file(app)
    return path.read_text(encoding="utf-8") if path.exists() else ""


def setup(app):
    app.add_config_value("fixture_fail_decks", False, "", bool)
    app.add_config_value("fixture_wait_for_decks", False, "", bool)
    app.add_config_value("fixture_end_decks", False, "", bool)
    app.connect("builder-inited", _started)
    app.connect("write-started", lambda app, builder: _note(app, "writing"))
    app.connect("html-page-context", _page)
    app.connect("build-finished", _finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
