import type { GraphJson } from './subject-type';

/** Finds secret-bearing members of one object node; `at` builds the JSON path of a member of that node. */
type SecretRule = (node: GraphJson, at: (member: string) => string) => string[];

const isBlank = (value: unknown) => value === null || value === undefined || value === '';

/** Settings catalog secrets come back as an encrypted token (`valueState: encryptedValueToken`), never in clear. */
const catalogSecretValue: SecretRule = (node, at) =>
  typeof node['@odata.type'] === 'string' && /SecretSettingValue$/.test(node['@odata.type']) && node.valueState !== 'notEncrypted'
    ? [at('value')]
    : [];

/** Custom (OMA-URI) settings Intune stores encrypted: the value read is not the value configured. */
const encryptedOmaSetting: SecretRule = (node, at) =>
  'omaUri' in node && (node.isEncrypted === true || !isBlank(node.secretReferenceValueId)) ? [at('value')] : [];

/** Write-only members flagged as set (`preSharedKeyIsSet: true`) while Graph returns no value. */
const writeOnlyFlaggedSet: SecretRule = (node, at) =>
  Object.keys(node)
    .filter((key) => key.endsWith('IsSet') && key.length > 'IsSet'.length && node[key] === true)
    .map((key) => key.slice(0, -'IsSet'.length))
    .filter((member) => isBlank(node[member]))
    .map(at);

/** Personal / WEP Wi-Fi profiles always have a pre-shared key, which Graph never returns. */
const personalWifiKey: SecretRule = (node, at) => {
  const security = node.wiFiSecurityType ?? node.wifiSecurityType ?? node.securityType;
  return 'preSharedKey' in node && isBlank(node.preSharedKey) && typeof security === 'string' && /personal|wep/i.test(security)
    ? [at('preSharedKey')]
    : [];
};

const RULES: readonly SecretRule[] = [catalogSecretValue, encryptedOmaSetting, writeOnlyFlaggedSet, personalWifiKey];

/**
 * JSON paths (e.g. `omaSettings[2].value`, `settings[0].settingInstance.simpleSettingValue.value`) of values that
 * Graph keeps secret, found anywhere in the object. Sorted, each once; empty when the payload can be copied faithfully.
 */
export function findSecretPaths(raw: GraphJson): string[] {
  const found = new Set<string>();
  walk(raw, '', found);
  return [...found].sort();
}

function walk(value: unknown, path: string, found: Set<string>): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => walk(item, `${path}[${index}]`, found));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const node = value as GraphJson;
  const at = (member: string) => (path === '' ? member : `${path}.${member}`);
  for (const rule of RULES) for (const secretPath of rule(node, at)) found.add(secretPath);
  for (const [member, child] of Object.entries(node)) walk(child, at(member), found);
}

/** What a secret-bearing value reads as once redacted: the same in every tenant, never the value itself. */
export const REDACTED_SECRET = '[secret value not kept]';

/** The object holding the member a path ends in, and that member's name or index; undefined when the path leads nowhere. */
function holderOf(payload: GraphJson, path: string): { holder: Record<string | number, unknown>; last: string | number } | undefined {
  const steps = [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
  let node: unknown = payload;
  for (const step of steps.slice(0, -1)) node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[step] : undefined;
  const last = steps.at(-1);
  if (last === undefined || node === null || typeof node !== 'object') return undefined;
  return { holder: node as Record<string | number, unknown>, last };
}

/**
 * A copy of `payload` with the value at each path (as findSecretPaths names them) replaced by REDACTED_SECRET, so
 * snapshots, compare details and cards never hold a secret Graph returned (encrypted or not). Blank values and
 * paths the payload does not have are left as they are.
 */
export function redactSecretValues<T extends GraphJson>(payload: T, paths: readonly string[]): T {
  if (paths.length === 0) return payload;
  const copy = structuredClone(payload);
  for (const path of paths) {
    const at = holderOf(copy, path);
    if (at && !isBlank(at.holder[at.last])) at.holder[at.last] = REDACTED_SECRET;
  }
  return copy;
}

/** A copy of `payload` with the plain values read for some secret paths put back, for the body of a write only. */
export function withSecretValues<T extends GraphJson>(payload: T, values: ReadonlyMap<string, string>): T {
  const copy = structuredClone(payload);
  for (const [path, value] of values) {
    const at = holderOf(copy, path);
    if (at) at.holder[at.last] = value;
  }
  return copy;
}
