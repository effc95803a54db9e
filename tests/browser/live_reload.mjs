// A real browser on `newsdesk serve`: an article's tab reloads by itself when its file is
// saved, and a stylesheet edit restyles the page without a reload.
//
// usage: node tests/browser/live_reload.mjs NEWSDESK_BIN
// env:   NODE_MODULES  a node_modules folder with playwright-core
//        CHROMIUM      the browser (default /usr/bin/chromium)
// Prints "N passed, N failed" last; exits 0 only when every check passed.
import { createRequire } from 'module';
import { spawn } from 'child_process';
import fs from 'fs';
import net from 'net';
import os from 'os';
import path from 'path';

const require = createRequire(process.env.NODE_MODULES ? path.join(process.env.NODE_MODULES, 'x.js') : import.meta.url);
const { chromium } = require('playwright-core');
const bin = path.resolve(process.argv[2] || 'target/release/newsdesk');

const site = fs.mkdtempSync(path.join(os.tmpdir(), 'newsdesk-browser-'));
const write = (rel, text) => { fs.mkdirSync(path.dirname(path.join(site, rel)), { recursive: true }); fs.writeFileSync(path.join(site, rel), text); };
const story = (body) => `+++\ntitle = "Lachin talks resume"\ndate = 2025-05-28T18:30:00+04:00\nbyline = "News Desk"\ntags = ["Diplomacy"]\n+++\nBAKU: ${body}\n`;
write('content/world/2025-05-28-lachin.md', story('Talks resumed on Wednesday.'));
write('static/style.css', 'body { background: rgb(255, 255, 255); }\n');

const port = await new Promise((resolve) => { const s = net.createServer(); s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); }); });
const server = spawn(bin, ['serve', '--site', site, '--port', String(port)], { stdio: ['ignore', 'inherit', 'inherit'] });
for (let i = 0; i < 100; i++) {
  const up = await new Promise((resolve) => { const c = net.connect(port, '127.0.0.1', () => { c.end(); resolve(true); }); c.on('error', () => resolve(false)); });
  if (up) break;
  await new Promise((r) => setTimeout(r, 100));
}

let passed = 0, failed = 0;
const check = (name, ok, detail = '') => { if (ok) { passed++; console.log(`ok   ${name}`); } else { failed++; console.log(`FAIL ${name} ${detail}`); } };

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-live-'));
const browser = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/2025/05/28/lachin/`, { waitUntil: 'load' });
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.includes('/__newsdesk/events')), null, { timeout: 5000 }).catch(() => {});
  await page.waitForTimeout(300);
  check('the article is shown', (await page.textContent('main')).includes('Talks resumed on Wednesday.'));

  // A save of the article's file: the tab reloads by itself and shows the new text.
  await page.evaluate(() => { window.__marker = 'before'; });
  const t0 = Date.now();
  write('content/world/2025-05-28-lachin.md', story('Talks resumed on Wednesday and ended on Thursday.'));
  const reloaded = await page.waitForFunction(() => document.body.innerText.includes('ended on Thursday'), null, { timeout: 10000 }).then(() => true, () => false);
  check('the page reloads by itself and shows the saved text', reloaded, `(${Date.now() - t0} ms)`);
  check('it was a reload', await page.evaluate(() => window.__marker === undefined));

  // A stylesheet edit: the style changes, the page is not reloaded.
  await page.evaluate(() => { window.__marker = 'kept'; });
  write('static/style.css', 'body { background: rgb(250, 240, 200); }\n');
  const restyled = await page.waitForFunction(() => getComputedStyle(document.body).backgroundColor === 'rgb(250, 240, 200)', null, { timeout: 10000 }).then(() => true, () => false);
  check('a stylesheet edit restyles the page', restyled);
  check('without a reload', await page.evaluate(() => window.__marker === 'kept'));

  // A broken save shows the error over the page; fixing the file clears it.
  write('content/world/2025-05-28-lachin.md', '+++\ntitle = "Lachin talks resume\ndate = 2025-05-28\n+++\nBroken\n');
  const shown = await page.waitForSelector('#newsdesk-error', { timeout: 10000 }).then(() => true, () => false);
  check('an error shows over the page', shown);
  check('the error names the file and line', shown && (await page.textContent('#newsdesk-error')).includes('2025-05-28-lachin.md:2'));
  // The overlay hides the page under it, and its message wraps inside it, at a phone's width too.
  const looks = await page.evaluate(() => {
    const o = document.querySelector('#newsdesk-error');
    const pre = o.querySelector('pre');
    return { background: getComputedStyle(o).backgroundColor, fits: pre.scrollWidth <= o.clientWidth };
  });
  check('the error overlay is opaque', looks.background === 'rgb(20, 20, 20)', looks.background);
  await page.setViewportSize({ width: 390, height: 800 });
  check('its message fits a phone', await page.evaluate(() => {
    const o = document.querySelector('#newsdesk-error');
    return o.querySelector('pre').scrollWidth <= o.clientWidth;
  }));
  await page.setViewportSize({ width: 1280, height: 800 });
  write('content/world/2025-05-28-lachin.md', story('Talks are over.'));
  const cleared = await page.waitForFunction(() => document.body.innerText.includes('Talks are over.') && !document.querySelector('#newsdesk-error'), null, { timeout: 10000 }).then(() => true, () => false);
  check('fixing the file clears the error', cleared);
} finally {
  await browser.close();
  server.kill();
  fs.rmSync(userDataDir, { recursive: true, force: true });
  fs.rmSync(site, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
