// newsdesk search: the search page's script. It reads the index the build wrote beside it
// (search/meta.json, then only the shards and cards a query needs) and shows the stories
// found as cards. Words are cut and folded as the index cut and folded them (site::words).
(function () {
  "use strict";
  var script = document.currentScript;
  var base = new URL(".", script ? script.src : location.href);
  var form = document.getElementById("search-form");
  var box = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  if (!form || !box || !status || !list || !more) return;
  var FILTERS = { section: "#s:", tag: "#t:", place: "#p:", author: "#a:", year: "#y:" };
  var PAGE = 10;
  var selects = {};
  Object.keys(FILTERS).forEach(function (name) {
    var select = form.querySelector('select[name="' + name + '"]');
    if (select) selects[name] = select;
  });
  document.documentElement.classList.add("search-ready");

  // What a word is and how it is folded: the rules of site::words, in the same order.
  var WORD = /[\p{Alphabetic}\p{N}\p{M}]+(?:['\u2019][\p{Alphabetic}\p{N}\p{M}]+)*/gu;
  var SPECIAL = { "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "ß": "ss",
    "æ": "ae", "œ": "oe", "þ": "th", "ς": "σ" };
  var encoder = new TextEncoder();
  function fold(word) {
    return word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase()
      .replace(/[ıłøđðħßæœþς]/g, function (c) { return SPECIAL[c]; });
  }
  function words(text) {
    var out = [];
    for (var m of text.matchAll(WORD)) {
      var w = m[0].replace(/['\u2019]/g, "");
      if (encoder.encode(w).length <= 40) out.push(fold(w));
    }
    return out;
  }

  // The index, fetched as needed.
  var meta = null;
  var shards = new Map(); // shard number -> Promise of Map(key -> entry)
  var chunks = new Map(); // chunk number -> Promise of cards
  function fetchJSON(name, fresh) {
    return fetch(new URL(name, base), fresh ? { cache: "no-cache" } : {}).then(function (r) {
      if (!r.ok) throw new Error(name + ": " + r.status);
      return r.json();
    });
  }
  function loadMeta() {
    if (!meta) {
      meta = fetchJSON("meta.json", true).then(function (m) {
        if (m.version !== 1) throw new Error("an index of another version");
        return m;
      });
    }
    return meta;
  }
  function compare(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
  // The shard whose keys include `key`: the last that starts at or before it.
  function shardOf(m, key) {
    var lo = 0, hi = m.shards.length - 1, found = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (compare(m.shards[mid][0], key) <= 0) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }
  function decode(buffer) {
    var bytes = new Uint8Array(buffer), at = 0, text = new TextDecoder();
    function number() {
      var n = 0, shift = 0, b;
      do { b = bytes[at++]; n += (b & 0x7f) * Math.pow(2, shift); shift += 7; } while (b & 0x80);
      return n;
    }
    function string() { var len = number(); var s = text.decode(bytes.subarray(at, at + len)); at += len; return s; }
    var entries = new Map();
    while (at < bytes.length) {
      var key = string(), flags = bytes[at++], entry = { stem: null, ids: null, weights: null };
      if (flags & 2) entry.stem = string();
      if (flags & 1) {
        var count = number(), ids = new Uint32Array(count), weights = new Uint8Array(count), id = 0;
        for (var i = 0; i < count; i++) { id += number(); ids[i] = id; weights[i] = bytes[at++]; }
        entry.ids = ids; entry.weights = weights;
      }
      entries.set(key, entry);
    }
    return entries;
  }
  function shard(m, n) {
    if (!shards.has(n)) {
      shards.set(n, fetch(new URL(m.shards[n][1], base)).then(function (r) {
        if (!r.ok) throw new Error(m.shards[n][1] + ": " + r.status);
        return r.arrayBuffer();
      }).then(decode));
    }
    return shards.get(n);
  }
  function entry(m, key) {
    return shard(m, shardOf(m, key)).then(function (entries) { return entries.get(key) || null; });
  }
  // Every key starting with `prefix` (at most `most`), across the shards that hold them.
  function keysFrom(m, prefix, most) {
    var first = shardOf(m, prefix), last = first;
    while (last + 1 < m.shards.length && m.shards[last + 1][0].startsWith(prefix)) last++;
    var wanted = [];
    for (var n = first; n <= last; n++) wanted.push(shard(m, n));
    return Promise.all(wanted).then(function (all) {
      var keys = [];
      all.forEach(function (entries) {
        entries.forEach(function (e, key) {
          if (keys.length < most && key.startsWith(prefix)) keys.push([key, e]);
        });
      });
      return keys;
    });
  }

  // One word of a query: the stems it stands for (its own, its place names', and, for the
  // word being typed, those of the words it begins), with each stem's stories.
  function resolve(m, word, typing) {
    var names = [word];
    m.names.forEach(function (group) {
      if (group.indexOf(word) >= 0) group.forEach(function (n) { if (names.indexOf(n) < 0) names.push(n); });
    });
    var found = names.map(function (n) { return entry(m, n).then(function (e) { return e ? [[n, e]] : []; }); });
    if (typing && word.length >= 2) found.push(keysFrom(m, word, 40));
    return Promise.all(found).then(function (lists) {
      var stems = new Set();
      lists.forEach(function (l) {
        l.forEach(function (pair) {
          if (pair[0].charAt(0) === "#") return;
          if (pair[1].ids) stems.add(pair[0]);
          if (pair[1].stem) stems.add(pair[1].stem);
        });
      });
      return Promise.all(Array.from(stems, function (s) {
        return entry(m, s).then(function (e) { return e && e.ids ? { stem: s, entry: e } : null; });
      })).then(function (hits) { return hits.filter(Boolean); });
    });
  }
  function weight(w) {
    var tf = w & 0x1f;
    return (w & 0x80 ? 6 : 0) + (w & 0x40 ? 3 : 0) + (w & 0x20 ? 3 : 0) + (tf ? 1 + Math.log(tf) : 0);
  }

  // A search: every word must be found (in any of its forms); filters narrow the stories.
  function search(query, filters) {
    return loadMeta().then(function (m) {
      var qwords = words(query);
      var typing = !/\s$/.test(query);
      var lookups = qwords.map(function (w, i) { return resolve(m, w, typing && i === qwords.length - 1); });
      var filterKeys = Object.keys(filters).filter(function (k) { return filters[k]; })
        .map(function (k) { return entry(m, FILTERS[k] + filters[k]); });
      return Promise.all([Promise.all(lookups), Promise.all(filterKeys)]).then(function (found) {
        var perWord = found[0], filtered = found[1];
        var scores = null, marks = [];
        perWord.forEach(function (hits) {
          var here = new Map();
          hits.forEach(function (hit) {
            marks.push(hit.stem);
            var ids = hit.entry.ids, ws = hit.entry.weights;
            var idf = Math.log(1 + m.stories / ids.length);
            for (var i = 0; i < ids.length; i++) {
              var s = weight(ws[i]) * idf;
              if (!(here.get(ids[i]) >= s)) here.set(ids[i], s);
            }
          });
          if (scores === null) { scores = here; return; }
          var both = new Map();
          scores.forEach(function (s, id) { if (here.has(id)) both.set(id, s + here.get(id)); });
          scores = both;
        });
        var allowed = null;
        for (var f of filtered) {
          var ids = new Set(f && f.ids ? f.ids : []);
          allowed = allowed === null ? ids : new Set(Array.from(allowed).filter(function (id) { return ids.has(id); }));
        }
        if (scores === null) {
          if (allowed === null) return { ids: [], marks: [], meta: m, asked: false };
          scores = new Map();
          allowed.forEach(function (id) { scores.set(id, 0); });
        } else if (allowed !== null) {
          scores.forEach(function (s, id) { if (!allowed.has(id)) scores.delete(id); });
        }
        var ids = Array.from(scores.keys());
        ids.sort(function (a, b) { return scores.get(b) - scores.get(a) || b - a; });
        return { ids: ids, marks: marks.concat(qwords), meta: m, asked: true };
      });
    });
  }

  function card(m, id) {
    var n = Math.floor(id / m.chunk);
    if (!chunks.has(n)) chunks.set(n, fetchJSON(m.chunks[n], false));
    return chunks.get(n).then(function (cards) { return cards[id % m.chunk]; });
  }
  // The standfirst as text, with the words the query found marked.
  function marked(text, marks) {
    var out = document.createDocumentFragment(), done = 0;
    for (var m of text.matchAll(WORD)) {
      var w = fold(m[0].replace(/['\u2019]/g, ""));
      var hit = marks.some(function (k) { return k.length > 1 ? w.startsWith(k) : w === k; });
      if (!hit) continue;
      out.append(text.slice(done, m.index));
      var mark = document.createElement("mark");
      mark.textContent = m[0];
      out.append(mark);
      done = m.index + m[0].length;
    }
    out.append(text.slice(done));
    return out;
  }
  function element(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  function show(c, marks) {
    var li = element("li", "result");
    var article = element("article", "card kind-" + c.kind + (c.photo ? " has-image" : ""));
    if (c.photo) {
      var img = element("img", "card-image result-photo");
      img.src = c.photo[0]; img.width = c.photo[1]; img.height = c.photo[2];
      img.alt = ""; img.loading = "lazy"; img.decoding = "async";
      article.append(img);
    }
    var text = element("div", "card-text");
    var kicker = element("p", "kicker", c.section);
    if (c.label) { kicker.append(" "); kicker.append(element("span", "kind-label", c.label)); }
    var h = element("h3", "card-title");
    var a = element("a", null, c.title);
    a.href = c.url;
    h.append(a);
    text.append(kicker, h);
    if (c.standfirst) {
      var p = element("p", "card-summary");
      p.append(marked(c.standfirst, marks));
      text.append(p);
    }
    var meta = element("p", "card-meta");
    var time = element("time", null, c.day);
    time.dateTime = c.date;
    meta.append(time);
    text.append(meta);
    article.append(text);
    li.append(article);
    return li;
  }

  var current = { ids: [], marks: [], shown: 0 };
  var asked = 0;
  function showMore() {
    var ask = asked, m = current.meta, from = current.shown;
    var ids = current.ids.slice(from, from + PAGE);
    current.shown = from + ids.length;
    return Promise.all(ids.map(function (id) { return card(m, id); })).then(function (cards) {
      if (ask !== asked) return;
      cards.forEach(function (c) { if (c) list.append(show(c, current.marks)); });
      more.hidden = current.shown >= current.ids.length;
    });
  }
  function said(query, filters, count) {
    var narrowed = Object.keys(filters).some(function (k) { return filters[k]; });
    var what = query.trim() ? "\u201c" + query.trim() + "\u201d" : "these filters";
    if (count === 0) return "No stories found for " + what + (narrowed ? " with these filters." : ".");
    return (count === 1 ? "1 story" : count.toLocaleString() + " stories") + " found for " + what +
      (narrowed && query.trim() ? ", with these filters." : ".");
  }
  function run() {
    var query = box.value;
    var filters = {};
    Object.keys(selects).forEach(function (k) { filters[k] = selects[k].value; });
    var ask = ++asked;
    return search(query, filters).then(function (r) {
      if (ask !== asked) return;
      list.textContent = "";
      current = { ids: r.ids, marks: r.marks, shown: 0, meta: r.meta };
      status.textContent = r.asked ? said(query, filters, r.ids.length) : "Type a word to search every story.";
      more.hidden = true;
      return showMore();
    }).catch(function (e) {
      if (ask !== asked) return;
      status.textContent = "Search is not available right now (" + e.message + ").";
    });
  }
  // The address carries the query and the filters, so that a search can be linked.
  function remember() {
    var params = new URLSearchParams();
    if (box.value) params.set("q", box.value);
    Object.keys(selects).forEach(function (k) { if (selects[k].value) params.set(k, selects[k].value); });
    var text = params.toString();
    history.replaceState(null, "", location.pathname + (text ? "?" + text : ""));
  }
  var timer = 0;
  box.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { remember(); run(); }, 60);
  });
  Object.keys(selects).forEach(function (k) {
    selects[k].addEventListener("change", function () { remember(); run(); });
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(timer);
    remember();
    run();
  });
  more.addEventListener("click", function () {
    var first = list.children.length;
    showMore().then(function () {
      var next = list.children[first];
      var link = next && next.querySelector("a");
      if (link) link.focus();
    });
  });
  var params = new URLSearchParams(location.search);
  box.value = params.get("q") || "";
  Object.keys(selects).forEach(function (k) {
    var v = params.get(k);
    if (v && Array.prototype.some.call(selects[k].options, function (o) { return o.value === v; })) selects[k].value = v;
  });
  run();
})();
