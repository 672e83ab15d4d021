import { randomUUID } from 'node:crypto';
import type { GraphJson } from '../subjects/subject-type';
import { NAVIGATION_ITEM_KEYS } from './graph-shape';
import type { SandboxFault, SandboxListLag, SandboxSlowWrites, SandboxTenant, SandboxThrottle } from './sandbox-tenant';
import { serverFields } from './server-fields';
import { inlineOn, lagOf, splitBody, view, type StoredObject } from './stored-object';

/** What tests and benchmarks observe of one tenant's traffic. */
export interface TenantCounters {
  /** HTTP requests that reached the tenant (a `$batch` POST counts once). */
  httpRequests: number;
  /** Graph operations executed or refused: single requests plus each `$batch` item. */
  operations: number;
  /** Operations answered 429. */
  throttled: number;
  /** Successful writes per collection key. */
  writes: Record<string, number>;
}

/** A tenant's identity and fault configuration, as the HTTP layer needs it. */
export interface SandboxTenantInfo {
  id: string;
  displayName: string;
  environment: string;
  readOnly: boolean;
  fault?: SandboxFault;
  throttle?: SandboxThrottle;
  listLag?: SandboxListLag;
  slowWrites?: SandboxSlowWrites;
}

interface TenantState extends SandboxTenantInfo {
  collections: Map<string, Map<string, StoredObject>>;
  counters: TenantCounters;
  /** Writes that reached the tenant, for `slowWrites`. */
  writeAttempts?: number;
}

/**
 * In-memory state of every sandbox tenant: objects per collection key with their navigation properties,
 * fault configuration and counters. Every read returns a copy, so callers never mutate the state by accident.
 */
export class SandboxStore {
  private readonly tenants = new Map<string, TenantState>();
  private readonly keys: Set<string>;
  private readonly newId: () => string;

  constructor(seeds: readonly SandboxTenant[], opts: { collections: Iterable<string>; newId?: () => string }) {
    this.keys = new Set(opts.collections);
    this.newId = opts.newId ?? randomUUID;
    for (const seed of seeds) this.seed(seed);
  }

  /** True when the collection is served (registry, reference or seeded collection). */
  hasCollection(key: string): boolean {
    return this.keys.has(key);
  }

  /** Every served collection key. */
  collectionKeys(): string[] {
    return [...this.keys];
  }

  /** Identity and faults of a tenant; undefined when the sandbox holds no such tenant. */
  tenant(id: string): SandboxTenantInfo | undefined {
    const state = this.tenants.get(id.toLowerCase());
    if (!state) return undefined;
    const { collections: _c, counters: _n, writeAttempts: _w, ...info } = state;
    return structuredClone(info);
  }

  /** Changes a tenant's read-only flag or faults at run time; `null` removes a fault. */
  configure(
    id: string,
    change: { readOnly?: boolean; fault?: SandboxFault | null; throttle?: SandboxThrottle | null; listLag?: SandboxListLag | null; slowWrites?: SandboxSlowWrites | null },
  ): void {
    const state = this.state(id);
    if (change.listLag !== undefined) state.listLag = change.listLag ?? undefined;
    if (change.slowWrites !== undefined) state.slowWrites = change.slowWrites ?? undefined;
    if (change.readOnly !== undefined) state.readOnly = change.readOnly;
    if (change.fault !== undefined) state.fault = change.fault ?? undefined;
    if (change.throttle !== undefined) state.throttle = change.throttle ?? undefined;
  }

  /** Objects of a collection in insertion order, with the requested navigation properties expanded. */
  list(tenantId: string, key: string, expand: readonly string[] = []): GraphJson[] {
    return [...this.collection(tenantId, key).values()].map((o) => view(o, expand));
  }

  /** True while a created object is still hidden from reads over HTTP by the tenant's list lag. */
  lagging(tenantId: string, key: string, id: string, now: Date): boolean {
    const visibleAt = this.collection(tenantId, key).get(id)?.visibleAt;
    return visibleAt !== undefined && now.getTime() < visibleAt;
  }

