import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { nextTask } from '../ui/next-task';
import { Providers } from './providers';
import './shell.css';
import { createAppRouter } from './router';

// The app shell from the phone's cache on the next visit (web/public/sw.js); not in development,
// where Vite serves unbundled modules that must never be cached. Asked for before the first await
// below: the page's load event may have passed by the time the code after it runs.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {
      // Without the worker the app works as before, from the network.
    });
  });
}

// Building the routes (about eighty, matched against the address) in a task of its own, after the
// one that evaluated the app's code: on a phone each is long enough alone to block the page.
await nextTask();
const router = createAppRouter();

const root = createRoot(document.getElementById('root')!);
// The first render as a transition: React draws it in slices of a few milliseconds and lets the
// browser run between them, where a plain render is one long task that blocks a phone's main thread
// (Lighthouse counts each such task beyond 50 ms as blocking time). The HTML's loading indicator
// stays until the whole screen is ready, so nothing is shown half-drawn.
startTransition(() => {
  root.render(
    <StrictMode>
      <Providers>
        <RouterProvider router={router} />
      </Providers>
    </StrictMode>,
  );
});
