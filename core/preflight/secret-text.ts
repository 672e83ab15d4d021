import type { GraphJson } from '../subjects/subject-type';

/** The node holding the member a JSON path (`omaSettings[0].value`) ends in; undefined when the path leads nowhere. */
function parentOf(payload: GraphJson, path: string): GraphJson | undefined {
  const steps = [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
  let node: unknown = payload;
  for (const step of steps.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[step];
  }
  return node !== null && typeof node === 'object' && !Array.isArray(node) ? (node as GraphJson) : undefined;
}

/**
 * What an operator must recreate by hand for one secret path, in the words of the Intune admin center where the payload
 * says them: an OMA-URI setting by its name and URI, a settings catalog value by its setting, else the path.
 */
export function secretText(payload: GraphJson, path: string): string {
  const parent = parentOf(payload, path);
  if (parent && typeof parent.omaUri === 'string') {
    const name = typeof parent.displayName === 'string' && parent.displayName !== '' ? `"${parent.displayName}" ` : '';
    return `the OMA-URI setting ${name}(${parent.omaUri})`;
  }
  return `the value at ${path}`;
}

/** The blocked detail of a secret-bearing subject: which values to recreate by hand and why. */
export function secretDetail(payload: GraphJson, secretPaths: readonly string[]): string {
  const items = [...secretPaths].sort().map((path) => secretText(payload, path));
  return `Microsoft Graph returns ${items.length === 1 ? 'this value' : 'these values'} only encrypted, so recreate by hand in the target: ${items.join('; ')}.`;
}
