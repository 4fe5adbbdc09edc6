import type ExcelJSModule from 'exceljs';

let loaded: Promise<typeof ExcelJSModule> | undefined;

/**
 * exceljs, loaded on first use instead of at start: requiring it takes about a third of a
 * second, a fifth of the server's cold start, and only imports, exports and templates need it.
 */
export function loadExcelJs(): Promise<typeof ExcelJSModule> {
  loaded ??= import('exceljs').then((m) => (m as unknown as { default?: typeof ExcelJSModule }).default ?? (m as unknown as typeof ExcelJSModule));
  return loaded;
}
