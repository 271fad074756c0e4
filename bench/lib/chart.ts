/** Small SVG charts (bars, lines, stacked bars), turned into PNG with sharp. */
import sharp from 'sharp';

export const PALETTE = [
  '#2b6cb0',
  '#dd6b20',
  '#38a169',
  '#805ad5',
  '#d53f8c',
  '#718096',
  '#d69e2e',
  '#319795',
  '#e53e3e',
  '#2c7a7b',
  '#975a16',
  '#1a202c',
];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));

export interface Panel {
  x: number;
  y: number;
  w: number;
  h: number;
}

function frame(p: Panel, title: string): string {
  return (
    `<rect x="${p.x}" y="${p.y}" width="${p.w}" height="${p.h}" fill="#fff" stroke="#ddd"/>` +
    `<text x="${p.x + 12}" y="${p.y + 22}" font-size="15" font-weight="bold" fill="#222">${esc(title)}</text>`
  );
}

function axis(p: Panel, ymax: number, log: boolean, unit: string, plot: Panel): { y: (v: number) => number; svg: string } {
  const lo = log ? 0 : 0;
  const hiLog = Math.log10(Math.max(ymax, 1.0001));
  const y = (v: number) =>
    log
      ? plot.y + plot.h - (Math.max(0, Math.log10(Math.max(v, 1)) - lo) / Math.max(hiLog, 0.0001)) * plot.h
      : plot.y + plot.h - (v / ymax) * plot.h;
  const ticks = log
    ? Array.from({ length: Math.floor(hiLog) + 1 }, (_, i) => 10 ** i)
    : Array.from({ length: 5 }, (_, i) => (ymax * i) / 4);
  let svg = `<line x1="${plot.x}" y1="${plot.y + plot.h}" x2="${plot.x + plot.w}" y2="${plot.y + plot.h}" stroke="#999"/>`;
  for (const t of ticks) {
    svg += `<line x1="${plot.x}" y1="${y(t)}" x2="${plot.x + plot.w}" y2="${y(t)}" stroke="#eee"/>`;
    svg += `<text x="${plot.x - 6}" y="${y(t) + 4}" font-size="11" text-anchor="end" fill="#555">${fmt(t)}</text>`;
  }
  svg += `<text x="${p.x + 12}" y="${p.y + 40}" font-size="11" fill="#777">${esc(unit)}${log ? ' (log scale)' : ''}</text>`;
  return { y, svg };
}

const plotArea = (p: Panel): Panel => ({ x: p.x + 56, y: p.y + 52, w: p.w - 76, h: p.h - 96 });

/** Groups of bars; `targets` draw dashed lines (label at the right). */
export function bars(
  p: Panel,
  title: string,
  unit: string,
  groups: { label: string; values: { name: string; value: number }[] }[],
  opts: { log?: boolean; targets?: { value: number; label: string }[] } = {},
): string {
  const plot = plotArea(p);
  const all = groups.flatMap((g) => g.values.map((v) => v.value)).concat((opts.targets ?? []).map((t) => t.value));
  const ymax = Math.max(1, ...all.filter(Number.isFinite)) * 1.15;
  const { y, svg: ax } = axis(p, ymax, !!opts.log, unit, plot);
  let svg = frame(p, title) + ax;
  const gw = plot.w / Math.max(1, groups.length);
  const names = [...new Set(groups.flatMap((g) => g.values.map((v) => v.name)))];
  groups.forEach((g, gi) => {
    const bw = Math.min(48, (gw * 0.8) / Math.max(1, g.values.length));
    const start = plot.x + gi * gw + (gw - bw * g.values.length) / 2;
    g.values.forEach((v, vi) => {
      const color = PALETTE[names.indexOf(v.name) % PALETTE.length];
      const top = Number.isFinite(v.value) ? y(v.value) : plot.y + plot.h;
      svg += `<rect x="${start + vi * bw}" y="${top}" width="${bw - 3}" height="${plot.y + plot.h - top}" fill="${color}"/>`;
      svg += `<text x="${start + vi * bw + (bw - 3) / 2}" y="${top - 4}" font-size="11" text-anchor="middle" fill="#222">${Number.isFinite(v.value) ? fmt(v.value) : 'n/a'}</text>`;
    });
    svg += `<text x="${plot.x + gi * gw + gw / 2}" y="${plot.y + plot.h + 16}" font-size="12" text-anchor="middle" fill="#333">${esc(g.label)}</text>`;
  });
  for (const t of opts.targets ?? []) {
    svg += `<line x1="${plot.x}" y1="${y(t.value)}" x2="${plot.x + plot.w}" y2="${y(t.value)}" stroke="#e53e3e" stroke-dasharray="6 4"/>`;
    svg += `<text x="${plot.x + plot.w}" y="${y(t.value) - 4}" font-size="11" text-anchor="end" fill="#e53e3e">${esc(t.label)}</text>`;
  }
  if (names.length > 1) svg += legend(p, names);
  return svg;
}

