// What the browser checks of a built site share: a small server of the built folder, and the
// "ok" / "FAIL" lines with their count.
import fs from 'fs';
import http from 'http';
import path from 'path';

const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.avif': 'image/avif', '.gif': 'image/gif', '.svg': 'image/svg+xml', '.xml': 'application/xml', '.json': 'application/json' };

// Serves the folder `root` on a free port of 127.0.0.1, as a static host serves a site:
// `/x/` is `/x/index.html`. Returns the server and its address.
export async function serveFolder(root) {
  const server = http.createServer((req, res) => {
    let file = path.join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (!file.startsWith(root)) { res.writeHead(403); return res.end(); }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) { res.writeHead(404); return res.end(); }
    res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, base: `http://127.0.0.1:${server.address().port}` };
}

// Checks by name: `check(name, problems)` prints "ok" or "FAIL" with the first problems;
// `fail(line)` counts a failure said in a line of its own; `finish()` prints the count and
// ends the process, with 0 only when every check passed.
export function checks() {
  let passed = 0, failed = 0;
  return {
    check(name, problems) {
      if (problems.length === 0) { passed++; console.log(`ok   ${name}`); }
      else { failed++; console.log(`FAIL ${name}\n       ${problems.slice(0, 5).join('\n       ')}${problems.length > 5 ? `\n       ... and ${problems.length - 5} more` : ''}`); }
    },
    fail(line) { failed++; console.log(`FAIL ${line}`); },
    finish() {
      console.log(`${passed} passed, ${failed} failed`);
      process.exit(failed ? 1 : 0);
    },
  };
}
