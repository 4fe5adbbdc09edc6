import type { TLocale } from '@contract/common';
import type { TWorkbenchCard, TWorkbenchCardKey } from '@contract/workbench';
import type { Actor } from '../../actor';
import type { Db } from '../../db/database';

/** What a provider is given: the reader, the company's zone, the reader's language. */
export interface WorkbenchContext {
  db: Db;
  actor: Actor;
  timeZone: string;
  locale: TLocale;
}

/** A card's figures; `key` is added by the registry. Omitted parts default to none. */
export type WorkbenchFigure = Pick<TWorkbenchCard, 'count'> & Partial<Omit<TWorkbenchCard, 'key' | 'count'>>;

export type WorkbenchProvider = (ctx: WorkbenchContext) => Promise<WorkbenchFigure>;

/** An area's providers, by card key (each area's `<area>.workbench.ts` exports one of these). */
export type WorkbenchProviders<K extends TWorkbenchCardKey = TWorkbenchCardKey> = { [key in K]: WorkbenchProvider };
