import type { GraphJson } from '../subjects/subject-type';

/** The OData query options the sandbox understands. */
export interface ODataQuery {
  select: string[] | undefined;
  expand: string[];
  filter: ((item: GraphJson) => boolean) | undefined;
  top: number | undefined;
  /** Position of the first item of the page (from `$skiptoken`). */
  offset: number;
}

/** Either the parsed options or why they were refused (answered 400 like Graph). */
export type ODataParse = { ok: true; query: ODataQuery } | { ok: false; message: string };

const SUPPORTED = new Set(['$select', '$expand', '$filter', '$top', '$skiptoken']);

/** Top-level comma split that leaves nested options such as `assignments($select=id)` whole. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  return [...parts, current].map((p) => p.trim()).filter((p) => p !== '');
}

const LITERALS: Record<string, unknown> = { true: true, false: false, null: null };

/** `field eq 'text'` clauses joined by `and`; anything else is refused rather than answered wrongly. */
function parseFilter(text: string): ((item: GraphJson) => boolean) | string {
  const clauses = text.split(/\s+and\s+/i).map((clause) => {
    const match = /^\s*([A-Za-z@.]+)\s+eq\s+('(?:[^']|'')*'|true|false|null|-?\d+(?:\.\d+)?)\s*$/.exec(clause);
    if (!match) return undefined;
    const [, field, literal] = match as unknown as [string, string, string];
    const expected = literal.startsWith("'") ? literal.slice(1, -1).replaceAll("''", "'") : literal in LITERALS ? LITERALS[literal] : Number(literal);
    return (item: GraphJson) => item[field] === expected;
  });
  if (clauses.some((c) => c === undefined)) return `The sandbox supports only "field eq value" filters joined by "and": ${text}`;
  return (item) => clauses.every((clause) => clause!(item));
}

/** The `$skiptoken` that resumes a listing at `offset`. */
export function skiptokenFor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function offsetOf(token: string): number | undefined {
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString());
  return match ? Number(match[1]) : undefined;
}

/** Parses `$select`, `$expand` (names only), `$filter`, `$top` and `$skiptoken`; other `$` options are refused. */
export function parseODataQuery(params: URLSearchParams): ODataParse {
  const unsupported = [...params.keys()].find((k) => k.startsWith('$') && !SUPPORTED.has(k));
  if (unsupported) return { ok: false, message: `Query option ${unsupported} is not supported by the sandbox.` };
  const expand = splitTopLevel(params.get('$expand') ?? '').map((part) => part.replace(/\(.*$/s, '').trim());
  const filterText = params.get('$filter');
  const filter = filterText === null ? undefined : parseFilter(filterText);
  if (typeof filter === 'string') return { ok: false, message: filter };
  const topText = params.get('$top');
  const top = topText === null ? undefined : Number(topText);
  if (top !== undefined && (!Number.isInteger(top) || top < 1)) return { ok: false, message: `Invalid $top: ${topText}` };
  const token = params.get('$skiptoken');
  const offset = token === null ? 0 : offsetOf(token);
  if (offset === undefined) return { ok: false, message: 'Invalid $skiptoken.' };
  const selectText = params.get('$select');
  const select = selectText === null ? undefined : splitTopLevel(selectText);
  return { ok: true, query: { select, expand, filter, top, offset } };
}

/** The object reduced to the selected properties; `id` and `@odata.type` always stay, as in Graph. */
export function applySelect(item: GraphJson, select: readonly string[] | undefined, keep: readonly string[] = []): GraphJson {
  if (!select) return item;
  const wanted = new Set(['id', '@odata.type', ...select, ...keep]);
  return Object.fromEntries(Object.entries(item).filter(([key]) => wanted.has(key)));
}