function legend(p: Panel, names: string[]): string {
  let x = p.x + 56;
  let svg = '';
  for (const [i, n] of names.entries()) {
    svg += `<rect x="${x}" y="${p.y + p.h - 22}" width="10" height="10" fill="${PALETTE[i % PALETTE.length]}"/>`;
    svg += `<text x="${x + 14}" y="${p.y + p.h - 13}" font-size="11" fill="#333">${esc(n)}</text>`;
    x += 24 + n.length * 7;
  }
  return svg;
}

/** Lines over a shared x axis (seconds). */
export function lines(p: Panel, title: string, unit: string, series: { name: string; points: [number, number][] }[], xUnit = 's'): string {
  const plot = plotArea(p);
  const xmax = Math.max(1, ...series.flatMap((s) => s.points.map(([x]) => x)));
  const ymax = Math.max(1, ...series.flatMap((s) => s.points.map(([, v]) => v))) * 1.1;
  const { y, svg: ax } = axis(p, ymax, false, unit, plot);
  const x = (v: number) => plot.x + (v / xmax) * plot.w;
  let svg = frame(p, title) + ax;
  for (let i = 0; i <= 4; i++) {
    const v = (xmax * i) / 4;
    svg += `<text x="${x(v)}" y="${plot.y + plot.h + 16}" font-size="11" text-anchor="middle" fill="#555">${fmt(v)} ${xUnit}</text>`;
  }
  series.forEach((s, i) => {
    const d = s.points.map(([a, b], j) => `${j ? 'L' : 'M'}${x(a).toFixed(1)},${y(b).toFixed(1)}`).join(' ');
    svg += `<path d="${d}" fill="none" stroke="${PALETTE[i % PALETTE.length]}" stroke-width="2"/>`;
  });
  return (
    svg +
    legend(
      p,
      series.map((s) => s.name),
    )
  );
}

/** One stacked bar per group, segments by name. */
export function stacked(p: Panel, title: string, unit: string, groups: { label: string; parts: Record<string, number> }[]): string {
  const plot = plotArea(p);
  const names = [...new Set(groups.flatMap((g) => Object.keys(g.parts)))];
  const ymax = Math.max(1, ...groups.map((g) => Object.values(g.parts).reduce((a, b) => a + b, 0))) * 1.1;
  const { y, svg: ax } = axis(p, ymax, false, unit, plot);
  let svg = frame(p, title) + ax;
  const gw = plot.w / Math.max(1, groups.length);
  groups.forEach((g, gi) => {
    const bw = Math.min(70, gw * 0.6);
    const bx = plot.x + gi * gw + (gw - bw) / 2;
    let acc = 0;
    names.forEach((n, ni) => {
      const v = g.parts[n] ?? 0;
      if (v <= 0) return;
      const top = y(acc + v);
      const bottom = y(acc);
      svg += `<rect x="${bx}" y="${top}" width="${bw}" height="${Math.max(0, bottom - top)}" fill="${PALETTE[ni % PALETTE.length]}"/>`;
      if (bottom - top > 12)
        svg += `<text x="${bx + bw / 2}" y="${(top + bottom) / 2 + 4}" font-size="10" text-anchor="middle" fill="#fff">${fmt(v)}</text>`;
      acc += v;
    });
    svg += `<text x="${bx + bw / 2}" y="${y(acc) - 4}" font-size="11" text-anchor="middle" fill="#222">${fmt(acc)}</text>`;
    svg += `<text x="${plot.x + gi * gw + gw / 2}" y="${plot.y + plot.h + 16}" font-size="12" text-anchor="middle" fill="#333">${esc(g.label)}</text>`;
  });
  return svg + legend(p, names);
}

export function page(width: number, height: number, title: string, subtitle: string, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="DejaVu Sans, sans-serif">` +
    `<rect width="${width}" height="${height}" fill="#f7f7f7"/>` +
    `<text x="20" y="30" font-size="20" font-weight="bold" fill="#111">${esc(title)}</text>` +
    `<text x="20" y="52" font-size="12" fill="#555">${esc(subtitle)}</text>${body}</svg>`
  );
}

export async function writePng(svg: string, file: string): Promise<void> {
  await sharp(Buffer.from(svg)).png().toFile(file);
}
