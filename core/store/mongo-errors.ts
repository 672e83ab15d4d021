/** MongoDB's duplicate key error: how exclusivity is detected without transactions or partial indexes. */
export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}
