/**
 * Resolves in a new task of the browser's event loop: what follows an `await nextTask()` runs after
 * the browser has had the chance to paint and handle input. On a phone's slow CPU, work split so
 * stays below the 50 ms beyond which a task blocks the page (and Lighthouse counts it).
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
