//! The preview's HTTP side: pages from the live site, files from static/, and the reload
//! channel (server-sent events at `/__newsdesk/events`).

use std::collections::HashMap;
use std::convert::Infallible;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Serialize;
use tokio::sync::broadcast;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

use super::live::{LiveSite, Served};

/// The script that reloads tabs, served at `/__newsdesk/reload.js`.
const RELOAD_JS: &str = include_str!("reload.js");

/// What the server tells open tabs.
#[derive(Serialize, Clone, Debug)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Message {
    /// The first message on every connection: from now on the tab hears of every change.
    /// `generation` counts the rebuilds so far; a tab whose page is older reloads.
    Hello { generation: u64 },
    /// A good rebuild: the URLs whose pages changed and the static files that changed.
    Reload {
        urls: Vec<String>,
        assets: Vec<String>,
    },
    /// A failed rebuild: what went wrong, to show over the page.
    Error { message: String },
}

/// Everything the handlers share.
pub struct Shared {
    pub live: Mutex<LiveSite>,
    pub events: broadcast::Sender<Message>,
    /// The site's static/ folder, resolved, for containment checks.
    pub static_dir: PathBuf,
    /// The paths open in browser tabs, with how many tabs show each.
    pub open: Mutex<HashMap<String, usize>>,
    /// The `Host` names a request may carry when the server listens on loopback only, so
    /// that a web page cannot read the preview through a name of its own (DNS rebinding);
    /// `None` when the server was asked to listen on other addresses.
    pub hosts: Option<Vec<String>>,
}

impl Shared {
    /// The error message for the overlay, if the last rebuild failed.
    pub fn error_message(live: &LiveSite) -> Option<String> {
        let errors = live.errors();
        (!errors.is_empty()).then(|| {
            errors
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        })
    }
}

/// The router of the preview server.
pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/__newsdesk/events", get(events))
        .route("/__newsdesk/stats", get(stats))
        .route(
            "/__newsdesk/reload.js",
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
                    RELOAD_JS,
                )
            }),
        )
        .fallback(site)
        .layer(axum::middleware::from_fn_with_state(
            shared.clone(),
            check_host,
        ))
        .with_state(shared)
}

/// Refuses requests for a host name other than the loopback ones.
async fn check_host(
    State(shared): State<Arc<Shared>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    if let Some(hosts) = &shared.hosts {
        let host = request
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("");
        if !hosts.iter().any(|h| h == host) {
            return (
                StatusCode::FORBIDDEN,
                "this preview answers only to localhost\n",
            )
                .into_response();
        }
    }
    next.run(request).await
}

/// Keeps the count of tabs showing a path while their event stream lives.
struct OpenTab {
    shared: Arc<Shared>,
    path: String,
}

impl Drop for OpenTab {
    fn drop(&mut self) {
        let mut open = self.shared.open.lock().expect("open tabs lock");
        if let Some(n) = open.get_mut(&self.path) {
            *n -= 1;
            if *n == 0 {
                open.remove(&self.path);
            }
        }
    }
}

async fn events(
    State(shared): State<Arc<Shared>>,
    Query(query): Query<HashMap<String, String>>,
) -> impl IntoResponse {
    let path = query
        .get("path")
        .cloned()
        .unwrap_or_else(|| "/".to_string());
    *shared
        .open
        .lock()
        .expect("open tabs lock")
        .entry(path.clone())
        .or_default() += 1;
    let tab = OpenTab {
        shared: shared.clone(),
        path,
    };
    // Subscribed before the hello is sent, so that no change falls between the two.
    let updates = BroadcastStream::new(shared.events.subscribe())
        .filter_map(|m| m.ok())
        .map(Ok::<_, Infallible>);
    let live = shared.clone();
    let (generation, current) = tokio::task::spawn_blocking(move || {
        let live = live.live.lock().expect("live site lock");
        (live.generation, Shared::error_message(&live))
    })
    .await
    .unwrap_or_default();
    let current = current.map(|message| Message::Error { message });
    let first = tokio_stream::iter(
        std::iter::once(Message::Hello { generation })
            .chain(current)
            .map(Ok::<_, Infallible>),
    );
    let stream = first.chain(updates).map(move |m| {
        let _keep = &tab;
        m.map(|m| Event::default().data(serde_json::to_string(&m).unwrap_or_default()))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

async fn stats(State(shared): State<Arc<Shared>>) -> impl IntoResponse {
    let body = tokio::task::spawn_blocking(move || stats_json(&shared))
        .await
        .unwrap_or_default();
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
}

fn stats_json(shared: &Shared) -> String {
    let live = shared.live.lock().expect("live site lock");
    let (articles, pages) = live.counts();
    let body = serde_json::json!({
        "articles": articles,
        "pages": pages,
        "renders": live.render_counts(),
        "errors": live.errors().iter().map(|d| d.to_string()).collect::<Vec<_>>(),
    });
    body.to_string()
}

/// Pages, then photos, the search index and static files, then 404. GET and HEAD only.
async fn site(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
            "GET and HEAD only\n",
        )
            .into_response();
    }
    let Some(path) = clean_path(uri.path()) else {
        return (StatusCode::BAD_REQUEST, "bad path\n").into_response();
    };
    let shared2 = shared.clone();
    let result = tokio::task::spawn_blocking(move || lookup(&shared2, &path)).await;
    match result {
        Ok(response) => response,
        Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "the server failed\n").into_response(),
    }
}

