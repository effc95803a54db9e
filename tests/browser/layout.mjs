// The layout of a built site in a real browser: one page of every kind, at a desktop and a
// phone width, fails on what a reader would see as broken: the page scrolling sideways, text
// running out of its box, boxes overlapping, an image without width and height (the page
// jumps as it loads), a tap target under 24 px on the phone, or the first headline below the
// phone's first screen. Screenshots of every page checked are saved for a reviewer.
//
// usage: node tests/browser/layout.mjs PUBLIC_DIR [SHOTS_DIR]
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
const shots = path.resolve(process.argv[3] || 'target/layout');
fs.mkdirSync(shots, { recursive: true });

// One page of each kind (the body's class names it: `page-article`, `page-tag` ...), and of
// each kind the first page that shows an image too.
const pages = new Map();
const walk = (dir) => {
  for (const name of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    if (fs.statSync(file).isDirectory()) walk(file);
    else if (name.endsWith('.html')) {
      const html = fs.readFileSync(file, 'utf8');
      const kind = (html.match(/<body class="page-([a-z0-9-]+)/) || [])[1];
      if (!kind) continue;
      const url = '/' + path.relative(root, file).replace(/index\.html$/, '');
      if (!pages.has(kind)) pages.set(kind, url);
      if (html.includes('<img') && !pages.has(`${kind} with an image`) && pages.get(kind) !== url) pages.set(`${kind} with an image`, url);
    }
  }
};
walk(root);

const { server, base } = await serveFolder(root);

const { check, finish } = checks();

// What the page shows that is broken, measured in the page.
const inspect = (phone) => {
  const where = (el) => {
    const id = el.id ? `#${el.id}` : '';
    const cls = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '';
    const text = (el.textContent || el.getAttribute('alt') || '').trim().slice(0, 40);
    return `<${el.tagName.toLowerCase()}${id}${cls}> "${text}"`;
  };
  const visible = (el) => {
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    return s.display !== 'none' && s.visibility !== 'hidden' && r.width > 0 && r.height > 0;
  };
  // Inside a box that scrolls sideways on purpose (the phone's section line, a wide table).
  const inScroller = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const x = getComputedStyle(p).overflowX;
      if (x === 'auto' || x === 'scroll') return true;
    }
    return false;
  };
  const out = { overflow: [], text: [], overlap: [], images: [], targets: [], headline: [] };
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth + 1) out.overflow.push(`the page is ${doc.scrollWidth} px wide in a ${doc.clientWidth} px window`);

  const blocks = [...document.querySelectorAll('body *')].filter((el) => {
    const d = getComputedStyle(el).display;
    return d !== 'inline' && d !== 'contents' && visible(el) && !inScroller(el);
  });
  for (const el of blocks) {
    const s = getComputedStyle(el);
    if (s.overflowX !== 'visible' || ['IMG', 'SVG', 'svg', 'PRE', 'TABLE', 'SCRIPT'].includes(el.tagName)) continue;
    if (el.scrollWidth > el.clientWidth + 2 && el.clientWidth > 0) out.text.push(`${where(el)}: content ${el.scrollWidth} px in a ${el.clientWidth} px box`);
  }
  // Overlap: leaf boxes a reader reads or looks at, none inside another.
  const leaves = [...document.querySelectorAll('main h1, main h2, main h3, main p, main img, main figcaption, main time, header h1, header p, nav a, footer a')]
    .filter((el) => visible(el) && !inScroller(el));
  const rects = leaves.map((el) => el.getBoundingClientRect());
  for (let i = 0; i < leaves.length; i++) {
    for (let j = i + 1; j < leaves.length; j++) {
      if (leaves[i].contains(leaves[j]) || leaves[j].contains(leaves[i])) continue;
      const a = rects[i], b = rects[j];
      const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (x > 2 && y > 2) out.overlap.push(`${where(leaves[i])} and ${where(leaves[j])} overlap by ${Math.round(x)}x${Math.round(y)} px`);
    }
  }
  for (const img of document.querySelectorAll('img')) {
    if (!img.getAttribute('width') || !img.getAttribute('height')) out.images.push(`${where(img)} ${img.getAttribute('src')}: no width and height`);
  }
  if (phone) {
    // WCAG 2.2 target size: 24 px, except links inside a sentence.
    const inline = (a) => a.closest('p, li p, .story-body, .standfirst, .card-summary, figcaption, .profile-bio') && getComputedStyle(a).display === 'inline';
    for (const a of document.querySelectorAll('a, button, input, select, summary')) {
      if (!visible(a) || inline(a) || a.classList.contains('skip-link')) continue;
      const r = a.getBoundingClientRect();
      if (r.height < 24 && r.width < 24) out.targets.push(`${where(a)}: ${Math.round(r.width)}x${Math.round(r.height)} px`);
      else if (r.height < 24 && getComputedStyle(a).display !== 'inline') out.targets.push(`${where(a)}: ${Math.round(r.height)} px high`);
    }
    const first = document.querySelector('main h1, main h2');
    if (first && first.getBoundingClientRect().top > window.innerHeight) out.headline.push(`the first headline starts at ${Math.round(first.getBoundingClientRect().top)} px, below the first screen (${window.innerHeight} px)`);
  }
  return out;
};

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  for (const [width, height, phone] of [[1280, 900, false], [390, 844, true]]) {
    const page = await browser.newPage({ viewport: { width, height } });
    for (const [kind, url] of pages) {
      await page.goto(base + url, { waitUntil: 'load' });
      await page.screenshot({ path: path.join(shots, `${kind.replace(/ /g, '-')}-${width}.png`), fullPage: true });
      const found = await page.evaluate(inspect, phone);
      const name = `${kind} ${url} at ${width} px:`;
      check(`${name} no sideways scroll`, found.overflow);
      check(`${name} no text out of its box`, found.text);
      check(`${name} no overlapping boxes`, found.overlap);
      check(`${name} every image has a width and height`, found.images);
      if (phone) {
        check(`${name} tap targets of 24 px at least`, found.targets);
        check(`${name} the first headline on the first screen`, found.headline);
      }
    }
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`${pages.size} kinds of page: ${[...pages.keys()].join(', ')}; screenshots in ${shots}`);
finish();
