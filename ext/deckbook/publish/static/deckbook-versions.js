/* Deckbook: the version switcher and old-version banner of a published book page, and
 * the version menu of a deck.
 *
 * Build-time configuration is the same for every page, on this script's tag:
 * data-kind ("book" or "deck") and data-labels (translated strings, JSON). No page
 * names its version: it is the entry of versions.json whose url is the folder the
 * page's book is in (until the list is read, that folder's name). So the pages of
 * 1.0 and 2.0 built from the same sources are the same bytes, and a new version's
 * build reuses the pages an older one wrote (doctree_cache.py). Everything
 * else is read at run time from versions.json at the site root (pydata-sphinx-theme's
 * format, urls relative to the file), so publishing a new version never rebuilds the
 * old ones, and the site can live under any sub-path: every URL here is computed from
 * the page's own address.
 */
(function () {
  "use strict";

  const script = document.currentScript;
  const config = {
    version: script.dataset.version, // builds before the version came from the URL
    kind: script.dataset.kind,
    labels: JSON.parse(script.dataset.labels || "{}"),
  };

  function label(key, version) {
    return (config.labels[key] || key).replace("{version}", version || "");
  }

  /* The version's root (the book's folder), the site root, and this page's path in
   * the version ("guide/build.html", "slides/talk.html"; "" on the landing page). */
  function locate() {
    const contentRoot = document.documentElement.dataset.content_root || "./";
    const root = new URL(contentRoot, location.href);
    const versionRoot = config.kind === "deck" ? new URL("../", root) : root;
    const here = new URL(location.href);
    here.hash = "";
    here.search = "";
    const path = here.href.startsWith(versionRoot.href)
      ? here.href.slice(versionRoot.href.length)
      : "";
    return { versionRoot, siteRoot: new URL("../", versionRoot), path };
  }

  /* The version: the last folder of the version's root (its name, percent-decoded). */
  function versionOf(versionRoot) {
    const folders = versionRoot.pathname.split("/").filter(Boolean);
    return decodeURIComponent(folders[folders.length - 1] || "");
  }

  /* Where to go in another version, best first: this page (a deck falls back to its
   * book page), then that version's landing page. */
  function candidates(where, versionUrl) {
    const paths = [where.path];
    if (config.kind === "deck" && where.path.startsWith("slides/")) {
      paths.push(where.path.slice("slides/".length));
    }
    const urls = paths.filter(Boolean).map((p) => new URL(p, versionUrl).href);
    urls.push(versionUrl.href);
    return urls;
  }

  async function exists(url) {
    try {
      const response = await fetch(url, { method: "HEAD", cache: "no-cache" });
      await response.text(); // finish the request: leaving the page would abort it
      return response.ok;
    } catch (error) {
      return false;
    }
  }

  /* The reader's place: the #section, or the current slide of a deck (reveal.js
   * only writes it to the address when its "hash" option is on). */
  function place() {
    const reveal = window.Reveal;
    if (config.kind !== "deck" || !reveal || !reveal.isReady || !reveal.isReady()) {
      return location.hash;
    }
    const { h, v } = reveal.getIndices();
    return v ? `#/${h}/${v}` : `#/${h}`;
  }

  async function follow(event) {
    event.preventDefault();
    const urls = JSON.parse(event.currentTarget.dataset.candidates);
    for (const [index, url] of urls.entries()) {
      if (index === urls.length - 1 || (await exists(url))) {
        // Only the same page keeps the place; a fallback page starts at the top.
        location.href = index === 0 ? url + place() : url;
        return;
      }
    }
  }

  function link(entry, where, className) {
    const anchor = document.createElement("a");
    const urls = candidates(where, entry.href);
    anchor.href = urls[0];
    anchor.className = className;
    anchor.dataset.version = entry.version;
    anchor.dataset.candidates = JSON.stringify(urls);
    anchor.addEventListener("click", follow);
    return anchor;
  }

  function entryName(entry) {
    const aliases = (entry.aliases || []).join(", ");
    return aliases ? `${entry.name} (${aliases})` : entry.name;
  }

  /* pydata-sphinx-theme's "version-switcher" component, filled in its own markup. */
  function fillThemeSwitchers(entries, where) {
    const menus = document.querySelectorAll(".version-switcher__menu");
    const current = entries.find((e) => e.version === config.version);
    document.querySelectorAll(".version-switcher__button").forEach((button) => {
      button.textContent = current ? current.name : config.version;
      button.dataset.activeVersion = config.version;
    });
    menus.forEach((menu) => {
      menu.replaceChildren(
        ...entries.map((entry) => {
          const className =
            "dropdown-item list-group-item list-group-item-action py-1";
          const item = link(entry, where, className);
          item.setAttribute("role", "option");
          item.textContent = entryName(entry);
          if (entry.version === config.version) {
            item.classList.add("active");
            item.setAttribute("aria-selected", "true");
          }
          return item;
        }),
      );
    });
    return menus.length > 0;
  }

  /* A self-contained menu: decks, and books whose theme has no switcher. */
  function ownMenu(entries, where) {
    const details = document.createElement("details");
    details.className = "deckbook-versions";
    const summary = document.createElement("summary");
    const current = entries.find((e) => e.version === config.version);
    summary.textContent = `${label("version")} ${current ? current.name : config.version}`;
    summary.title = label("choose");
    const list = document.createElement("ul");
    entries.forEach((entry) => {
      const item = document.createElement("li");
      const anchor = link(entry, where, "deckbook-versions__item");
      anchor.textContent = entryName(entry);
      if (entry.version === config.version) {
        anchor.setAttribute("aria-current", "page");
      }
      item.append(anchor);
      list.append(item);
    });
    details.append(summary, list);
    return details;
  }

  function chrome() {
    let nav = document.querySelector(".deckbook-deck-nav");
    if (!nav) {
      nav = document.createElement("nav");
      nav.className = "deckbook-versions-nav";
      document.body.append(nav);
    }
    return nav;
  }

  function banner(entries, where) {
    const current = entries.find((e) => e.version === config.version);
    const preferred = entries.find((e) => e.preferred);
    if (!current || !preferred || current === preferred) {
      return null;
    }
    // versions.json lists the newest first.
    const older = entries.indexOf(current) > entries.indexOf(preferred);
    const aside = document.createElement("aside");
    aside.className = "deckbook-version-warning";
    aside.setAttribute("role", "note");
    const text = document.createElement("span");
    text.textContent = label(older ? "old" : "newer", current.name);
    const anchor = link(preferred, where, "deckbook-version-warning__link");
    anchor.textContent = label("switch", preferred.name);
    aside.append(text, " ", anchor);
    return aside;
  }

  function placeBanner(element) {
    if (config.kind === "deck") {
      chrome().append(element);
      return;
    }
    const article = document.querySelector(".bd-article-container, main, [role=main]");
    (article || document.body).prepend(element);
  }

  async function start() {
    const where = locate();
    config.version = config.version || versionOf(where.versionRoot);
    document.querySelectorAll(".version-switcher__button").forEach((button) => {
      button.textContent = config.version;
    });
    const jsonUrl = new URL("versions.json", where.siteRoot);
    let data;
    try {
      const response = await fetch(jsonUrl, { cache: "no-cache" });
      if (!response.ok) {
        throw new Error(`HTTP ${response.status}`);
      }
      data = await response.json();
    } catch (error) {
      console.warn(`[deckbook] no version list at ${jsonUrl}: ${error}`);
      return;
    }
    const entries = data.map((entry) => ({
      ...entry,
      name: entry.name || entry.version,
      href: new URL(entry.url, jsonUrl),
    }));
    const mine = entries.find((entry) => entry.href.href === where.versionRoot.href);
    if (mine && !script.dataset.version) {
      config.version = mine.version;
    }
    if (config.kind === "deck" || !fillThemeSwitchers(entries, where)) {
      chrome().append(ownMenu(entries, where));
    }
    const warning = banner(entries, where);
    if (warning) {
      placeBanner(warning);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
