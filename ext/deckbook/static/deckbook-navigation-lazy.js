/* Deckbook: the sidebar's closed branches are empty lists (ul[data-deckbook-nav-part])
 * filled from the build's one navigation fragment when the reader opens them
 * (deckbook/navigation_lazy.py). The fragment is a script, not fetched JSON, so that it
 * loads from file:// too; it is requested when the reader points at or focuses a
 * branch's toggle, never on a plain page view. Its links are from the book's root: each gets
 * the page's way to the root (data-deckbook-root) in front, so links stay relative. */
(function () {
  "use strict";
  const SOURCE = "[data-deckbook-navigation]";
  const PART = "ul[data-deckbook-nav-part]";
  let loading = null;

  function load() {
    if (loading) return loading;
    const source = document.querySelector(SOURCE);
    if (!source) return Promise.reject(new Error("no lazy navigation on this page"));
    loading = new Promise(function (resolve, reject) {
      const script = document.createElement("script");
      script.src = source.getAttribute("data-deckbook-navigation");
      script.onload = function () {
        if (window.deckbookNavigationParts) resolve(window.deckbookNavigationParts);
        else reject(new Error("the navigation fragment defined nothing"));
      };
      script.onerror = function () {
        loading = null; // try again at the next opening
        reject(new Error("the navigation fragment did not load: " + script.src));
      };
      document.head.appendChild(script);
    });
    return loading;
  }

  function fill(list, parts, root) {
    const html = parts[list.getAttribute("data-deckbook-nav-part")];
    if (html === undefined) return;
    list.removeAttribute("data-deckbook-nav-part");
    list.removeAttribute("aria-busy");
    list.innerHTML = html;
    // This part's links only: the parts inside it are still empty.
    list.querySelectorAll("a.reference.internal[href]").forEach(function (link) {
      link.setAttribute("href", root + link.getAttribute("href"));
    });
    list.querySelectorAll(PART).forEach(function (inner) {
      fill(inner, parts, root);
    });
  }

  function open(details) {
    const list = details.querySelector(":scope > " + PART);
    if (!list) return;
    list.setAttribute("aria-busy", "true");
    const root = document.querySelector(SOURCE).getAttribute("data-deckbook-root");
    load().then(function (parts) {
      fill(list, parts, root);
    }, function (error) {
      list.removeAttribute("aria-busy");
      console.warn("Deckbook:", error.message);
    });
  }

  // "toggle" does not bubble: listen while it is captured on its way down.
  document.addEventListener("toggle", function (event) {
    const details = event.target;
    if (details instanceof HTMLDetailsElement && details.open) open(details);
  }, true);

  // The reader points at or focuses a branch's toggle: start loading, so the branch
  // opens at once. Not on the links: following one would abort the request.
  function warm(event) {
    const target = event.target;
    if (target instanceof Element && target.closest(".bd-docs-nav details > summary")) {
      load().catch(function () {});
    }
  }
  ["pointerover", "focusin", "touchstart"].forEach(function (type) {
    document.addEventListener(type, warm, { passive: true, capture: true });
  });

  // A branch opened before this script ran (it is deferred).
  document.querySelectorAll("details[open] > " + PART).forEach(function (list) {
    open(list.parentElement);
  });
})();
