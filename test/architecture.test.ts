import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm), ...text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

/** Where an import lands: a top-level folder of this repo, or the package it names. */
function target(file: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
  return relative(ROOT, join(ROOT, file, '..', specifier)).split(/[\\/]/)[0]!;
}

const RULES: Record<string, string[]> = {
  core: ['bot', 'cards', 'jobs', 'botbuilder', '@microsoft/teams-ai', 'agenda', '@agendajs/mongo-backend', 'restify'],
  cards: ['bot', 'jobs', 'botbuilder', '@microsoft/teams-ai', 'agenda', 'mongodb'],
  jobs: ['bot', 'cards', 'botbuilder', '@microsoft/teams-ai', 'restify'],
};

describe('dependency direction of the layers', () => {
  for (const [layer, forbidden] of Object.entries(RULES)) {
    it(`${layer}/ imports none of: ${forbidden.join(', ')}`, () => {
      const violations = sources(layer).flatMap((file) =>
        importsOf(file)
          .filter((spec) => forbidden.includes(target(file, spec)))
          .map((spec) => `${file} imports ${spec}`),
      );
      expect(violations).toEqual([]);
    });
  }

  it('cards/ uses core only for types', () => {
    const runtime = sources('cards').flatMap((file) =>
      [...readFileSync(join(ROOT, file), 'utf8').matchAll(/^\s*import\s+(?!type\b)[^'"]*from\s+['"]([^'"]+)['"]/gm)]
        .map((m) => m[1]!)
        .filter((spec) => target(file, spec) === 'core')
        .map((spec) => `${file} imports ${spec} at runtime`),
    );
    expect(runtime).toEqual([]);
  });
});
