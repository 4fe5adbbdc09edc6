// Fuwu's service worker: the app shell and its assets from the phone's cache, so a second visit
// starts at once even on a weak signal. The API is not cached here (answers must be current);
// offline capture of visits and signatures will add its own queue beside these handlers.
const VERSION = 'fuwu-shell-v2';
const SHELL = '/';
const PRECACHE = [SHELL, '/manifest.webmanifest', '/icons/icon-192.png', '/icons/favicon-32.png'];
/** How long a page load waits for the network before it takes the cached shell. */
const NAVIGATION_TIMEOUT_MS = 3000;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(VERSION)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== VERSION).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

async function cacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) (await caches.open(VERSION)).put(request, response.clone());
  return response;
}

/** The network's index.html when it answers in time (and kept for next time); the cached shell otherwise. */
async function shellFor(request) {
  const cache = await caches.open(VERSION);
  const network = fetch(request).then((response) => {
    if (response.ok) cache.put(SHELL, response.clone());
    return response;
  });
  const timeout = new Promise((resolve) => setTimeout(resolve, NAVIGATION_TIMEOUT_MS));
  const first = await Promise.race([network.catch(() => undefined), timeout]);
  if (first) return first;
  return (await cache.match(SHELL)) ?? network;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') event.respondWith(shellFor(request));
  // Hashed file names: a file never changes, so the cached copy is always right.
  else if (url.pathname.startsWith('/assets/') || url.pathname.startsWith('/icons/')) event.respondWith(cacheFirst(request));
});
