import { PNG } from 'pngjs';

/** Pixel sizes Teams requires: a full-colour 192x192 icon and a 32x32 white-on-transparent outline icon. */
export const ICON_SIZES = { color: 192, outline: 32 } as const;

/** The background of the colour icon; the manifest's accentColor is the same colour. */
export const ICON_BACKGROUND = { r: 0x1f, g: 0x5f, b: 0x8b } as const;

/** Where and how thick the globe is drawn, in units of half the icon's width (the icon spans -1..1). */
type Glyph = { radius: number; stroke: number; latitudes: boolean };

/** Teams wants the colour icon's symbol inside the central 96 px; the outline symbol nearly fills its 32 px. */
const COLOR_GLYPH: Glyph = { radius: 0.46, stroke: 0.085, latitudes: true };
const OUTLINE_GLYPH: Glyph = { radius: 0.84, stroke: 0.15, latitudes: false };

const SAMPLES = 4;

/** The 192x192 colour icon: a white globe on the accent colour, opaque everywhere. */
export function drawColorIcon(): Buffer {
  return draw(ICON_SIZES.color, COLOR_GLYPH, (coverage) => {
    const mix = (c: number) => Math.round(c + (255 - c) * coverage);
    return [mix(ICON_BACKGROUND.r), mix(ICON_BACKGROUND.g), mix(ICON_BACKGROUND.b), 255];
  });
}

/** The 32x32 outline icon: the same globe in white, every other pixel fully transparent. */
export function drawOutlineIcon(): Buffer {
  return draw(ICON_SIZES.outline, OUTLINE_GLYPH, (coverage) => [255, 255, 255, Math.round(255 * coverage)]);
}

/** Renders the glyph with SAMPLES x SAMPLES supersampling so edges are smooth at both sizes. */
function draw(size: number, glyph: Glyph, paint: (coverage: number) => [number, number, number, number]): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let hits = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const u = ((x + (sx + 0.5) / SAMPLES) / size) * 2 - 1;
          const v = ((y + (sy + 0.5) / SAMPLES) / size) * 2 - 1;
          if (inGlobe(u, v, glyph)) hits++;
        }
      }
      png.data.set(paint(hits / (SAMPLES * SAMPLES)), (y * size + x) * 4);
    }
  }
  return PNG.sync.write(png, { colorType: 6 });
}

/** A globe: outer ring, one meridian ellipse, the equator and optionally two parallels. */
function inGlobe(x: number, y: number, { radius, stroke, latitudes }: Glyph): boolean {
  const half = stroke / 2;
  const r = Math.hypot(x, y);
  if (Math.abs(r - radius) <= half) return true;
  if (r > radius) return false;
  if (Math.abs(ellipseDistance(x, y, radius * 0.42, radius)) <= half) return true;
  if (Math.abs(y) <= half) return true;
  return latitudes && Math.abs(Math.abs(y) - radius * 0.5) <= half;
}

/** First-order distance to an axis-aligned ellipse: exact enough for a stroke a few pixels wide. */
function ellipseDistance(x: number, y: number, rx: number, ry: number): number {
  const k = Math.hypot(x / rx, y / ry);
  const gradient = Math.hypot(x / (rx * rx), y / (ry * ry)) / (k || 1);
  return gradient === 0 ? -Math.min(rx, ry) : (k - 1) / gradient;
}
