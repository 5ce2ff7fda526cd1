/* Deckbook: prefetch the search index when the reader starts a search, not on every
 * page view (deckbook/lean_pages.py). The search page loads it itself; this warms the
 * cache so it opens at once. The files are listed by the page (meta deckbook-search-files). */
(function () {
  "use strict";
  let done = false;
  function prefetch() {
    if (done) return;
    done = true;
    const meta = document.querySelector('meta[name="deckbook-search-files"]');
    const list = meta ? meta.content : "";
    list.split(" ").filter(Boolean).forEach(function (href) {
      const link = document.createElement("link");
      link.rel = "prefetch";
      link.as = "script";
      link.href = href;
      document.head.appendChild(link);
    });
  }
  function isSearchField(target) {
    return target instanceof Element && target.closest("form.bd-search, .search-button__button, #pst-search-dialog") !== null;
  }
  ["focusin", "pointerover", "pointerdown", "touchstart"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      if (isSearchField(event.target)) prefetch();
    }, { passive: true, capture: true });
  });
  document.addEventListener("keydown", function (event) {
    if ((event.ctrlKey || event.metaKey) && /^k$/i.test(event.key)) prefetch();
  }, true);
})();
