import type { GraphJson } from '../subjects/subject-type';

/**
 * Flattens a payload to leaf paths: objects by key (`a.b`), arrays by index (`a[0]`), except arrays
 * of settings-catalog setting instances, which are keyed by their setting definition id
 * (`settings[device_vendor_msft_...]`), and OMA-URI rows, keyed by their URI, so that reordering is not a difference.
 * Empty objects and arrays are leaves (`{}` / `[]`).
 */
export function flattenSettings(payload: GraphJson): Map<string, unknown> {
  const leaves = new Map<string, unknown>();
  for (const [key, value] of Object.entries(payload)) visit(value, key, leaves);
  return leaves;
}

function visit(value: unknown, path: string, leaves: Map<string, unknown>): void {
  if (Array.isArray(value)) {
    if (value.length === 0) return void leaves.set(path, []);
    const keys = definitionKeys(value) ?? value.map((_, index) => String(index));
    value.forEach((item, index) => visit(item, `${path}[${keys[index]}]`, leaves));
    return;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return void leaves.set(path, {});
    for (const [key, child] of entries) visit(child, `${path}.${key}`, leaves);
    return;
  }
  if (value !== undefined) leaves.set(path, value);
}

/** Setting definition ids of every element, or undefined unless each element has a distinct one. */
function definitionKeys(items: unknown[]): string[] | undefined {
  const ids = items.map(definitionIdOf);
  if (ids.some((id) => id === undefined)) return undefined;
  return new Set(ids).size === ids.length ? (ids as string[]) : undefined;
}

function definitionIdOf(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const record = item as Record<string, unknown>;
  const instance = record['settingInstance'];
  const holder = typeof instance === 'object' && instance !== null ? (instance as Record<string, unknown>) : record;
  const id = holder['settingDefinitionId'] ?? record['omaUri'] ?? appIdentifierOf(record['mobileAppIdentifier']) ?? record['locale'];
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** The bundle id, package id or Windows app id of a managed app's identifier (the apps of an app protection policy). */
function appIdentifierOf(identifier: unknown): unknown {
  if (typeof identifier !== 'object' || identifier === null) return undefined;
  const record = identifier as Record<string, unknown>;
  return record['bundleId'] ?? record['packageId'] ?? record['windowsAppId'];
}
