// The service worker: keeps the app shell so the page opens offline, and sends queued submissions when
// Background Sync says the connection is back, even after the page was closed. It never caches, answers or replays
// an API call: it only handles GET requests for the files listed in SHELL (and navigations to the app's own page);
// everything else, the POST to /pwausers included, goes to the network untouched.
//
// A module worker (registered with type "module"): it imports the queue as the page does. Its URL stays sw.js, the
// one browsers that installed an earlier version check for updates. The deployed Content-Security-Policy applies to
// it (a response header reaches workers, a meta tag does not): static imports from this origin are allowed by
// script-src 'self' and are no Trusted Types sink, where importScripts with a string would be refused.

import { config } from "./config.mjs";
import { createQueue, openChannel, SYNC_TAG } from "./queue.mjs";
import { openStore } from "./storage.mjs";

// Bump on every deploy: the new sw.js then installs, fills a new cache and deletes the old one.
const VERSION = "4";
const CACHE_PREFIX = "pwa-users-shell-";
const CACHE = CACHE_PREFIX + VERSION;
/** Every file of the app (a test holds this list to web/'s published files), sw.js itself apart. */
const SHELL = [
    "./",
    "index.html",
    "styles.css",
    "app.mjs",
    "config.mjs",
    "names.mjs",
    "outcomes.mjs",
    "queue.mjs",
    "storage.mjs",
    "words.mjs",
    "limits.json",
    "manifest.webmanifest",
    "icons/icon-192.png",
    "icons/icon-512.png"
];
/** How long to wait for the network before answering from the cache (the cache is refreshed when it answers). */
const NETWORK_TIMEOUT_MS = 4000;
/** How long one sync event keeps sending (waiting out backoffs and other contexts' claims) before it gives up. */
const SYNC_BUDGET_MS = 60000;

const scopeUrl = new URL(self.registration.scope);
const shellUrls = new Set(SHELL.map((path) => new URL(path, scopeUrl).href));

self.addEventListener("install", (event) => {
    event.waitUntil(
        caches.open(CACHE)
            .then((cache) => cache.addAll(SHELL.map((path) => new Request(new URL(path, scopeUrl), { cache: "reload" }))))
            .then(() => self.skipWaiting())
    );
});

self.addEventListener("activate", (event) => {
    event.waitUntil(
        caches.keys()
            .then((names) => Promise.all(names
                .filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE)
                .map((name) => caches.delete(name))))
            .then(() => self.clients.claim())
    );
});

self.addEventListener("fetch", (event) => {
    const request = event.request;
    if (request.method !== "GET") {
        return; // the API's POSTs (and anything else that changes something) always go straight to the network
    }
    const url = new URL(request.url);
    url.search = "";
    url.hash = "";
    if (request.mode === "navigate" && (url.href === scopeUrl.href || url.href === new URL("index.html", scopeUrl).href)) {
        event.respondWith(networkFirst(event, scopeUrl.href));
    } else if (shellUrls.has(url.href)) {
        event.respondWith(networkFirst(event, url.href));
    }
});

/**
 * The network's answer when it comes within NETWORK_TIMEOUT_MS (and it refreshes the cache), else the cached copy,
 * so that a deploy shows at the next load and the page still opens offline or on a very slow connection.
 */
function networkFirst(event, cacheKey) {
    let stored = Promise.resolve();
    const network = fetch(event.request).then((response) => {
        if (response.ok && response.type === "basic") {
            const copy = response.clone();
            stored = caches.open(CACHE).then((cache) => cache.put(cacheKey, copy));
        }
        return response;
    });
    event.waitUntil(network.then(() => stored, () => undefined));
    const timeout = new Promise((resolve) => setTimeout(resolve, NETWORK_TIMEOUT_MS, null));
    return Promise.race([network.catch(() => null), timeout])
        .then((response) => response || caches.open(CACHE).then((cache) => cache.match(cacheKey)))
        .then((response) => response || network);
}

// ---- Background Sync: send what the page queued, even if it has been closed since ------------------------------

let queuePromise = null;

function theQueue() {
    if (!queuePromise) {
        queuePromise = openStore().then((store) => createQueue({ store, apiBase: config.apiBase,
            online: () => self.navigator.onLine !== false, context: "service-worker", channel: openChannel() }));
    }
    return queuePromise;
}

self.addEventListener("sync", (event) => {
    if (event.tag !== SYNC_TAG) {
        return;
    }
    event.waitUntil(theQueue()
        .then((queue) => queue.drain(Date.now() + SYNC_BUDGET_MS))
        .then((pending) => {
            if (pending > 0 && !event.lastChance) {
                // Rejecting asks the browser to fire sync again later, with its own backoff.
                throw new Error(pending + " submission(s) still to send");
            }
        }));
});
