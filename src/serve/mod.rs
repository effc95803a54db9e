//! `serve`: the site in memory, rebuilt as files change, with browser tabs told what to
//! reload. One pipeline with `build`: the same model, plan, context and templates.

pub mod http;
pub mod live;
pub mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::broadcast;

use crate::diagnostics::printable;
use crate::progress::Progress;
use crate::site::LoadOptions;
use http::{Message, Shared};
use live::{LiveSite, Outcome};

/// What `newsdesk serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub site: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    /// What to show and as of when; `load.now` set previews the site as of that moment (the
    /// clock then stands still). Its base URL is the server's own address.
    pub load: LoadOptions,
    pub open: bool,
    /// Print only the problems: no line for each rebuild.
    pub quiet: bool,
}

/// Why the server did not run.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(
        "port {port} on {bind} is in use (another server is running there?); choose another with --port {next}"
    )]
    PortInUse { bind: IpAddr, port: u16, next: u16 },
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Runs the preview server until Ctrl-C. `first_build` is told what the first build does,
/// and dropped when it is done.
pub fn serve(options: ServeOptions, first_build: Box<dyn Progress>) -> Result<(), ServeError> {
    let address = SocketAddr::new(options.bind, options.port);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(address))
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AddrInUse => ServeError::PortInUse {
                bind: options.bind,
                port: options.port,
                next: options.port.wrapping_add(1),
            },
            _ => ServeError::Io(e),
        })?;
    let local = listener.local_addr()?;
    let load = LoadOptions {
        // The clock stands still between rebuilds, so that pages do not all change each second.
        now: Some(options.load.now.unwrap_or_else(jiff::Timestamp::now)),
        base_url: Some(format!("http://{local}")),
        ..options.load.clone()
    };
    let started = std::time::Instant::now();
    let live = LiveSite::open(&options.site, load, first_build.as_ref());
    drop(first_build);
    for d in live.warnings().iter().chain(live.errors()) {
        eprintln!("{d}");
    }
    if !live.errors().is_empty() {
        eprintln!(
            "the site has errors: the preview shows them over the page until the files are fixed"
        );
    }
    let (articles, pages) = live.counts();
    // Resolved from the site folder, which exists, so that a static/ made later is found too.
    let static_dir = options.site.canonicalize()?.join("static");
    let (events, _) = broadcast::channel(64);
    let shared = Arc::new(Shared {
        live: Mutex::new(live),
        events,
        static_dir,
        open: Mutex::new(Default::default()),
        hosts: options.bind.is_loopback().then(|| {
            let port = local.port();
            ["localhost", "127.0.0.1", "[::1]"]
                .iter()
                .flat_map(|h| [h.to_string(), format!("{h}:{port}")])
                .collect()
        }),
    });

    let (tx, rx) = mpsc::channel();
    let (ready_tx, ready) = mpsc::channel();
    let root = options.site.clone();
    std::thread::spawn(move || watch::watch(&root, tx, ready_tx));
    match ready.recv() {
        Ok(Ok(())) => {}
        Ok(Err(e)) => {
            return Err(ServeError::Io(std::io::Error::other(format!(
                "cannot watch {}: {e}",
                options.site.display()
            ))));
        }
        Err(_) => {
            return Err(ServeError::Io(std::io::Error::other(
                "the file watcher stopped",
            )));
        }
    }
    if !options.bind.is_loopback() {
        eprintln!(
            "warning: serving on {} makes the preview (drafts included, with --drafts) reachable from other machines",
            options.bind
        );
    }
    // Printed once everything is watched: a save from now on is seen.
    println!(
        "serving {articles} articles ({pages} pages) at http://{local}/ (ready in {} ms; Ctrl-C stops)",
        started.elapsed().as_millis()
    );
    let rebuilder = shared.clone();
    let clock_moves = options.load.now.is_none();
    let quiet = options.quiet;
    std::thread::spawn(move || rebuild_loop(&rebuilder, &rx, clock_moves, quiet));

    if options.open {
        open_browser(&format!("http://{local}/"));
    }
    let app = http::router(shared);
    runtime.block_on(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
    })?;
    Ok(())
}

/// Applies each burst of changes, tells the terminal and the tabs, and moves the clock when
/// a scheduled story goes live or one expires.
fn rebuild_loop(
    shared: &Shared,
    changes: &mpsc::Receiver<Vec<PathBuf>>,
    clock_moves: bool,
    quiet: bool,
) {
    loop {
        let next = shared
            .live
            .lock()
            .expect("live site lock")
            .next_moment()
            .filter(|_| clock_moves);
        let wait = next.map(|t| {
            let ms = (t.as_millisecond() - jiff::Timestamp::now().as_millisecond()).max(0) as u64;
            Duration::from_millis(ms + 1000)
        });
        let received = match wait {
            Some(wait) => changes.recv_timeout(wait),
            None => changes
                .recv()
                .map_err(|_| mpsc::RecvTimeoutError::Disconnected),
        };
        let mut live = shared.live.lock().expect("live site lock");
        let outcome = match received {
            Ok(paths) => live.apply(&paths),
            Err(mpsc::RecvTimeoutError::Timeout) => {
                let mut o = live.set_clock(jiff::Timestamp::now());
                o.files = vec![PathBuf::from(
                    "(the clock: a scheduled story went live or one expired)",
                )];
                o
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        };
        report(shared, &mut live, outcome, quiet);
    }
}

fn report(shared: &Shared, live: &mut LiveSite, outcome: Outcome, quiet: bool) {
    for d in live.warnings() {
        eprintln!("{d}");
    }
    let files = outcome
        .files
        .iter()
        .map(|f| printable(&f.to_string_lossy()).into_owned())
        .collect::<Vec<_>>()
        .join(", ");
    if let Some(message) = Shared::error_message(live) {
        eprintln!("{message}");
        eprintln!("rebuild failed ({files}); still serving the last good site");
        let _ = shared.events.send(Message::Error { message });
        return;
    }
    let open: Vec<String> = shared
        .open
        .lock()
        .expect("open tabs lock")
        .keys()
        .filter(|p| outcome.changed.contains(p))
        .cloned()
        .collect();
    let (same, failed) = live.render_now(&open);
    if !quiet {
        println!(
            "rebuilt {} pages in {} ms ({files})",
            outcome.changed.len(),
            outcome.millis
        );
    }
    // Tabs whose page rendered are told first; then every tab hears of the page that failed.
    let urls = outcome
        .changed
        .into_iter()
        .filter(|u| !same.contains(u) && !failed.iter().any(|(f, _)| f == u))
        .collect();
    let _ = shared.events.send(Message::Reload {
        urls,
        assets: outcome.assets,
    });
    if let Some((_, e)) = failed.first() {
        eprintln!("{e}");
        let _ = shared.events.send(Message::Error {
            message: e.to_string(),
        });
    }
}

/// Opens the preview in the desktop's browser (best effort).
fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(command)
        .arg(url)
        .spawn()
        .is_err()
    {
        eprintln!("warning: could not open a browser; open {url} yourself");
    }
}
