import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Long synchronous work on the request thread (checking 20,000 rows, writing their report) hands
 * the event loop back every `budgetMs`, so other requests are answered meanwhile:
 * `const pause = timeSlices(); for (const row of rows) { await pause(); … }`. The turn is given only
 * once the budget is spent: reading the clock costs nanoseconds, a turn of the loop per row would
 * cost more than the row.
 */
export function timeSlices(budgetMs = 15): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < budgetMs) return;
    await nextTurn();
    since = performance.now();
  };
}
