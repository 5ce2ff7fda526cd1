// What a viewer sees on the current reveal.js slide of a Deckbook Marp deck, in the
// shape of tests/marp_reference/*.json. Evaluated by tests/test_marp_browser.py as
// `(<this file>).facts()`.
({
  facts() {
    const slide = Reveal.getCurrentSlide();
    const layer = (name) => slide.querySelector(`:scope > [data-marp-layer="${name}"]`);
    const content = layer("content");
    const pseudo = layer("pseudo");
    const bg = layer("background");
    const text = (el) => (el ? el.innerText.replace(/\s+/g, " ").trim() : null);
    const pagination = /^"(.*)"$/.exec(getComputedStyle(pseudo, "::after").content);
    const header = content.querySelector(":scope > header");
    const footer = content.querySelector(":scope > footer");
    const body = content.cloneNode(true);
    body.querySelectorAll(":scope > header, :scope > footer").forEach((e) => e.remove());
    const styleOf = (el, prop) => {
      const style = el.getAttribute("style") || "";
      const match = new RegExp(`(?:^|;)${prop}:\\s*([^;]+)`).exec(style);
      return match ? match[1].trim() : null;
    };
    const figures = [...bg.querySelectorAll(".marp-bg-container > figure")].map((f) => {
      const link = f.querySelector("a");
      const image = /url\("?(.*?)"?\)/.exec(styleOf(f, "background-image") || "");
      const caption = f.querySelector("figcaption");
      const rect = f.getBoundingClientRect();
      return {
        url: link ? link.href : image ? image[1].split("/").pop() : null,
        size: styleOf(f, "background-size"),
        filter: styleOf(f, "filter"),
        caption: caption ? caption.textContent : null,
        rect: [rect.left, rect.top, rect.width, rect.height],
      };
    });
    const notes = document.createElement("div");
    notes.innerHTML = Reveal.getSlideNotes() || "";
    const split = content.dataset.marpSplit;
    const box = content.getBoundingClientRect();
    const container = bg.querySelector(".marp-bg-container");
    return {
      headings: [...content.querySelectorAll("h1,h2,h3,h4,h5,h6")].map((h) => ({
        level: +h.tagName[1],
        text: text(h),
        fit: h.hasAttribute("data-marp-fit"),
      })),
      class: [...content.classList].filter((c) => c !== "marp-section"),
      header: header ? text(header) : null,
      footer: footer ? text(footer) : null,
      page: pagination && pagination[1] ? pagination[1] : null,
      total: pseudo.dataset.marpitPaginationTotal || null,
      backgrounds: figures,
      split: split
        ? { side: split, size: getComputedStyle(content).getPropertyValue("--marp-split").trim() }
        : null,
      direction: figures.length ? container.dataset.direction : null,
      fragments: slide.querySelectorAll(".fragment").length,
      breaks: body.querySelectorAll("br").length,
      body_text: body.textContent.replace(/\s+/g, " ").trim(),
      notes: notes.textContent,
      content_rect: [box.left, box.top, box.width, box.height],
    };
  },

  // How much of its heading's width the text of the current slide's first heading
  // fills (1: all of it).
  fill() {
    const h = Reveal.getCurrentSlide().querySelector("h1, h2");
    const style = getComputedStyle(h);
    const room = h.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const range = document.createRange();
    range.selectNodeContents(h.querySelector(".marp-fit") || h);
    return range.getBoundingClientRect().width / room;
  },

  // The fitted text's box on the current slide.
  fitBox() {
    const span = Reveal.getCurrentSlide().querySelector("[data-marp-fit] .marp-fit");
    const r = span.getBoundingClientRect();
    return [r.left, r.top, r.width, r.height];
  },

  // Colours, alignment and type of the current slide.
  look() {
    const slide = Reveal.getCurrentSlide();
    const bg = slide.querySelector('[data-marp-layer="background"]');
    const content = slide.querySelector('[data-marp-layer="content"]');
    const h = content.querySelector("h1, h2");
    return {
      background: getComputedStyle(bg).backgroundColor,
      color: getComputedStyle(content).color,
      heading: h ? getComputedStyle(h).color : null,
      align: h ? getComputedStyle(h).textAlign : null,
      font: getComputedStyle(content).fontFamily,
      size: getComputedStyle(content).fontSize,
    };
  },
})