  /** One object with the requested navigation properties; undefined when absent. */
  get(tenantId: string, key: string, id: string, expand: readonly string[] = []): GraphJson | undefined {
    const stored = this.collection(tenantId, key).get(id);
    return stored && view(stored, expand);
  }

  /** Items of an object's navigation property ([] when never set); undefined when the object is absent. */
  navigation(tenantId: string, key: string, id: string, name: string): GraphJson[] | undefined {
    const stored = this.collection(tenantId, key).get(id);
    return stored && structuredClone(stored.navigation.get(name) ?? []);
  }

  /** Creates an object under a new id; navigation properties Graph accepts inline on create are kept. */
  create(tenantId: string, key: string, raw: GraphJson, now: Date): GraphJson {
    const { body, navigation } = splitBody(raw, key, inlineOn('create'));
    const stored: StoredObject = { body: { ...body, id: this.newId() }, navigation: this.withIds(navigation) };
    const lag = this.state(tenantId).listLag;
    if (lag && lag.maxMs > 0) stored.visibleAt = now.getTime() + lagOf(stored.body.id as string, lag.maxMs);
    stored.body = { ...stored.body, ...serverFields(key, { body, previous: undefined, navigation: stored.navigation, now: now.toISOString() }) };
    this.collection(tenantId, key).set(stored.body.id as string, stored);
    return view(stored, []);
  }

  /** Merges `patch` into the object (navigation properties must not be in it); undefined when absent. */
  update(tenantId: string, key: string, id: string, patch: GraphJson, now: Date): GraphJson | undefined {
    const stored = this.collection(tenantId, key).get(id);
    if (!stored) return undefined;
    const body = { ...stored.body, ...splitBody(patch, key, () => false).body };
    const stamp = serverFields(key, { body, previous: stored.body, navigation: stored.navigation, now: now.toISOString() });
    stored.body = { ...body, ...stamp, id };
    return view(stored, []);
  }

  /** Replaces the object (and the navigation properties Graph accepts on replace); undefined when absent. */
  replace(tenantId: string, key: string, id: string, raw: GraphJson, now: Date): GraphJson | undefined {
    const stored = this.collection(tenantId, key).get(id);
    if (!stored) return undefined;
    const { body, navigation } = splitBody(raw, key, inlineOn('replace'));
    for (const [name, items] of this.withIds(navigation)) stored.navigation.set(name, items);
    const stamp = serverFields(key, { body, previous: stored.body, navigation: stored.navigation, now: now.toISOString() });
    stored.body = { ...body, ...stamp, id };
    return view(stored, []);
  }

  /** Deletes the object; false when it was absent. */
  remove(tenantId: string, key: string, id: string): boolean {
    return this.collection(tenantId, key).delete(id);
  }

  /** Replaces an object's navigation property (assign, scheduleActionsForRules); undefined when the object is absent. */
  replaceNavigation(tenantId: string, key: string, id: string, name: string, items: GraphJson[]): GraphJson[] | undefined {
    const stored = this.collection(tenantId, key).get(id);
    if (!stored) return undefined;
    const withIds = this.withIds(new Map([[name, items]])).get(name) ?? [];
    stored.navigation.set(name, withIds);
    return structuredClone(withIds);
  }

  /**
   * Appends one item to an object's navigation property under the id Graph would give it; undefined when the object
   * is absent, `conflict` when an item with that id is there already (a second message for the same locale).
   */
  addNavigationItem(tenantId: string, key: string, id: string, name: string, item: GraphJson): GraphJson | 'conflict' | undefined {
    const current = this.navigation(tenantId, key, id, name);
    if (!current) return undefined;
    const { id: _ignored, ...rest } = item;
    const keyed = NAVIGATION_ITEM_KEYS[name]?.(id, rest) ?? { id: this.newId(), item: rest };
    if (current.some((existing) => existing.id === keyed.id)) return 'conflict';
    const added = { ...keyed.item, id: keyed.id };
    this.collection(tenantId, key).get(id)!.navigation.set(name, [...current, added]);
    return structuredClone(added);
  }

