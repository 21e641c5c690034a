// The contact sheet: one HTML page of every screenshot a browser run took, at 375 and 1280 px, with the page's
// name, address, language and whether JavaScript ran, so a person can review every page at a glance.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const ARTIFACTS = 'tests/artifacts';
export const SCREENSHOTS = join(ARTIFACTS, 'screenshots');
export const CONTACT_SHEET = join(ARTIFACTS, 'contact-sheet.html');
export const SHEET_WIDTHS = [375, 1280] as const;

/** What is known of one screenshot, written beside its images as `<name>.json`. */
export interface Shot {
  readonly name: string;
  readonly path: string;
  readonly title: string;
  readonly lang: string;
  readonly javaScript: boolean;
}

export const imageFile = (name: string, width: number) => `${name}-${width}.png`;

/** A run starts with no screenshots, so the sheet shows this run's pages only. */
export function clearScreenshots(): void {
  rmSync(SCREENSHOTS, { recursive: true, force: true });
  rmSync(CONTACT_SHEET, { force: true });
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function writeContactSheet(): number {
  if (!existsSync(SCREENSHOTS)) return 0;
  const shots: Shot[] = readdirSync(SCREENSHOTS)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(SCREENSHOTS, f), 'utf8')) as Shot)
    .sort((a, b) => a.name.localeCompare(b.name));
  const src = (file: string) => escapeHtml(relative(ARTIFACTS, join(SCREENSHOTS, file)));
  const cards = shots.map((shot) => {
    const images = SHEET_WIDTHS.map((width) => {
      const file = imageFile(shot.name, width);
      return `<a href="${src(file)}" class="w${width}"><img src="${src(file)}" alt="${escapeHtml(shot.name)} at ${width} px" loading="lazy"><span>${width} px</span></a>`;
    }).join('');
    return `<figure><figcaption><strong>${escapeHtml(shot.name)}</strong> ${escapeHtml(shot.title)}<br><code>${escapeHtml(
      shot.path,
    )}</code> · ${escapeHtml(shot.lang)} · JavaScript ${shot.javaScript ? 'on' : 'off'}</figcaption><div class="images">${images}</div></figure>`;
  });
  const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>NRM pages: ${shots.length} screenshots</title>
<style>
body{font:14px system-ui,sans-serif;margin:1rem;color:#0b0c0c}
main{display:grid;grid-template-columns:repeat(auto-fill,minmax(26rem,1fr));gap:1rem}
figure{margin:0;border:1px solid #b1b4b6;padding:.5rem}
figcaption{margin-bottom:.5rem}
.images{display:flex;gap:.5rem;align-items:flex-start}
.images a{display:block;max-height:22rem;overflow:hidden;border:1px solid #dbdad9;position:relative}
.images a.w375{flex:0 0 7.5rem}.images a.w1280{flex:1}
.images img{width:100%;display:block}
.images span{position:absolute;right:0;bottom:0;background:#0b0c0c;color:#fff;padding:0 .3rem}
</style></head>
<body><h1>NRM pages: ${shots.length} screenshots at ${SHEET_WIDTHS.join(' and ')} px</h1>
<p>Written by the browser suites (tests/e2e); each image opens full size.</p>
<main>
${cards.join('\n')}
</main></body></html>
`;
  writeFileSync(CONTACT_SHEET, page);
  return shots.length;
}
