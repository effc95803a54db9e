// The photos of a built site in a real browser, judged by the browser's own network log: an
// article page with a lead photo downloads exactly one copy of it, the one its `sizes` asks
// for on that screen (a phone, a phone at twice the density, a desktop), never the photo's
// own file; every image has a width and height, the lead is fetched first-class
// (fetchpriority="high", not lazy) and lazy images far below the first screen wait for the
// reader to scroll; the phone's first load stays under 250 KB of images; no request leaves
// the site and no image request fails.
//
// usage: node tests/browser/photos.mjs PUBLIC_DIR
// env:   NODE_MODULES  a node_modules folder with playwright-core
//        CHROMIUM      the browser (default /usr/bin/chromium)
// Prints "N passed, N failed" last; exits 0 only when every check passed.
import { createRequire } from 'module';
import fs from 'fs';
import path from 'path';
import { checks, serveFolder } from './common.mjs';

const require = createRequire(process.env.NODE_MODULES ? path.join(process.env.NODE_MODULES, 'x.js') : import.meta.url);
const { chromium } = require('playwright-core');
const root = path.resolve(process.argv[2] || 'public');
const MAX_PAGES = 10;
const PHONE_BUDGET = 250 * 1000; // bytes of images on a phone's first load of an article

// Article pages with a lead photo: `figure.story-figure` holding a `<picture>`.
const attr = (tag, name) => (tag.match(new RegExp(`\\s${name}="([^"]*)"`)) || [])[1];
const pages = [];
const walk = (dir) => {
  for (const name of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    if (fs.statSync(file).isDirectory()) walk(file);
    else if (name === 'index.html' && pages.length < MAX_PAGES) {
      const html = fs.readFileSync(file, 'utf8');
      const figure = (html.match(/<figure class="story-figure">([\s\S]*?)<\/figure>/) || [])[1];
      const picture = figure && (figure.match(/<picture>([\s\S]*?)<\/picture>/) || [])[1];
      if (!picture) continue;
      const img = (picture.match(/<img\s[^>]*>/) || [])[0];
      const sources = picture.match(/<source\s[^>]*>/g) || [];
      if (!img) continue;
      const url = '/' + path.relative(root, file).replace(/index\.html$/, '');
      pages.push({
        url,
        img: { src: attr(img, 'src'), srcset: attr(img, 'srcset'), sizes: attr(img, 'sizes') },
        sources: sources.map((s) => ({ type: attr(s, 'type'), media: attr(s, 'media'), srcset: attr(s, 'srcset'), sizes: attr(s, 'sizes') })),
      });
    }
  }
};
walk(root);

// The browser's rule, applied here: font-relative units in `sizes` and media conditions are
// the initial font size (16 px), vw a hundredth of the viewport; the slot is the first entry
// whose condition matches; the copy is the smallest candidate at least slot x DPR wide (the
// largest when none is).
const length = (text, vw) => {
  text = text.trim();
  const calc = text.match(/^calc\((.*)\)$/);
  if (calc) {
    const terms = calc[1].trim().split(/\s+([+-])\s+/);
    let total = length(terms[0], vw);
    for (let i = 1; i < terms.length; i += 2) total += (terms[i] === '+' ? 1 : -1) * length(terms[i + 1], vw);
    return total;
  }
  const m = text.match(/^(-?[\d.]+)(px|rem|em|vw)?$/);
  if (!m) throw new Error(`a length this script does not know: ${text}`);
  const n = parseFloat(m[1]);
  return { px: n, rem: n * 16, em: n * 16, vw: n * vw / 100 }[m[2] || 'px'];
};
const matches = (condition, vw) => !condition || condition.split(/\s+and\s+/).every((part) => {
  const m = part.trim().match(/^\(\s*(min|max)-width\s*:\s*([^)]+)\)$/);
  if (!m) throw new Error(`a media condition this script does not know: ${part}`);
  return m[1] === 'min' ? vw >= length(m[2], vw) : vw <= length(m[2], vw);
});
const slot = (sizes, vw) => {
  if (!sizes) return vw;
  for (const entry of sizes.split(',')) {
    const m = entry.trim().match(/^(.*?)\s*(calc\(.*\)|[-\d.]+[a-z]*)$/);
    if (!m) throw new Error(`a sizes entry this script does not know: ${entry}`);
    if (matches(m[1], vw)) return length(m[2], vw);
  }
  return vw;
};
const candidates = (srcset) => srcset.split(',').map((c) => c.trim().split(/\s+/)).map(([url, w]) => ({ url, w: parseInt(w, 10) })).sort((a, b) => a.w - b.w);
const supported = new Set(['image/webp', 'image/avif', 'image/jpeg', 'image/png', 'image/gif']);
const expected = (lead, vw, dpr) => {
  const source = lead.sources.find((s) => (!s.type || supported.has(s.type)) && matches(s.media, vw));
  const chosen = source || lead.img;
  const set = candidates(chosen.srcset || `${lead.img.src} 1w`);
  const need = slot(chosen.sizes || lead.img.sizes, vw) * dpr;
  const copy = set.find((c) => c.w >= need) || set[set.length - 1];
  return { ...copy, slot: slot(chosen.sizes || lead.img.sizes, vw), need, type: source ? source.type : 'the <img>' };
};
// A copy of the photo: `DIR/NAME.HASH.ANYTHING.EXT`; the photo's own file is `DIR/NAME.EXT`.
const photoOf = (url) => (url.match(/^(.*)\.[0-9a-f]{8}\.[^/]+$/) || [])[1];
const isCopyOf = (name, pathname) => pathname.startsWith(`${name}.`) && (/^\.[0-9a-f]{8}\./.test(pathname.slice(name.length)) || /^\.[a-z0-9]+$/i.test(pathname.slice(name.length)));

