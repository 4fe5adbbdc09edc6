import { useDeferredValue } from 'react';

/**
 * A query's data for a page that is long to draw (many cards, antd components), drawn in React's
 * background lane: the data's arrival (react-query's store updates are synchronous) first shows
 * the loading state or the previous data, then the page renders in slices of a few milliseconds
 * between which the browser stays responsive, instead of one long task (Lighthouse's total
 * blocking time on a phone's slower CPU). Data already there on mount is deferred the same way.
 */
export function useDeferredData<T>(data: T | undefined): T | null {
  return useDeferredValue(data ?? null, null);
}
