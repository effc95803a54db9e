// newsdesk serve: live reload. Added to the pages `serve` sends, never to what `build` writes.
(function () {
  "use strict";
  var here = location.pathname.replace(/index\.html$/, "");
  var script = document.currentScript || document.querySelector('script[src^="/__newsdesk/reload.js"]');
  var generation = Number(new URL(script.src, location.href).searchParams.get("generation"));
  var overlay = null;
  function showError(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "newsdesk-error";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
        "background:#141414;color:#fff;font:15px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:2rem";
      document.body.appendChild(overlay);
    }
    overlay.innerHTML = "";
    var h = document.createElement("h2");
    h.textContent = "newsdesk: the last change could not be built";
    h.style.cssText = "font:bold 20px system-ui,sans-serif;color:#ffb4a8;margin:0 0 1rem";
    var pre = document.createElement("pre");
    pre.textContent = text;
    pre.style.cssText = "white-space:pre-wrap;overflow-wrap:anywhere;margin:0;max-width:100%";
    var p = document.createElement("p");
    p.textContent = "The page shows the last good build. Fix the file and save: this clears by itself.";
    p.style.cssText = "font:14px system-ui,sans-serif;color:#ddd";
    overlay.append(h, pre, p);
  }
  function clearError() {
    if (overlay) { overlay.remove(); overlay = null; }
  }
  function refreshStyles(paths) {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    var done = false;
    links.forEach(function (link) {
      var url = new URL(link.href, location.href);
      if (paths.indexOf(url.pathname) >= 0) {
        url.searchParams.set("newsdesk", Date.now());
        link.href = url.pathname + url.search;
        done = true;
      }
    });
    return done;
  }
  function connect() {
    var source = new EventSource("/__newsdesk/events?path=" + encodeURIComponent(here));
    source.onmessage = function (e) {
      var msg = JSON.parse(e.data);
      // A change that landed while this page was on its way: the page may be out of date.
      if (msg.type === "hello" && msg.generation !== generation) { location.reload(); return; }
      if (msg.type === "error") { showError(msg.message); return; }
      if (msg.type === "reload") {
        clearError();
        if ((msg.urls || []).indexOf(here) >= 0) { location.reload(); return; }
        var assets = msg.assets || [];
        var css = assets.filter(function (a) { return /\.css$/.test(a); });
        // A stylesheet this page links is swapped in; one it imports needs a reload.
        if (css.length && !refreshStyles(css)) { location.reload(); return; }
        var other = assets.filter(function (a) { return !/\.css$/.test(a); });
        var used = Array.prototype.some.call(document.querySelectorAll("[src], [href], [srcset]"), function (el) {
          var refs = [el.getAttribute("src"), el.getAttribute("href")]
            .concat((el.getAttribute("srcset") || "").split(",").map(function (c) { return c.trim().split(/\s+/)[0]; }));
          return refs.some(function (r) {
            return r && other.indexOf(new URL(r, location.href).pathname) >= 0;
          });
        });
        if (used) { location.reload(); }
      }
    };
    source.onerror = function () {
      // The server went away (restarted?): try again until it is back, then reload.
      source.close();
      setTimeout(function retry() {
        fetch("/__newsdesk/stats", { cache: "no-store" }).then(function () { location.reload(); },
          function () { setTimeout(retry, 500); });
      }, 500);
    };
  }
  connect();
})();
