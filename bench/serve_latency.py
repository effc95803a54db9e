#!/usr/bin/env python3
"""Measure `newsdesk serve` on a synthetic site: the time from saving an article to the
reload message naming its page (median and 95th percentile over N edits), and the server's
resident memory.

usage: bench/serve_latency.py [--articles 10000] [--edits 20] [--change body|title|tag] [--bin BIN]

The corpus comes from ../shared/bench/gen_corpus.py and lives in /dev/shm. Each edit
changes one sentence of a different article's body, as a reporter fixing a line would,
then waits for the server's reload message that names that article's page.
"""
import argparse, http.client, json, os, random, shutil, socket, statistics, subprocess, sys, threading, time, queue

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.environ.get("SHARED", os.path.join(os.path.dirname(ROOT), "shared"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mib(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    kib = lambda k: int(fields[k].split()[0]) / 1024
    return kib("VmRSS"), kib("VmHWM")


def listen(port, messages):
    conn = http.client.HTTPConnection("127.0.0.1", port)
    conn.request("GET", "/__newsdesk/events?path=/")
    resp = conn.getresponse()
    while True:
        line = resp.fp.readline()
        if not line:
            return
        line = line.decode().strip()
        if line.startswith("data: "):
            messages.put((time.perf_counter(), json.loads(line[6:])))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("--bin", default=os.path.join(ROOT, "target/release/newsdesk"))
    ap.add_argument("--change", choices=["body", "title", "tag"], default="body",
                    help="what each edit changes: a line of the body (default), the headline, or the tags (a new tag)")
    a = ap.parse_args()

    site = f"/dev/shm/newsdesk-serve-bench-{a.articles}"
    if not os.path.exists(os.path.join(site, ".done")):
        shutil.rmtree(site, ignore_errors=True)
        subprocess.run([sys.executable, os.path.join(SHARED, "bench/gen_corpus.py"), site, "--articles", str(a.articles)], check=True)
        with open(os.path.join(site, "site.toml"), "w") as f:
            f.write('title = "Bench News"\nbase_url = "https://news.example.org"\nper_page = 20\nfeed_items = 20\n')
        open(os.path.join(site, ".done"), "w").close()

    port = free_port()
    started = time.perf_counter()
    server = subprocess.Popen([a.bin, "serve", "--site", site, "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    first = server.stdout.readline().strip()
    ready = time.perf_counter() - started
    print(first)
    threading.Thread(target=lambda: [None for _ in server.stdout], daemon=True).start()
    try:
        messages = queue.Queue()
        threading.Thread(target=listen, args=(port, messages), daemon=True).start()
        assert messages.get(timeout=30)[1]["type"] == "hello"
        files = sorted(os.path.join(d, f) for d, _, fs in os.walk(os.path.join(site, "content")) for f in fs if f.endswith(".md"))
        rng = random.Random(7)
        run = os.getpid()  # edits of earlier runs are in the files too: make each one new
        latencies = []
        for n in range(a.edits):
            path = rng.choice(files)
            text = open(path, encoding="utf-8").read()
            # The article's page: its slug is the file name, its date in the front matter.
            date = next(l for l in text.splitlines() if l.startswith("date = "))[7:17]
            url = f"/{date[0:4]}/{date[5:7]}/{date[8:10]}/{os.path.basename(path)[:-3]}/"
            if a.change == "body":
                edited = text.rstrip("\n") + f"\n\nEdit {run}-{n}: a line the reporter added.\n"
            elif a.change == "title":
                edited = text.replace('title = "', f'title = "Edit {run}-{n}: ', 1)
            else:
                edited = text.replace('tags = [', f'tags = ["Bench tag {run}-{n}", ', 1)
            while not messages.empty():
                messages.get_nowait()
            t0 = time.perf_counter()
            with open(path, "w", encoding="utf-8") as f:
                f.write(edited)
            while True:
                at, msg = messages.get(timeout=30)
                if msg.get("type") == "reload" and url in msg.get("urls", []):
                    latencies.append((at - t0) * 1000)
                    break
                if os.environ.get("DEBUG"): print("message", msg.get("type"), len(msg.get("urls", [])), url in msg.get("urls", []))
                if msg.get("type") == "error":
                    raise SystemExit(f"the server reported an error: {msg}")
            time.sleep(0.2)
        rss, peak = rss_mib(server.pid)
        latencies.sort()
        p95 = latencies[min(len(latencies) - 1, int(round(0.95 * len(latencies))) - 1)]
        print(f"articles: {a.articles}  edits: {a.edits} ({a.change})  server ready in {ready:.2f} s")
        print(f"save -> reload message: median {statistics.median(latencies):.1f} ms, p95 {p95:.1f} ms, max {latencies[-1]:.1f} ms")
        print(f"server memory: {rss:.0f} MiB resident, peak {peak:.0f} MiB")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