const { server, base } = await serveFolder(root);

const { check, fail, finish } = checks();
const local = (url) => (url.startsWith(base) ? url.slice(base.length) : url);
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;

// One fresh context per screen (no copy of the photo in the cache from another screen), and
// the browser's log of every request of the page's load.
const load = async (browser, url, width, height, dpr) => {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: dpr });
  const page = await context.newPage();
  const log = [];
  page.on('request', (request) => log.push({ request, url: request.url(), type: request.resourceType(), done: null }));
  page.on('requestfinished', (request) => { const e = log.find((x) => x.request === request); if (e) e.done = request.sizes().then((s) => ({ ok: true, bytes: s.responseBodySize }), () => ({ ok: true, bytes: 0 })); });
  page.on('requestfailed', (request) => { const e = log.find((x) => x.request === request); if (e) e.done = Promise.resolve({ ok: false, error: request.failure()?.errorText }); });
  await page.goto(base + url, { waitUntil: 'networkidle' });
  const settle = async () => {
    for (const e of log) {
      if (e.status === undefined) e.status = (await e.request.response())?.status() ?? null;
      if (e.done) Object.assign(e, await e.done);
    }
  };
  await settle();
  return { context, page, log, settle };
};

// The page's log, judged: the lead photo's copies fetched, requests off the site, image
// requests that failed.
const leadCopies = (log, name) => log.filter((e) => e.type === 'image' && e.url.startsWith(base) && isCopyOf(name, new URL(e.url).pathname));
const offSite = (log) => log.filter((e) => !e.url.startsWith(base + '/')).map((e) => `${e.type} ${e.url}`);
const badImages = (log) => log.filter((e) => e.type === 'image' && (e.status !== 200 || e.ok === false)).map((e) => `${local(e.url)}: ${e.ok === false ? e.error : `status ${e.status}`}`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  for (const lead of pages) {
    const name = photoOf(lead.img.src);
    for (const [label, width, height, dpr] of [['phone', 390, 844, 1], ['desktop', 1280, 800, 1], ['phone 2x', 390, 844, 2]]) {
      const want = expected(lead, width, dpr);
      const { context, page, log, settle } = await load(browser, lead.url, width, height, dpr);
      const at = `${lead.url} at ${label} ${width}x${height} DPR ${dpr}:`;
      try {
        // 1-3. One copy of the lead photo, the one `sizes` asks for.
        const fetched = leadCopies(log, name).map((e) => new URL(e.url).pathname);
        const problems = [];
        if (!name) problems.push(`the lead's src ${lead.img.src} is not a copy named NAME.HASH.WIDTH.EXT`);
        if (!fetched.includes(want.url)) problems.push(`expected ${want.url} (${want.w}w ${want.type} for a ${want.slot} px slot x ${dpr} = ${want.need} px), not fetched`);
        const others = fetched.filter((u) => u !== want.url);
        for (const u of others) problems.push(`also fetched ${u}${/^\.[a-z0-9]+$/i.test(u.slice(name.length)) ? " (the photo's own file, its largest copy)" : ''}`);
        if (fetched.length > 1 && others.length === 0) problems.push(`fetched ${want.url} ${fetched.length} times`);
        const current = await page.evaluate(() => { const img = document.querySelector('figure.story-figure picture img'); return img && new URL(img.currentSrc, location.href).pathname; });
        if (current !== want.url) problems.push(`the browser shows ${current}, not ${want.url}`);
        check(`${at} one copy of the lead photo, ${want.url} (${want.w}w for ${want.need} px)${fetched.length ? `; fetched ${fetched.join(', ')}` : ''}`, problems);

        if (label === 'phone') {
          // 4. Markup: every image's box is known before it loads; the lead is first-class.
          const found = await page.evaluate(() => {
            const out = { sizes: [], lead: [], lazy: [] };
            for (const img of document.querySelectorAll('img')) {
              if (!img.getAttribute('width') || !img.getAttribute('height')) out.sizes.push(`${img.getAttribute('src')}: no width and height`);
            }
            const lead = document.querySelector('figure.story-figure picture img');
            if (!lead) out.lead.push('no figure.story-figure picture img');
            else {
              if (lead.getAttribute('fetchpriority') !== 'high') out.lead.push(`fetchpriority="${lead.getAttribute('fetchpriority')}", not "high"`);
              if (lead.getAttribute('loading') === 'lazy') out.lead.push('loading="lazy" on the lead photo');
            }
            // Lazy images far below the first screen (beyond Chromium's widest lazy-load margin).
            const scroll = window.scrollY;
            for (const img of document.querySelectorAll('img[loading="lazy"]')) {
              const top = img.getBoundingClientRect().top + scroll;
              if (top > window.innerHeight + 3000) {
                const urls = [img.getAttribute('src'), ...[img, ...(img.parentElement?.tagName === 'PICTURE' ? img.parentElement.querySelectorAll('source') : [])]
                  .flatMap((el) => (el.getAttribute('srcset') || '').split(',').map((c) => c.trim().split(/\s+/)[0]).filter(Boolean))]
                  .map((u) => new URL(u, location.href).pathname);
                out.lazy.push({ top: Math.round(top), urls, index: [...document.querySelectorAll('img')].indexOf(img) });
              }
            }
            return out;
          });
          check(`${at} every <img> has a width and height`, found.sizes);
          check(`${at} the lead <img> has fetchpriority="high" and is not lazy`, found.lead);

          const images = log.filter((e) => e.type === 'image');
          const bytes = images.reduce((n, e) => n + (e.bytes || 0), 0);
          check(`${at} ${kb(bytes)} of images on first load (${images.length} requests), under ${kb(PHONE_BUDGET)}`, bytes < PHONE_BUDGET ? [] : [`${images.map((e) => `${local(e.url)} ${kb(e.bytes || 0)}`).join(', ')}`]);

          if (found.lazy.length === 0) console.log(`-    ${at} no lazy image far below the first screen to hold back`);
          else {
            const early = found.lazy.flatMap((l) => log.filter((e) => l.urls.includes(new URL(e.url).pathname)).map((e) => `${local(e.url)} (at ${l.top} px) fetched before scrolling`));
            check(`${at} ${found.lazy.length} lazy image(s) far below the first screen not fetched before scrolling`, early);
            // And fetched once the reader gets there.
            const before = log.length;
            for (const l of found.lazy) {
              await page.evaluate((i) => document.querySelectorAll('img')[i].scrollIntoView(), l.index);
              await page.waitForTimeout(300);
            }
            await page.waitForLoadState('networkidle');
            await settle();
            const later = log.slice(before).map((e) => new URL(e.url).pathname);
            const missing = found.lazy.filter((l) => !l.urls.some((u) => later.includes(u))).map((l) => `the lazy image at ${l.top} px (${l.urls[0]}) not fetched after scrolling to it`);
            check(`${at} the lazy images are fetched once scrolled to`, missing);
          }
        }

        // 5. Nothing from elsewhere; every image request answered 200.
        await settle();
        check(`${at} every request to ${base} (${log.length} requests)`, offSite(log));
        check(`${at} every image request answered 200 (${log.filter((e) => e.type === 'image').length} images)`, badImages(log));
      } finally {
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`${pages.length} article pages with a lead photo${pages.length === MAX_PAGES ? ` (the first ${MAX_PAGES})` : ''}: ${pages.map((p) => p.url).join(', ')}`);
if (pages.length === 0) fail('no article page with a lead photo (figure.story-figure with a <picture>) found');
finish();
