/* reveal.js's notes plugin (the speaker view), fetched when it is first wanted.
 *
 * The plugin's script is 69 KB (the speaker view's page and a Markdown parser in
 * it) and a reader who never presses S never uses it. This stands in for it under
 * the same name (RevealNotes, plugin id "notes") and loads the real one, then hands
 * over, when the speaker view is asked for: the S key, the plugin's own `?notes`
 * address, or a speaker view left open from before a reload (its heartbeat
 * message). The key press's user activation outlasts a local script's loading, so
 * the speaker window still opens. (theme.py; issue 16.)
 */
(function () {
  "use strict";
  const here = document.currentScript && document.currentScript.src;
  const source = here
    ? new URL("revealjs/plugin/notes/notes.js", here).href
    : "revealjs/plugin/notes/notes.js";

  function StandIn() {
    let deck = null;
    let real = null;
    let loading = null;

    function load() {
      if (!loading) {
        loading = new Promise(function (resolve, reject) {
          const script = document.createElement("script");
          script.src = source;
          script.onload = function () {
            // The real script has replaced the global with its own factory.
            real = window.RevealNotes();
            real.init(deck);
            resolve(real);
          };
          script.onerror = reject;
          document.head.appendChild(script);
        });
      }
      return loading;
    }

    function open() {
      return load().then(function (plugin) {
        plugin.open();
      });
    }

    function onMessage(event) {
      if (real || typeof event.data !== "string") return;
      let data = null;
      try {
        data = JSON.parse(event.data);
      } catch (error) {
        return;
      }
      if (data && data.namespace === "reveal-notes" && data.type === "heartbeat") {
        // The real plugin reconnects at the window's next heartbeat.
        load();
      }
    }

    return {
      id: "notes",
      init: function (reveal) {
        deck = reveal;
        if (/receiver/i.test(window.location.search)) return;
        if (/(\?|&)notes/i.test(window.location.search)) {
          open();
          return;
        }
        window.addEventListener("message", onMessage);
        deck.addKeyBinding(
          { keyCode: 83, key: "S", description: "Speaker notes view" },
          open,
        );
      },
      open: open,
    };
  }

  window.RevealNotes = StandIn;
})();
