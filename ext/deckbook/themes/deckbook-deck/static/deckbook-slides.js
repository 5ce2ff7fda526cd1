/* Deckbook: decks of ordinary pages never overflow their slides (DESIGN §3.3).
 *
 * Loaded in every deck; acts only where the page's reveal.js configuration has
 * `deckbookFit` (set by deckbook/slides.py for pages that are not Marp decks).
 *
 * Once reveal.js is ready and fonts and images have loaded, every slide whose content
 * reaches past the configured slide size (1280×720) is cut before the last block that
 * still fits; the rest moves to a new slide right after it, titled like the first with
 * "(2/3)"-style numbering, and so on until every part fits. Lists cut in two keep their
 * numbering, a list item cut in two shows its bullet once, a table repeats its header
 * row, and an answer revealed on the first part is not hidden again on the next. Nothing is removed: a block taller than a
 * slide is cut between words. Speaker notes stay on the first part. Only when nothing can
 * be cut (one very wide block) is a slide's text made smaller, never below 80%.
 *
 * When done, <html data-deckbook-fit="done"> is set and "deckbook:fitted" is dispatched
 * on window (detail.added: how many slides were added).
 */
(function () {
  "use strict";

  var MARGIN = 32; // slide pixels kept free at the bottom (reveal.js's controls)
  var SLACK = 8; // …plus this much under a cut, for the margins of what stays
  var EPSILON = 1; // layout rounding, in slide pixels
  var MAX_PARTS = 60; // per source slide: a guard against runaway splitting
  var TITLE_MAX = 60; // characters of a long title repeated on continuation slides
  var SHRINK = ["90%", "80%"];
  var CENTERED = ["title", "qa-group", "qa"];
  // Never cut inside these (tables are cut between rows, code between lines).
  var ATOMIC = "pre, td, th, figure, svg, math, .math, video, iframe, aside.notes";
  var MEDIA = "img, svg, video, iframe, canvas, object, embed, hr, math";
  var BLOCKISH = /^(block|list-item|table|table-row|flex|grid|flow-root)$/;

  var W = 0;
  var H = 0;

  /* Where a slide's own slide area is on screen, and its scale. Measured from the slide
   * itself (its stack may still be translated aside by reveal.js's transitions). */
  function frame(slide) {
    var rect = slide.getBoundingClientRect();
    var scale = rect.width / (slide.offsetWidth || W) || 1;
    var stack = slide.parentElement.tagName === "SECTION" ? slide.parentElement : null;
    var offset = slide.offsetTop + (stack ? stack.offsetTop : 0);
    return { top: rect.top - offset * scale, left: rect.left, scale: scale };
  }

  function titleOf(slide) {
    var first = slide.firstElementChild;
    return first && /^H[1-6]$/.test(first.tagName) ? first : null;
  }

  function isNote(element) {
    return element.closest("aside.notes") !== null;
  }

  /* How far the slide's content reaches, in slide pixels from the slide area. */
  function extent(slide) {
    var area = frame(slide);
    var box = { bottom: 0, right: 0, left: W };
    slide.querySelectorAll("*").forEach(function (element) {
      if (isNote(element)) return;
      var rect = element.getBoundingClientRect();
      if (!rect.width && !rect.height) return;
      box.bottom = Math.max(box.bottom, (rect.bottom - area.top) / area.scale);
      box.right = Math.max(box.right, (rect.right - area.left) / area.scale);
      box.left = Math.min(box.left, (rect.left - area.left) / area.scale);
    });
    return box;
  }

  function topOf(rect, slide) {
    var area = frame(slide);
    return (rect.top - area.top) / area.scale;
  }

  function bottomOf(rect, slide) {
    var area = frame(slide);
    return (rect.bottom - area.top) / area.scale;
  }

  function isEmpty(element) {
    return !element.textContent.trim() && !element.querySelector(MEDIA) &&
      !element.matches(MEDIA);
  }

  /* Would cutting before `element` leave some content on the slide? */
  function hasContentBefore(element, slide, title) {
    for (var node = element; node && node !== slide; node = node.parentNode) {
      for (var prev = node.previousSibling; prev; prev = prev.previousSibling) {
        if (prev === title) continue;
        if (prev.nodeType === Node.TEXT_NODE && prev.data.trim()) return true;
        if (prev.nodeType === Node.ELEMENT_NODE && !prev.matches("aside.notes") &&
            !isEmpty(prev)) return true;
      }
    }
    return false;
  }

  /* Block boundaries where a slide may be cut, in document order. */
  function candidates(slide, title) {
    var found = [];
    var walker = document.createTreeWalker(slide, NodeFilter.SHOW_ELEMENT, {
      acceptNode: function (element) {
        if (element === title || element.matches("aside.notes")) {
          return NodeFilter.FILTER_REJECT;
        }
        var parent = element.parentElement;
        if (parent !== slide && parent.closest(ATOMIC)) return NodeFilter.FILTER_REJECT;
        return BLOCKISH.test(getComputedStyle(element).display)
          ? NodeFilter.FILTER_ACCEPT
          : NodeFilter.FILTER_SKIP;
      },
    });
    for (var element = walker.nextNode(); element; element = walker.nextNode()) {
      if (hasContentBefore(element, slide, title)) found.push(element);
    }
    return found;
  }

  /* The last block boundary above the limit, or null. */
  function blockCut(slide, title, limit) {
    var best = null;
    var list = candidates(slide, title);
    for (var i = 0; i < list.length; i++) {
      if (topOf(list[i].getBoundingClientRect(), slide) > limit) break;
      best = list[i];
    }
    return best && function (range) { range.setStartBefore(best); };
  }

  /* The last word boundary above the limit (for one block taller than the slide). */
  function textCut(slide, title, limit) {
    var range = document.createRange();
    var walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT, {
      acceptNode: function (text) {
        var parent = text.parentElement;
        if ((title && title.contains(text)) || isNote(parent)) {
          return NodeFilter.FILTER_REJECT;
        }
        return text.data.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
      },
    });
    function charBottom(text, index) {
      range.setStart(text, index);
      range.setEnd(text, index + 1);
      return bottomOf(range.getBoundingClientRect(), slide);
    }
    var seen = false;
    for (var text = walker.nextNode(); text; text = walker.nextNode()) {
      var length = text.data.length;
      if (charBottom(text, length - 1) <= limit) {
        seen = true;
        continue;
      }
      var low = 0;
      var high = length - 1; // the first character below the limit is in [low, high]
      while (low < high) {
        var middle = (low + high) >> 1;
        if (charBottom(text, middle) > limit) high = middle;
        else low = middle + 1;
      }
      // Code is cut between lines; prose between words (within the last few).
      var offset = low;
      var newline = text.data.lastIndexOf("\n", low - 1);
      var space = text.data.lastIndexOf(" ", low);
      if (text.parentElement.closest("pre") && newline >= 0) offset = newline + 1;
      else if (space > 0 && low - space < 40) offset = space + 1;
      if (offset === 0 && !seen) return null;
      return (function (node, at) {
        return function (cut) { cut.setStart(node, at); };
      })(text, offset);
    }
    return null;
  }

  function continuationTitle(title) {
    var copy = title.cloneNode(true);
    copy.removeAttribute("id");
    copy.querySelectorAll("[id]").forEach(function (e) { e.removeAttribute("id"); });
    var counter = copy.querySelector(".deckbook-part");
    if (counter) counter.remove();
    if (copy.textContent.length > TITLE_MAX) {
      var marker = copy.querySelector(".deckbook-qa-marker");
      var text = copy.textContent.slice(marker ? marker.textContent.length : 0).trim();
      copy.textContent = "";
      if (marker) copy.append(marker, " ");
      copy.append(text.slice(0, TITLE_MAX - 1).trim() + "…");
    }
    if (counter) copy.append(counter);
    return copy;
  }

  function markContinued(original, clone) {
    clone.removeAttribute("id");
    clone.removeAttribute("data-fragment-index");
    clone.classList.remove("fragment", "visible", "current-fragment");
    clone.classList.add("deckbook-continued");
    var head = original.tagName === "TABLE" && original.tHead;
    if (head && !clone.tHead) {  // a table goes on under its header row(s)
      var repeated = head.cloneNode(true);
      repeated.classList.add("deckbook-repeated");
      clone.insertBefore(repeated, clone.firstChild);
    }
    if (original.tagName === "OL") {
      var kept = Array.prototype.filter.call(original.children, function (child) {
        return child.tagName === "LI";
      }).length;
      var first = clone.firstElementChild;
      var split = first && first.classList.contains("deckbook-continued") ? 1 : 0;
      clone.start = (original.start || 1) + kept - split;
    }
  }

  /* Move everything from the cut to the end of `slide` onto a new slide after it. */
  function cutSlide(slide, source, place) {
    var range = document.createRange();
    place(range);
    range.setEndAfter(slide.lastChild);
    var partial = []; // ancestors of the cut, innermost first: each ends up in two
    for (var node = range.startContainer; node && node !== slide; node = node.parentNode) {
      if (node.nodeType === Node.ELEMENT_NODE) partial.push(node);
    }
    var fragment = range.extractContents();
    var next = slide.cloneNode(false);
    next.removeAttribute("id");
    next.setAttribute("data-deckbook-part", "");
    var sourceTitle = titleOf(source);
    if (sourceTitle) next.appendChild(continuationTitle(sourceTitle));
    var clones = [];
    var clone = fragment.firstChild;
    for (var i = partial.length - 1; i >= 0 && clone; i--) {
      clones[i] = clone;
      clone = clone.firstChild;
    }
    next.appendChild(fragment);
    for (var j = 0; j < partial.length; j++) {
      if (isEmpty(partial[j])) {
        partial[j].remove(); // all of it moved: the copy is the whole element
      } else if (clones[j]) {
        markContinued(partial[j], clones[j]);
      }
    }
    slide.after(next);
    return next;
  }

  function split(slide, source) {
    var title = titleOf(slide);
    var limit = H - MARGIN - SLACK;
    var place = blockCut(slide, title, limit) || textCut(slide, title, limit);
    return place ? cutSlide(slide, source, place) : null;
  }

  function shrink(slide) {
    for (var i = 0; i < SHRINK.length; i++) {
      if (!overflowsDown(slide) && !overflowsAcross(slide)) return;
      slide.style.fontSize = SHRINK[i];
    }
  }

  function overflowsDown(slide) {
    return extent(slide).bottom > H - MARGIN + EPSILON;
  }

  function overflowsAcross(slide) {
    var box = extent(slide);
    return box.right > W + EPSILON || box.left < -EPSILON;
  }

  function fitSlide(source) {
    if (!overflowsDown(source) && !overflowsAcross(source)) return 0;
    var notes = Array.prototype.slice.call(source.querySelectorAll("aside.notes"));
    notes.forEach(function (note) { note.remove(); });
    var title = titleOf(source);
    if (title) {
      var counter = document.createElement("span");
      counter.className = "deckbook-part";
      counter.textContent = " (99/99)"; // as wide as any number it will show
      title.append(counter);
    }
    var parts = [source];
    for (var i = 0; i < parts.length && parts.length < MAX_PARTS; i++) {
      var guard = 0;
      while (overflowsDown(parts[i]) && guard++ < MAX_PARTS) {
        var next = split(parts[i], source);
        if (!next) break;
        parts.splice(i + 1, 0, next);
      }
      shrink(parts[i]);
    }
    notes.forEach(function (note) { source.append(note); });
    parts.forEach(function (part, index) {
      var label = part.querySelector(":scope > :is(h1,h2,h3,h4,h5,h6) > .deckbook-part");
      if (!label) return;
      if (parts.length === 1) label.remove();
      else label.textContent = " (" + (index + 1) + "/" + parts.length + ")";
    });
    return parts.length - 1;
  }

  function reveal(sections) {
    var saved = sections.map(function (section) {
      var state = [section, section.style.display, section.style.transform,
        section.hasAttribute("hidden")];
      section.style.display = "block";
      section.style.transform = "none";
      section.removeAttribute("hidden");
      return state;
    });
    return function restore() {
      saved.forEach(function (state) {
        state[0].style.display = state[1];
        state[0].style.transform = state[2];
        if (state[3]) state[0].setAttribute("hidden", "");
      });
      document.querySelectorAll(".reveal .slides section[data-deckbook-part]")
        .forEach(function (section) {
          section.style.removeProperty("transform");
          section.style.removeProperty("display");
        });
    };
  }

  function fitAll() {
    var all = Array.prototype.slice.call(
      document.querySelectorAll(".reveal .slides section"));
    var leaves = all.filter(function (section) {
      return !section.querySelector("section");
    });
    var restore = reveal(all);
    var added = 0;
    leaves.forEach(function (slide) { added += fitSlide(slide); });
    restore();
    Reveal.sync();
    var at = Reveal.getIndices();
    Reveal.slide(at.h, at.v, at.f);
    document.documentElement.setAttribute("data-deckbook-fit", "done");
    window.dispatchEvent(new CustomEvent("deckbook:fitted", { detail: { added: added } }));
  }

  function loaded() {
    var fonts = document.fonts ? document.fonts.ready : Promise.resolve();
    var page = document.readyState === "complete"
      ? Promise.resolve()
      : new Promise(function (done) { window.addEventListener("load", done); });
    return Promise.all([fonts, page]).then(function () {
      // Math (deckbook/math) changes sizes once typeset; MathJax's deferred script has
      // run by "load", and its startup promise settles when the page is typeset.
      var mathjax = window.MathJax && window.MathJax.startup;
      return mathjax && mathjax.promise;
    });
  }

  function start() {
    var config = Reveal.getConfig();
    if (!config.deckbookFit) return;
    Reveal.getRevealElement().classList.add("deckbook-page-deck");
    CENTERED.forEach(function (kind) {
      document.querySelectorAll('.reveal .slides section[data-deckbook-kind="' + kind + '"]')
        .forEach(function (section) { section.classList.add("center"); });
    });
    // Print view lays slides out as pages when it starts: cutting after that would tear
    // them apart. `deckbook pdf` prints a copy fitted beforehand (deckbook/pdf.py).
    if (Reveal.isPrintView()) return;
    W = config.width;
    H = config.height;
    Reveal.layout();
    loaded().then(fitAll);
  }

  if (!window.Reveal) return;
  if (Reveal.isReady()) start();
  else Reveal.on("ready", start);
})();
