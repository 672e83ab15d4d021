import type { GraphJson } from '../subjects/subject-type';
import { NAVIGATION_PROPERTIES, isNavigationProperty, type InlineWrite } from './graph-shape';

/** One object of a sandbox tenant: its own members and its navigation properties, kept apart as Graph keeps them. */
export interface StoredObject {
  body: GraphJson;
  navigation: Map<string, GraphJson[]>;
  /** Epoch ms before which reads over HTTP do not show the object (set on create while the tenant lags). */
  visibleAt?: number;
}

/** `settings@odata.context` and similar property annotations carried by exports. */
const isAnnotation = (key: string) => key.includes('@odata.') && !key.startsWith('@odata.type');

/** The object's own members and its navigation properties (those of collection `key`), annotations dropped. */
export function splitBody(raw: GraphJson, key: string, allowed: (name: string) => boolean): { body: GraphJson; navigation: Map<string, GraphJson[]> } {
  const body: GraphJson = {};
  const navigation = new Map<string, GraphJson[]>();
  for (const [member, value] of Object.entries(raw)) {
    if (isAnnotation(member) || member === '@odata.context') continue;
    if (!isNavigationProperty(member, key)) body[member] = value;
    else if (allowed(member) && Array.isArray(value)) navigation.set(member, value as GraphJson[]);
  }
  return { body, navigation };
}

export const inlineOn = (write: InlineWrite) => (name: string) => NAVIGATION_PROPERTIES[name]?.includes(write) ?? false;

/** An object's own lag in [0, maxMs], from its id: stable for the object, spread over the range across objects. */
export function lagOf(id: string, maxMs: number): number {
  let hash = 2166136261;
  for (const char of id) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  return Math.round((hash / 0xffffffff) * maxMs);
}

/** A copy of the object with the requested navigation properties inline. */
export function view(stored: StoredObject, expand: readonly string[]): GraphJson {
  const result = structuredClone(stored.body);
  for (const name of expand) result[name] = structuredClone(stored.navigation.get(name) ?? []);
  return result;
}
