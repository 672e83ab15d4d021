/**
 * Structured logging port. Every caught error is logged once, with the ids that say what it was about (run id,
 * tenant id, job name) and never a secret, token or payload: `errorFields` keeps only an error's name, message,
 * code and HTTP status. Adapters decide where lines go; the domain only says what happened.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line (e.g. `{ runId }`). */
  child(fields: LogFields): Logger;
}

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Longest message kept from an error: Graph and driver messages can be long, and payloads must never be copied. */
const MAX_MESSAGE = 300;

/** What may be logged of an error: its kind, a bounded message, and its code or HTTP status. Never its cause's payload. */
export function errorFields(error: unknown): LogFields {
  if (!(error instanceof Error)) return { error: 'non-error thrown', errorMessage: bounded(String(error)) };
  const e = error as Error & { code?: unknown; status?: unknown; statusCode?: unknown };
  const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : undefined;
  return {
    error: e.name,
    errorMessage: bounded(redact(e.message)),
    ...(typeof e.code === 'string' || typeof e.code === 'number' ? { errorCode: e.code } : {}),
    ...(status !== undefined ? { status } : {}),
  };
}

/** Bearer tokens, client secrets and connection-string passwords that could appear in a message. */
function redact(text: string): string {
  return text
    .replace(/Bearer\s+[A-Za-z0-9\-._~+/]+=*/gi, 'Bearer [redacted]')
    .replace(/(client_secret|password|secret|sig)=([^&\s]+)/gi, '$1=[redacted]')
    .replace(/(mongodb(?:\+srv)?:\/\/[^:/\s]+:)[^@\s]+@/gi, '$1[redacted]@');
}

function bounded(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= MAX_MESSAGE ? line : `${line.slice(0, MAX_MESSAGE - 1)}…`;
}

/** One JSON object per line: `{"at":…,"level":…,"event":…, …fields}`; lines below `level` are dropped. */
export function jsonLogger(opts: { level?: LogLevel; write?: (line: string) => void; fields?: LogFields; now?: () => Date } = {}): Logger {
  const min = LEVELS[opts.level ?? 'info'];
  const write = opts.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const now = opts.now ?? (() => new Date());
  const base = opts.fields ?? {};
  const emit = (level: LogLevel) => (event: string, fields: LogFields = {}) => {
    if (LEVELS[level] < min) return;
    write(JSON.stringify({ at: now().toISOString(), level, event, ...base, ...fields }));
  };
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    child: (fields) => jsonLogger({ ...opts, fields: { ...base, ...fields } }),
  };
}

/** A logger that keeps its lines in memory, for tests that assert what was (and was not) logged. */
export function memoryLogger(): Logger & { lines: { level: LogLevel; event: string; fields: LogFields }[] } {
  const lines: { level: LogLevel; event: string; fields: LogFields }[] = [];
  const make = (base: LogFields): Logger => {
    const emit = (level: LogLevel) => (event: string, fields: LogFields = {}) => void lines.push({ level, event, fields: { ...base, ...fields } });
    return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error'), child: (fields) => make({ ...base, ...fields }) };
  };
  return Object.assign(make({}), { lines });
}
