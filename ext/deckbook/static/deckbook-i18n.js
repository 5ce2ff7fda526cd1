/*
 * Interface strings that JavaScript renders, in the page's language (i18n_catalogues.py).
 *
 * The translations come as JSON in this script's data-messages attribute:
 *   sphinx:  searchtools.js strings missing from Sphinx's translations.js
 *   strings: English -> translation, for pydata-sphinx-theme's old-version banner
 *            and reveal.js's controls, overlays and keyboard help.
 * Only those known widgets are touched, never the page's own text.
 */
(() => {
  const script = document.currentScript;
  const messages = JSON.parse(script.dataset.messages || "{}");
  const strings = messages.strings || {};
  const VERSION = "%(version)s";

  if (typeof Documentation !== "undefined" && messages.sphinx) {
    Documentation.addTranslations({
      locale: messages.locale,
      plural_expr: messages.plural_expr,
      messages: messages.sphinx,
    });
  }

  const translated = (text) => {
    const key = text.trim();
    return Object.prototype.hasOwnProperty.call(strings, key) ? strings[key] : null;
  };

  // "an old version (1.0)" with the template "an old version (%(version)s)" -> "1.0".
  const fill = (english, text) => {
    if (!strings[english]) return null;
    const [before, after] = english.split(VERSION);
    if (!text.startsWith(before) || !text.endsWith(after)) return null;
    const version = text.slice(before.length, text.length - after.length);
    return strings[english].replace(VERSION, version);
  };

  /** Text nodes and labels of a widget, replaced when they are a known string. */
  const translateWidget = (root) => {
    // The widget's own document: the speaker view is another window's.
    const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const value = translated(node.nodeValue);
      // Keep the spaces around the text ("Time <span>…" in the speaker view).
      if (value !== null) node.nodeValue = node.nodeValue.replace(node.nodeValue.trim(), value);
    }
    for (const element of [root, ...root.querySelectorAll("*")]) {
      for (const name of ["aria-label", "title", "placeholder"]) {
        const value = element.hasAttribute(name)
          ? translated(element.getAttribute(name))
          : null;
        if (value !== null) element.setAttribute(name, value);
      }
    }
  };

  /**
   * pydata-sphinx-theme's banner: "This is documentation for <strong>an old version
   * (1.0)</strong>.<a>Switch to stable version</a>", one sentence in Korean.
   */
  const translateBanner = (banner) => {
    const message = banner.querySelector(".sidebar-message");
    const strong = message && message.querySelector("strong");
    const sentence = strings["This is documentation for %(version)s."];
    if (!strong || !sentence || message.dataset.deckbookTranslated) return;
    const which = strong.textContent;
    strong.textContent =
      translated(which) ??
      fill("an old version (%(version)s)", which) ??
      fill("version %(version)s", which) ??
      which;
    const [before, after] = sentence.split(VERSION);
    if (strong.previousSibling) strong.previousSibling.nodeValue = before;
    if (strong.nextSibling) strong.nextSibling.nodeValue = after;
    translateWidget(message);
    message.dataset.deckbookTranslated = "true";
  };

  const watch = (element, callback) => {
    callback(element);
    new MutationObserver(() => callback(element)).observe(element, {
      childList: true,
      subtree: true,
    });
  };

  // reveal.js's own widgets; the slides themselves (.slides) are never touched.
  const DECK_WIDGETS =
    ".controls, .pause-overlay, .jump-to-slide, .r-overlay-header, .r-overlay-help";
  const translateDeck = (reveal) => {
    for (const widget of reveal.querySelectorAll(DECK_WIDGETS))
      translateWidget(widget);
  };

  /*
   * reveal.js's speaker view (notes plugin): a window it opens and fills with
   * document.write() right away; its clock says "09:15 AM" (toLocaleTimeString en-US).
   * The author's notes (.speaker-controls-notes .value) are never touched.
   */
  const SPEAKER_WINDOW = "reveal.js - Notes";
  const SPEAKER_WIDGETS =
    "#connection-status, #upcoming-slide > .label, .speaker-controls-time," +
    " .speaker-controls-notes > .label, #speaker-layout";
  const translateClock = (clock) => {
    const match = /^(\d{1,2}:\d{2}) (AM|PM)$/.exec(clock.textContent.trim());
    if (match && strings[match[2]]) clock.textContent = `${strings[match[2]]} ${match[1]}`;
  };
  const translateSpeakerView = (doc) => {
    const title = translated(doc.title);
    if (title !== null) doc.title = title;
    for (const widget of doc.querySelectorAll(SPEAKER_WIDGETS)) translateWidget(widget);
    for (const clock of doc.querySelectorAll(".clock-value")) translateClock(clock);
  };
  const watchSpeakerView = (popup) => {
    // After the plugin's document.write(), which follows window.open() at once.
    setTimeout(() => {
      const doc = popup.document;
      if (!doc || !doc.body) return;
      translateSpeakerView(doc);
      new popup.MutationObserver(() => translateSpeakerView(doc)).observe(doc.body, {
        childList: true,
        subtree: true,
        characterData: true,
      });
    });
  };
  const translateSpeakerWindows = () => {
    const open = window.open;
    window.open = function (url, name, ...rest) {
      const popup = open.call(window, url, name, ...rest);
      if (popup && name === SPEAKER_WINDOW) watchSpeakerView(popup);
      return popup;
    };
  };

  const start = () => {
    const banner = document.getElementById("bd-header-version-warning");
    if (banner) watch(banner, translateBanner);
    const reveal = document.querySelector(".reveal");
    if (reveal && typeof Reveal !== "undefined") {
      translateSpeakerWindows();
      const onReady = () => watch(reveal, translateDeck);
      if (Reveal.isReady()) onReady();
      else Reveal.on("ready", onReady);
    }
  };
  if (document.readyState === "loading")
    document.addEventListener("DOMContentLoaded", start);
  else start();
})();
