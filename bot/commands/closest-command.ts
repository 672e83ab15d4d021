/** Most edits (insert, delete, replace, swap) between a typed word and a command for "Did you mean …?". */
const MAX_EDITS = 2;

/**
 * The command a mistyped keyword most likely meant (`comapre` → `compare`, `tenant` → `tenants`), or undefined when
 * nothing is close. Short words need an exact prefix match, so `a` or `ok` never suggest a command.
 */
export function closestCommand<C extends string>(typed: string, commands: readonly C[]): C | undefined {
  const word = typed.toLowerCase();
  if (word.length < 3) return undefined;
  let best: { command: C; edits: number } | undefined;
  for (const command of commands) {
    const edits = editDistance(word, command);
    const allowed = Math.min(MAX_EDITS, Math.floor(command.length / 3));
    if (edits <= allowed && (!best || edits < best.edits)) best = { command, edits };
  }
  return best?.command;
}

/** Optimal string alignment distance: Levenshtein plus swaps of neighbouring letters. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}
