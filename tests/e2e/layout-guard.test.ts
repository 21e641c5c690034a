// The layout guard is a test that can fail: fed a deliberately broken page it names every problem (the overlap and
// the squashed field of issue 22's conditional reveal, small checkboxes, also one folded in a closed <details>,
// clipped text, sideways scrolling at 320 px), and a well-made page passes.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CSS } from '../../packages/web/src/assets';
import { useChromium } from './browser';
import { checkLayout, guardLayout } from './layout-guard';

const browser = useChromium();
let page: Page;
beforeAll(async () => {
  page = await browser.newPage({ viewport: { width: 1024, height: 800 } });
});

const STYLE = `<!doctype html><style>
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 sans-serif}
.choice{position:relative;padding-left:40px;min-height:32px}
.input{font:inherit;border:2px solid;padding:6px 8px;min-height:40px}
</style>`;

// The bug as it was: the choice's rule for its radio (`.choice input`) also caught the field it reveals.
const BROKEN = `${STYLE}<style>.choice input{position:absolute;left:0;top:0;width:28px;height:28px;margin:0}</style>
<div class="choice">
  <input type="radio" id="dob" name="ageKind" checked><label for="dob">Date of birth known</label>
  <div><label for="dateOfBirth">Date of birth</label><input id="dateOfBirth" class="input"></div>
</div>
<input type="checkbox" id="tiny" style="width:12px;height:12px"><label for="tiny">Tiny</label>
<div id="clipped" style="width:60px;overflow:hidden;white-space:nowrap">Text that does not fit in sixty pixels</div>
<div id="wide" style="width:600px">Wider than a phone</div>
<details><summary>More</summary><input type="checkbox" id="folded" style="width:10px;height:10px"></details>`;

const GOOD = `${STYLE}<style>.choice>input{position:absolute;left:0;top:0;width:28px;height:28px;margin:0}</style>
<div class="choice">
  <input type="radio" id="dob" name="ageKind" checked><label for="dob">Date of birth known</label>
  <div><label for="dateOfBirth">Date of birth</label><input id="dateOfBirth" class="input" style="max-width:100%"></div>
</div>
<p class="visually-hidden" style="position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)">Only for screen readers</p>`;

describe('the layout guard', () => {
  it('names the overlap, the small controls, the clipped text and the sideways scrolling, with their boxes', async () => {
    await page.setContent(BROKEN);
    const reports = await checkLayout(page, { widths: [320] });
    expect(reports.map((r) => r.width)).toEqual([1024, 320]);
    const at320 = reports[1]!.problems.map((p) => `${p.kind}: ${p.what}: ${p.detail}`);
    expect(at320).toContainEqual(
      expect.stringMatching(
        /^overlap: input#dob .* at 0,0 28×28 and input#dateOfBirth "Date of birth" at 0,0 28×/,
      ),
    );
    expect(at320).toContainEqual(
      expect.stringMatching(
        /^size: input#dateOfBirth "Date of birth" .*28 px wide, its content .* needs \d+ px$/,
      ),
    );
    expect(at320).toContainEqual(
      expect.stringMatching(/^size: input#tiny "Tiny" at .* 12×12: a checkbox smaller/),
    );
    expect(at320).toContainEqual(expect.stringMatching(/^clipped: div#clipped .*: shows 60×\d+ of \d+×\d+$/));
    expect(at320).toContainEqual(
      expect.stringMatching(/^scroll: div#wide .*: the page is 600 px wide in a 320 px/),
    );
    // What a closed <details> holds is measured too, and the details is left closed.
    expect(at320).toContainEqual(
      expect.stringMatching(/^size: input#folded at .* 10×10: a checkbox smaller/),
    );
    expect(await page.$eval('details', (d) => (d as HTMLDetailsElement).open)).toBe(false);
    // Only 320 px is too narrow for the wide box.
    expect(reports[0]!.problems.map((p) => p.kind)).not.toContain('scroll');
    // The page is left at the width it had.
    expect(page.viewportSize()?.width).toBe(1024);
  });

  it('fails with a message naming the page, the width and the controls', async () => {
    await page.setContent(BROKEN);
    const failure = guardLayout(page, { where: 'the broken snippet' });
    await expect(failure).rejects.toThrow(
      /^Layout guard: \d+ problem\(s\) on the broken snippet \(lang \?\)\n/,
    );
    await expect(failure).rejects.toThrow(
      /\n {2}at 1024 px — overlap: input#dob "Date of birth known" at 0,0 28×28 and input#dateOfBirth/,
    );
    await expect(failure).rejects.toThrow(/\n {2}at 320 px — scroll: div#wide/);
  });

  it('names a visually hidden text that escapes a wide table’s scroller and widens the page', async () => {
    // The receiver's hand-off table with the web's own style sheet, as it was (an unpositioned scroller) and as it is.
    const table = (
      extra: string,
    ) => `<!doctype html><style>${CSS}${extra}</style><main class="container main">
      <div class="table-wrap"><table><caption class="visually-hidden">Hand-offs</caption>
        <tr><td><div style="width:500px">Wide</div></td>
        <td><a href="#decline">Decline<span class="visually-hidden"> NRM-2026-000001</span></a></td></tr>
      </table></div></main>`;
    await page.setContent(table('.table-wrap{position:static}'));
    const [problem] = (await checkLayout(page, { widths: [320] }))[1]!.problems;
    expect(problem?.kind).toBe('scroll');
    expect(problem?.what).toMatch(/^span\.visually-hidden "NRM-2026-000001" at \d+,\d+ 1×1 reaching \d+/);
    await page.setContent(table(''));
    expect((await checkLayout(page, { widths: [320] })).flatMap((r) => r.problems)).toEqual([]);
  });

  it('passes a reveal whose field is drawn below its radio, at every width', async () => {
    await page.setContent(GOOD);
    await guardLayout(page, { where: 'the good snippet' });
  });
});
