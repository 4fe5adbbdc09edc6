import type { CSSProperties, ReactNode } from 'react';
import { useIsPhone } from './use-is-phone';

/*
 * How a list fits its card at 1440 px without sideways scrolling: the table laid out with fixed
 * widths (useFitTable), short columns given the widths below, the one or two columns of free text
 * (names, descriptions, addresses) left without a width to share what remains, each cut on one line
 * with the whole on hover (CutText), and a date range on two lines rather than cut (DateRange).
 */

/** A phone's table scrolls sideways over this width rather than squeezing the free-text columns to nothing. */
const PHONE_TABLE_WIDTH = 900;

/**
 * Table props for a list that fits its card: columns keep the widths given, never their content's;
 * on a phone the same columns scroll sideways.
 */
export function useFitTable(): { tableLayout: 'fixed'; scroll?: { x: number } } {
  const isPhone = useIsPhone();
  return isPhone ? { tableLayout: 'fixed', scroll: { x: PHONE_TABLE_WIDTH } } : { tableLayout: 'fixed' };
}

/** Widths (px) of the columns whose content has a known length, at the table's `middle` size. */
export const COLUMN_WIDTH = {
  /** A record number such as SR-2026-00015 or CALL-2026-00001. */
  number: 136,
  /** A date, 2026-11-01. */
  date: 108,
  /** A date and time, 2026-11-01 09:30. */
  dateTime: 136,
  /** A date range on two lines (DateRange). */
  dateRange: 116,
  /** A person's name. */
  person: 96,
  /** A state tag. */
  state: 100,
  /** A count or a small number. */
  count: 72,
  /** One or two link buttons. */
  actions: 96,
} as const;

const ONE_LINE: CSSProperties = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' };
const SECOND_LINE: CSSProperties = { ...ONE_LINE, fontSize: 12, color: 'rgba(0,0,0,0.45)' };

/**
 * Text on one line, cut with an ellipsis and shown whole on hover; `sub`, a smaller second line
 * cut alike (a customer's contract, a unit's model). The column needs no `ellipsis` (it would cut the header too).
 */
export function CutText({
  text,
  title,
  sub,
  subTitle,
  testId,
}: {
  text: ReactNode;
  /** The hover text, when `text` is not a string (a link). */
  title?: string | null;
  sub?: ReactNode;
  subTitle?: string | null;
  testId?: string;
}) {
  const hover = title ?? (typeof text === 'string' ? text : undefined);
  const line = (
    <div style={ONE_LINE} title={hover ?? undefined} data-testid={sub === undefined ? testId : undefined}>
      {text}
    </div>
  );
  if (sub === undefined) return line;
  return (
    <div style={{ overflow: 'hidden' }} data-testid={testId}>
      {line}
      <SubLine text={sub} title={subTitle} />
    </div>
  );
}

/** A smaller grey line under a cell's main content, cut with the whole on hover. */
export function SubLine({ text, title }: { text: ReactNode; title?: string | null }) {
  return (
    <div style={SECOND_LINE} title={title ?? (typeof text === 'string' ? text : undefined)}>
      {text}
    </div>
  );
}

/** A date range on two lines ("2026-11-01" over "~ 2027-10-31"), never cut; null when neither end is known. */
export function DateRange({ from, to }: { from: string | null | undefined; to: string | null | undefined }) {
  if (!from && !to) return null;
  return (
    <div style={{ whiteSpace: 'nowrap', lineHeight: 1.35 }}>
      <div>{from ?? '…'}</div>
      <div>~ {to ?? '…'}</div>
    </div>
  );
}

/** Short content that must not break (a date, a number, a tag with its note). */
export const NO_WRAP: CSSProperties = { whiteSpace: 'nowrap' };