fn lookup(shared: &Shared, path: &str) -> Response {
    let mut live = shared.live.lock().expect("live site lock");
    match live.page(path) {
        Some(Ok(served)) => {
            let banner = live.banner(path);
            return respond(served, banner.as_deref(), Some(live.generation));
        }
        Some(Err(failed)) => {
            // The terminal hears of each render error once; every tab shows it over the
            // page as it last rendered (or over a plain page when it never did).
            if failed.first_time {
                eprintln!("{}", failed.error);
            }
            if let Some(message) = Shared::error_message(&live) {
                let _ = shared.events.send(Message::Error { message });
            }
            let served = failed.last_good.unwrap_or_else(|| {
                let page = format!(
                    "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Template error</title></head><body style=\"margin:0;padding:1.5rem;font:16px/1.5 system-ui,sans-serif\"><main><h1>This page could not be rendered</h1><pre style=\"white-space:pre-wrap;overflow-wrap:anywhere;max-width:100%\">{}</pre></main></body></html>",
                    html_escape(&failed.error.to_string())
                );
                Served {
                    body: Arc::new(page.into_bytes()),
                    content_type: "text/html; charset=utf-8".into(),
                    status: 500,
                }
            });
            return respond(served, None, Some(live.generation));
        }
        None => {}
    }
    let found = live
        .photo(path)
        .or_else(|| live.index_file(path))
        .or_else(|| static_file(&shared.static_dir, path))
        .or_else(|| live.builtin_asset(path));
    if let Some(served) = found {
        return respond(served, None, None);
    }
    let generation = live.generation;
    respond(live.not_found(), None, Some(generation))
}

/// A response; HTML pages get the banner (drafts, scheduled stories) and the reload script.
fn respond(served: Served, banner: Option<&str>, generation: Option<u64>) -> Response {
    let mut body: Vec<u8> = served.body.as_ref().clone();
    if let Some(generation) = generation.filter(|_| served.content_type.starts_with("text/html")) {
        let mut html = String::from_utf8(body).unwrap_or_default();
        if let Some(banner) = banner {
            let div = format!(
                "<div class=\"newsdesk-banner\" role=\"status\" style=\"background:#7a1f12;color:#fff;font:bold 15px system-ui,sans-serif;padding:.5rem 1rem;text-align:center\">{}</div>",
                html_escape(banner)
            );
            let at = html
                .find("<body")
                .and_then(|i| html[i..].find('>').map(|j| i + j + 1))
                .unwrap_or(0);
            html.insert_str(at, &div);
        }
        let script = format!(
            "<script src=\"/__newsdesk/reload.js?generation={generation}\" defer></script>"
        );
        match html.rfind("</body>") {
            Some(at) => html.insert_str(at, &script),
            None => html.push_str(&script),
        }
        body = html.into_bytes();
    }
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = StatusCode::from_u16(served.status).unwrap_or(StatusCode::OK);
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&served.content_type) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

/// The request path decoded, or `None` when it could name something outside the site
/// (`..`, `%2e%2e`, backslashes, NUL bytes).
pub fn clean_path(raw: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .ok()?;
    if !decoded.starts_with('/') || decoded.contains('\0') || decoded.contains('\\') {
        return None;
    }
    if decoded.split('/').any(|seg| seg == ".." || seg == ".") {
        return None;
    }
    Some(decoded.into_owned())
}

/// A file of static/, if `path` names one that `build` would copy (the model's rule:
/// symbolic links that lead outside the site are refused).
fn static_file(static_dir: &Path, path: &str) -> Option<Served> {
    let relative = Path::new(path.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let root = static_dir.parent()?;
    let relative = path.trim_start_matches('/');
    let mut real = crate::site::files::static_file(root, relative)?;
    if real.is_dir() {
        real = crate::site::files::static_file(root, &format!("{relative}/index.html"))?;
    }
    if !real.is_file() {
        return None;
    }
    let bytes = std::fs::read(&real).ok()?;
    let mime = mime_guess::from_path(&real).first_or_octet_stream();
    let content_type = if mime.type_() == "text" || mime.essence_str() == "application/javascript" {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_string()
    };
    Some(Served {
        body: Arc::new(bytes),
        content_type,
        status: 200,
    })
}

fn html_escape(text: &str) -> String {
    let mut out = String::new();
    pulldown_cmark_escape::escape_html(&mut out, text).expect("writing to a String");
    out
}

#[cfg(test)]
mod tests {
    use super::clean_path;

    #[test]
    fn paths_that_could_leave_the_site_are_refused() {
        assert_eq!(
            clean_path("/tags/energy/").as_deref(),
            Some("/tags/energy/")
        );
        assert_eq!(clean_path("/S%C3%A3o/").as_deref(), Some("/São/"));
        assert_eq!(clean_path("/../etc/passwd"), None);
        assert_eq!(clean_path("/%2e%2e/etc/passwd"), None);
        assert_eq!(clean_path("/a/%2E%2E/%2E%2E/x"), None);
        assert_eq!(clean_path("/a\\..\\b"), None);
        assert_eq!(clean_path("/a%00b"), None);
    }
}
