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
  // Every key starting with `prefix` (at most `most`): from the shard that holds the prefix,
  // then the next ones only while they start with it and fewer than `most` were found.
  function keysFrom(m, prefix, most) {
    var keys = [];
    function from(n) {
      return shard(m, n).then(function (entries) {
        entries.forEach(function (e, key) {
          if (keys.length < most && key.startsWith(prefix)) keys.push([key, e]);
        });
        var next = n + 1;
        if (keys.length < most && next < m.shards.length && m.shards[next][0].startsWith(prefix)) return from(next);
        return keys;
      });
    }
    return from(shardOf(m, prefix));
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
  // How much a story is about a word. The labels (headline 6, standfirst 3, tags, places and
  // bylines 3) say much the same thing twice, a standfirst restating its headline: the best
  // of them counts, the others a tenth (a "best field" score). How often the text uses the
  // word is added on top: 1 + ln(count).
  function weight(w) {
    var labels = [w & 0x80 ? 6 : 0, w & 0x40 ? 3 : 0, w & 0x20 ? 3 : 0];
    var best = Math.max.apply(null, labels);
    var rest = labels.reduce(function (a, b) { return a + b; }, 0) - best;
    var tf = w & 0x1f;
    return best + rest / 10 + (tf ? 1 + Math.log(tf) : 0);
  }
  var WEIGHT = new Float64Array(256);
  for (var w = 0; w < 256; w++) WEIGHT[w] = weight(w);

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
        // Scores in arrays by story number: a story's score is the sum over the query's
        // words of its best score among the word's forms; `have` counts the words it has.
        var n = m.stories, marks = [];
        var total = new Float64Array(n), have = new Uint8Array(n), best = new Float64Array(n);
        perWord.forEach(function (hits, w) {
          best.fill(-1);
          hits.forEach(function (hit) {
            marks.push(hit.stem);
            var ids = hit.entry.ids, ws = hit.entry.weights;
            var idf = Math.log(1 + n / ids.length);
            for (var i = 0; i < ids.length; i++) {
              var s = WEIGHT[ws[i]] * idf;
              if (s > best[ids[i]]) best[ids[i]] = s;
            }
          });
          for (var id = 0; id < n; id++) {
            if (best[id] >= 0 && have[id] === w) { have[id] = w + 1; total[id] += best[id]; }
          }
        });
        var need = perWord.length;
        var allowed = null;
        filtered.forEach(function (f) {
          var here = new Uint8Array(n);
          if (f && f.ids) for (var i = 0; i < f.ids.length; i++) here[f.ids[i]] = 1;
          if (allowed) for (var id = 0; id < n; id++) allowed[id] &= here[id];
          else allowed = here;
        });
        if (need === 0 && allowed === null) return { ids: [], marks: [], meta: m, asked: false };
        var ids = [];
        for (var id = 0; id < n; id++) {
          if (have[id] === need && (allowed === null || allowed[id])) ids.push(id);
        }
        ids.sort(function (a, b) { return total[b] - total[a] || b - a; });
        return { ids: ids, marks: marks.concat(qwords), meta: m, asked: true };
      });
    });
  }

  function card(m, id) {
    var n = Math.floor(id / m.chunk);
    if (!chunks.has(n)) chunks.set(n, fetchJSON("d/" + n + "-" + m.chunks[n] + ".json", false));
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
  // The next page of results. Their cards are fetched at once and shown in rank order as
  // they arrive; `first` is called when the first of them is in the list (or there is none).
  function showMore(first) {
    var ask = asked, m = current.meta, from = current.shown;
    var ids = current.ids.slice(from, from + PAGE);
    current.shown = from + ids.length;
    var cards = ids.map(function (id) { return card(m, id); });
    var told = false;
    function tell() { if (!told && first) { told = true; first(); } }
    var shown = cards.reduce(function (before, next) {
      return before.then(function () { return next; }).then(function (c) {
        if (ask !== asked) return;
        if (c) list.append(show(c, current.marks));
        tell();
      });
    }, Promise.resolve());
    return shown.then(function () {
      if (ask !== asked) return;
      tell();
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
      more.hidden = true;
      // The count is said once the first card is in the list, so that a screen reader that
      // hears it finds the results there.
      return showMore(function () {
        if (ask !== asked) return;
        status.textContent = r.asked ? said(query, filters, r.ids.length) : "Type a word to search every story.";
      });
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
