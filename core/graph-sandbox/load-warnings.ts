/** Why a file (or an object in it) of a sandbox tenant folder was not used as it stands. */
export type LoadWarningReason = 'unreadable' | 'unrecognised' | 'duplicate_id' | 'invalid_tenant_file';

/** One warning of loading a tenants folder: which tenant, which file (relative to the tenant folder), why. */
export interface LoadWarning {
  tenant: string;
  file: string;
  reason: LoadWarningReason;
  /** 1-based position of the object in a file holding several. */
  item?: number;
  /** What exactly, e.g. the file that holds the same id and the id this object is kept under. */
  detail?: string;
}

/** How many files a tenant folder held and how many of them gave no object (unreadable, unrecognised, bad tenant.json). */
export interface TenantLoadSummary {
  tenantId: string;
  displayName: string;
  files: number;
  unusedFiles: number;
}

const REASON_TEXT: Record<LoadWarningReason, string> = {
  unreadable: 'not readable as JSON (UTF-8, or UTF-16 with a byte-order mark)',
  unrecognised: 'unrecognised object (no known @odata.type, @odata.context, @odata.id or collection folder)',
  duplicate_id: 'shares its id with another object',
  invalid_tenant_file: 'not a valid tenant file, defaults used',
};

const REASON_ORDER: readonly LoadWarningReason[] = ['unreadable', 'unrecognised', 'duplicate_id', 'invalid_tenant_file'];

/** One line per warning, e.g. `Tenant A/notes/readme.json: unrecognised object (…)`. */
export function warningText(w: LoadWarning): string {
  return `${w.tenant}/${w.file}${w.item ? ` #${w.item}` : ''}: ${REASON_TEXT[w.reason]}${w.detail ? `: ${w.detail}` : ''}`;
}

/**
 * Every warning, for the start-up log: per tenant a summary of files not used, then per reason a count and each
 * warning on its own line, so nothing is cut and an operator sees at a glance what went wrong how often.
 */
export function warningReport(warnings: readonly LoadWarning[], summaries: readonly TenantLoadSummary[]): string[] {
  const lines: string[] = [];
  for (const summary of summaries) {
    const own = warnings.filter((w) => w.tenant === summary.displayName);
    if (own.length === 0) continue;
    lines.push(`${summary.displayName}: ${summary.unusedFiles} of ${summary.files} files not used, ${own.length} ${own.length === 1 ? 'warning' : 'warnings'}`);
    for (const reason of REASON_ORDER) {
      const group = own.filter((w) => w.reason === reason);
      if (group.length === 0) continue;
      lines.push(`${summary.displayName}: ${REASON_TEXT[reason]} (${group.length})`);
      for (const w of group) lines.push(`  ${warningText(w)}`);
    }
  }
  return lines;
}
