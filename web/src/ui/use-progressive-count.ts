import { startTransition, useEffect, useState } from 'react';

/**
 * How many of a long list's items to draw now: `first` at once, then `step` more per task until
 * all `total` are drawn. React's background rendering (use-deferred-data.ts) slices the rendering
 * of a page but commits it to the DOM in one go; a phone's page of thirty cards was one commit,
 * style and layout of half a second on Lighthouse's slower CPU. Drawn a few cards per task, the
 * first screen is there after the first few and no task is long. Every item is drawn in the end
 * (find-in-page, tests and scrolling see the whole list a moment later).
 */
export function useProgressiveCount(total: number, first = 4, step = 4): number {
  const [count, setCount] = useState(first);
  useEffect(() => {
    if (count >= total) return;
    // A new task, so the browser paints and handles input between two slices.
    const timer = setTimeout(() => startTransition(() => setCount((c) => c + step)), 0);
    return () => clearTimeout(timer);
  }, [count, total, step]);
  return Math.min(count, total);
}