  /** Merges `patch` into one navigation item (its id and key unchanged); undefined when the object or item is absent. */
  updateNavigationItem(tenantId: string, key: string, id: string, name: string, childId: string, patch: GraphJson): GraphJson | undefined {
    const current = this.navigation(tenantId, key, id, name);
    const at = current?.findIndex((item) => item.id === childId) ?? -1;
    if (!current || at < 0) return undefined;
    const { id: _ignored, ...rest } = patch;
    const keyed = NAVIGATION_ITEM_KEYS[name]?.(id, { ...current[at], ...rest }).item ?? { ...current[at], ...rest };
    current[at] = { ...keyed, id: childId };
    this.collection(tenantId, key).get(id)!.navigation.set(name, current);
    return structuredClone(current[at]);
  }

  /** Deletes one navigation item; false when the object or the item is absent. */
  removeNavigationItem(tenantId: string, key: string, id: string, name: string, childId: string): boolean {
    const current = this.navigation(tenantId, key, id, name);
    if (!current || !current.some((item) => item.id === childId)) return false;
    this.collection(tenantId, key).get(id)!.navigation.set(name, current.filter((item) => item.id !== childId));
    return true;
  }

  /** Counts one event of the tenant's traffic. */
  count(tenantId: string, event: 'httpRequests' | 'operations' | 'throttled'): number {
    const counters = this.state(tenantId).counters;
    return ++counters[event];
  }

  /** How long to hold the tenant's next write before applying it: the slow-writes latency every `every`-th write, else 0. */
  slowWriteDelay(tenantId: string): number {
    const state = this.state(tenantId);
    if (!state.slowWrites) return 0;
    state.writeAttempts = (state.writeAttempts ?? 0) + 1;
    return state.writeAttempts % state.slowWrites.every === 0 ? state.slowWrites.latencyMs : 0;
  }

  /** Counts one successful write to a collection. */
  countWrite(tenantId: string, key: string): void {
    const writes = this.state(tenantId).counters.writes;
    writes[key] = (writes[key] ?? 0) + 1;
  }

  /** A copy of the tenant's counters; throws for an unknown tenant. */
  counters(tenantId: string): TenantCounters {
    return structuredClone(this.state(tenantId).counters);
  }

  private seed(seed: SandboxTenant): void {
    const { objects, ...info } = seed;
    const state: TenantState = { readOnly: false, ...info, collections: new Map(), counters: { httpRequests: 0, operations: 0, throttled: 0, writes: {} } };
    this.tenants.set(seed.id.toLowerCase(), state);
    for (const [key, items] of Object.entries(objects)) {
      this.keys.add(key);
      const collection = this.collectionOf(state, key);
      for (const raw of items) {
        const { body, navigation } = splitBody(raw, key, () => true);
        const id = typeof body.id === 'string' ? body.id : this.newId();
        collection.set(id, { body: { ...body, id }, navigation: this.withIds(navigation, false) });
      }
    }
  }

  /** Gives navigation items ids as Graph does: settings by position, others a new GUID (seeds keep theirs). */
  private withIds(navigation: Map<string, GraphJson[]>, replace = true): Map<string, GraphJson[]> {
    const result = new Map<string, GraphJson[]>();
    for (const [name, items] of navigation) {
      result.set(
        name,
        items.map((item, index) => {
          const keep = !replace && typeof item.id === 'string';
          return { ...structuredClone(item), id: keep ? item.id : name === 'settings' ? String(index) : this.newId() };
        }),
      );
    }
    return result;
  }

  private state(id: string): TenantState {
    const state = this.tenants.get(id.toLowerCase());
    if (!state) throw new Error(`No sandbox tenant ${id}`);
    return state;
  }

  private collection(tenantId: string, key: string): Map<string, StoredObject> {
    return this.collectionOf(this.state(tenantId), key);
  }

  private collectionOf(state: TenantState, key: string): Map<string, StoredObject> {
    let collection = state.collections.get(key);
    if (!collection) state.collections.set(key, (collection = new Map()));
    return collection;
  }
}
