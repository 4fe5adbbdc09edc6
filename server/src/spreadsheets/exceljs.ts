import type ExcelJSModule from 'exceljs';

let loaded: Promise<typeof ExcelJSModule> | undefined;

/**
 * exceljs, loaded on first use instead of at start: requiring it takes about a third of a
 * second, a fifth of the server's cold start, and only imports, exports and templates need it.
 */
export function loadExcelJs(): Promise<typeof ExcelJSModule> {
  loaded ??= import('exceljs').then(
    (m) => (m as unknown as { default?: typeof ExcelJSModule }).default ?? (m as unknown as typeof ExcelJSModule),
  );
  return loaded;
}

/** How long after the server starts listening exceljs is loaded (after the cold-start requests). */
export const EXCELJS_WARM_DELAY_MS = 2000;

/**
 * Load exceljs soon after start rather than on the first import or export: evaluating it blocks
 * the event loop for a third of a second (over a second on a loaded machine), and every request in
 * flight at the first export's moment would wait that long too. One tiny workbook is written as
 * well: the first write of a process costs another 80–100 ms of compilation, the next ones 15.
 */
export function warmExcelJs(delayMs = EXCELJS_WARM_DELAY_MS): void {
  const warm = async () => {
    const ExcelJS = await loadExcelJs();
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('warm').addRow(['预热', 1]);
    await wb.xlsx.writeBuffer();
  };
  // A failure here shows again, with its request, on the first real use.
  setTimeout(() => void warm().catch(() => undefined), delayMs).unref();
}

/** Whether exceljs has been loaded (or is loading). */
export function isExcelJsLoading(): boolean {
  return loaded !== undefined;
}
