/* Deckbook: Marp's fitting headings (`# Title <!--fit-->`) for reveal.js decks.
   A heading marked data-marp-fit scales its text to fill the slide's width, like
   marp-core's fitting header (which does it with an SVG viewBox). */
(function () {
  "use strict";

  function fit(heading) {
    var span = heading.querySelector(":scope > .marp-fit");
    if (!span || !heading.clientWidth) return;
    span.style.fontSize = "";
    var style = getComputedStyle(heading);
    var available =
      heading.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    var base = parseFloat(getComputedStyle(span).fontSize);
    var size = base;
    for (var i = 0; i < 3; i += 1) {
      var natural = span.scrollWidth;
      if (!natural) return;
      size = size * (available / natural);
      span.style.fontSize = size + "px";
    }
    // Never taller than the slide's content box (Marp's max-height for headings).
    var section = heading.closest(".marp-section");
    if (section) {
      var box = getComputedStyle(section);
      var room =
        section.clientHeight - parseFloat(box.paddingTop) - parseFloat(box.paddingBottom);
      if (span.offsetHeight > room && room > 0) {
        span.style.fontSize = size * (room / span.offsetHeight) + "px";
      }
    }
    heading.setAttribute("data-marp-fitted", "");
  }

  function fitAll(root) {
    var headings = (root || document).querySelectorAll("[data-marp-fit]");
    for (var i = 0; i < headings.length; i += 1) fit(headings[i]);
  }

  window.DeckbookMarp = { fit: fit, fitAll: fitAll };

  function install() {
    if (!window.Reveal || !Reveal.on) return;
    Reveal.on("ready", function () {
      fitAll(document);
    });
    Reveal.on("slidechanged", function (event) {
      fitAll(event.currentSlide);
    });
    Reveal.on("resize", function () {
      fitAll(document);
    });
    Reveal.on("pdf-ready", function () {
      fitAll(document);
    });
    if (document.fonts && document.fonts.ready) {
      document.fonts.ready.then(function () {
        fitAll(document);
      });
    }
  }

  install();
})();
