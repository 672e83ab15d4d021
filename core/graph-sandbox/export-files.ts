import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { GraphJson } from '../subjects/subject-type';
import { decodeText } from './decode-text';

const JsonObject = z.record(z.unknown());
const Page = z.object({ value: z.array(JsonObject) }).passthrough();

/** The objects a file holds, and the `@odata.context` of the collection page they came in (if any). */
export interface FileObjects {
  items: GraphJson[];
  pageContext?: string;
}

/** Every `.json` file below `dir` (hidden entries skipped), in a stable order. */
export async function jsonFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const sorted = entries.filter((e) => !e.name.startsWith('.')).sort((a, b) => a.name.localeCompare(b.name));
  const nested = await Promise.all(
    sorted.map(async (e) => (e.isDirectory() ? jsonFiles(join(dir, e.name)) : e.name.toLowerCase().endsWith('.json') ? [join(dir, e.name)] : [])),
  );
  return nested.flat();
}

/** How many times a JSON string holding JSON is unwrapped (one tool writes its settings files double-encoded). */
const MAX_ENCODING_DEPTH = 2;

/**
 * The JSON value of a file in any encoding the backup tools write (see decodeText); a file whose JSON value is a string
 * that is itself JSON text of an object or array is decoded again. Throws when the text is not JSON.
 */
export async function parseExportFile(path: string): Promise<unknown> {
  let value: unknown = JSON.parse(decodeText(await readFile(path)));
  for (let depth = 0; depth < MAX_ENCODING_DEPTH && typeof value === 'string' && /^\s*[[{]/.test(value); depth++) {
    value = JSON.parse(value);
  }
  return value;
}

/** A file's objects: one Graph object, a collection page `{ value: [...] }`, or a bare array; undefined when none of these. */
export function objectsOf(json: unknown): FileObjects | undefined {
  const page = Page.safeParse(json);
  if (page.success && Object.keys(page.data).every((k) => k === 'value' || k.startsWith('@odata.'))) {
    const context = page.data['@odata.context'];
    return { items: page.data.value, ...(typeof context === 'string' ? { pageContext: context } : {}) };
  }
  const list = z.array(JsonObject).safeParse(json);
  if (list.success) return { items: list.data };
  const single = JsonObject.safeParse(json);
  return single.success ? { items: [single.data] } : undefined;
}
