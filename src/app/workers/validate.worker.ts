/**
 * Validates graph-file text off the main thread (zod over tens of thousands of
 * nodes takes hundreds of milliseconds), so the page can parse and import the
 * graph at the same time. The page shows the graph only once this says yes.
 */
import { parseGraphFileTextAnyVersion } from '../../model/validate';

export type ValidateRequest = { text: string; source: string };
export type ValidateResponse = { ok: true } | { ok: false; message: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.addEventListener('message', (event: MessageEvent<ValidateRequest>) => {
  let response: ValidateResponse;
  try {
    // Version 1 files (kg reads them too) are accepted and saved as the current version.
    parseGraphFileTextAnyVersion(event.data.text, event.data.source);
    response = { ok: true };
  } catch (err) {
    response = { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  scope.postMessage(response);
});
