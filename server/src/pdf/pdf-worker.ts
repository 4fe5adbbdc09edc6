/**
 * The PDF worker thread (started by form-pdf.ts; bundled as dist/server/pdf-worker.js): drawing a
 * form and subsetting its font is tens of milliseconds of synchronous work, kept off the event loop.
 */
import { parentPort } from 'node:worker_threads';
import { drawFormPdf } from './form-draw';
import { loadFormFonts } from './form-fonts';
import type { TFormDocument } from './form-layout';

const fonts = loadFormFonts();
const port = parentPort;
if (!port) throw new Error('pdf-worker must run as a worker thread');

port.on('message', async (msg: { id: number; form: TFormDocument }) => {
  try {
    const pdf = new Uint8Array(await drawFormPdf(msg.form, fonts));
    port.postMessage({ id: msg.id, pdf }, [pdf.buffer]);
  } catch (err) {
    port.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) });
  }
});
