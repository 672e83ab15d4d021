import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { drawColorIcon, drawOutlineIcon } from './icons';

/** Writes manifest/color.png and manifest/outline.png; run `npx tsx manifest/draw-icons.ts` after changing icons.ts. */
for (const [file, draw] of [['color.png', drawColorIcon], ['outline.png', drawOutlineIcon]] as const) {
  const path = fileURLToPath(new URL(file, import.meta.url));
  writeFileSync(path, draw());
  console.log(`wrote ${path}`);
}
