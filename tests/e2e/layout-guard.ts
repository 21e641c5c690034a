// The layout guard: on a loaded page, at several viewport widths, every visible control must have a usable size, no
// two controls, labels or links may overlap, no text may be clipped and the page must not scroll sideways (WCAG 2.1
// 1.4.10 reflow at 320 CSS px). axe-core and the keyboard tests cannot see any of this: they read the DOM, not the
// boxes. browser.ts runs the guard after every navigation, so every page a browser test visits is checked.
import type { Page } from 'playwright-core';

/** 320: WCAG 1.4.10 reflow; 375: a common phone; 1280: a laptop. The page's own width (1024) is checked too. */
export const GUARD_WIDTHS = [320, 375, 1280] as const;
const HEIGHT = 800;

export interface LayoutProblem {
  readonly kind: 'size' | 'overlap' | 'clipped' | 'scroll';
  /** The offending element(s), each as selector, "label" and box. */
  readonly what: string;
  readonly detail: string;
}

/** Limits, in CSS px. */
export const LIMITS = {
  /** Text boxes and selects: the GOV.UK design system's 40 px, which `.input` (2.5rem) is drawn at. */
  fieldHeight: 40,
  /** Radios, checkboxes, buttons and summaries: WCAG 2.2 2.5.8 target size (minimum). */
  target: 24,
  /** A text box must show at least this many digits besides its value: the shortest field asks for an age. */
  minimumDigits: 4,
  /** Chromium draws a select's arrow inside its padding box; its text must fit beside it. */
  selectArrow: 20,
  /** Sub-pixel rounding. */
  tolerance: 1,
} as const;

/**
 * Measures the page in the browser. Self-contained (it is serialised into the page), so it names no outer variable.
 *
 * Explicit exemptions, each with its reason:
 * - `.visually-hidden` and everything in it: deliberately a 1 px clipped box for screen readers.
 * - `.skip-link`: off screen until focused, then drawn over the header on purpose (the GOV.UK pattern).
 * - a radio or checkbox drawn invisible (opacity 0) as part of a card or custom control passes the target size if
 *   its label, which takes the click, does.
 * - links inside running text are not checked for target size (WCAG 2.5.8's inline exception), only for overlap.
 * - scroll containers (`overflow: auto|scroll`, e.g. `.table-wrap` around a wide data table) may scroll: 1.4.10
 *   exempts data tables, and their content is reachable.
 */
export function findLayoutProblems(limits: typeof LIMITS): LayoutProblem[] {
  // What a closed <details> holds (the coordinator's transfer and close forms) is one click away: it is measured
  // open, and closed again before the test goes on.
  const closed = Array.from(document.querySelectorAll('details:not([open])')) as HTMLDetailsElement[];
  for (const details of closed) details.open = true;
  try {
    const problems: LayoutProblem[] = [];
    const exempt = (el: Element) => el.closest('.visually-hidden, .skip-link') !== null;
    // Not displayed, hidden, or inside a closed <details> (laid out but never painted: content-visibility).
    const shown = (el: Element) => !exempt(el) && el.checkVisibility({ visibilityProperty: true });
    const round = (n: number) => Math.round(n);
    const box = (r: DOMRect) => `${round(r.x)},${round(r.y)} ${round(r.width)}×${round(r.height)}`;
    const text = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
    const nameOf = (el: Element): string => {
      const labelled = (el as HTMLInputElement).labels?.[0];
      return text(
        labelled?.textContent ??
          el.getAttribute('aria-label') ??
          (el.tagName === 'SELECT' || el.tagName === 'TEXTAREA' ? '' : el.textContent),
      );
    };
    const selectorOf = (el: Element): string => {
      const tag = el.tagName.toLowerCase();
      if (el.id) return `${tag}#${el.id}`;
      const name = el.getAttribute('name');
      const value = el.getAttribute('value');
      if (name) return `${tag}[name="${name}"]${value && tag !== 'textarea' ? `[value="${value}"]` : ''}`;
      const href = el.getAttribute('href');
      if (href) return `${tag}[href="${href}"]`;
      const cls = el.getAttribute('class');
      return cls ? `${tag}.${cls.trim().split(/\s+/).join('.')}` : tag;
    };
    const describe = (el: Element, r: DOMRect = el.getBoundingClientRect()) => {
      const name = nameOf(el);
      return `${selectorOf(el)}${name ? ` "${name}"` : ''} at ${box(r)}`;
    };

    // Usable sizes.
    const measure = document.createElement('canvas').getContext('2d')!;
    const textWidth = (el: Element, s: string) => {
      const style = getComputedStyle(el);
      measure.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      return measure.measureText(s).width;
    };
    const chrome = (el: Element) => {
      const s = getComputedStyle(el);
      return (
        Number.parseFloat(s.paddingLeft) +
        Number.parseFloat(s.paddingRight) +
        Number.parseFloat(s.borderLeftWidth) +
        Number.parseFloat(s.borderRightWidth)
      );
    };
    const TEXT_TYPES = ['text', 'number', 'email', 'tel', 'url', 'search', 'password', 'date', ''];
    for (const el of Array.from(
      document.querySelectorAll('input, select, textarea, button, summary, a.button'),
    )) {
      if (!shown(el)) continue;
      const r = el.getBoundingClientRect();
      const type = el.tagName === 'INPUT' ? ((el as HTMLInputElement).getAttribute('type') ?? '') : '';
      if (type === 'hidden') continue;
      const small = (why: string) => problems.push({ kind: 'size', what: describe(el, r), detail: why });
      if (type === 'radio' || type === 'checkbox') {
        const ok =
          r.width >= limits.target - limits.tolerance && r.height >= limits.target - limits.tolerance;
        const label = (el as HTMLInputElement).labels?.[0]?.getBoundingClientRect();
        const card =
          getComputedStyle(el).opacity === '0' &&
          label !== undefined &&
          label.width >= limits.target &&
          label.height >= limits.target - limits.tolerance;
        if (!ok && !card) small(`a ${type} smaller than ${limits.target}×${limits.target}`);
      } else if (el.tagName === 'INPUT' || el.tagName === 'SELECT' || el.tagName === 'TEXTAREA') {
        if (el.tagName === 'INPUT' && !TEXT_TYPES.includes(type)) continue;
        if (r.height < limits.fieldHeight - limits.tolerance) small(`lower than ${limits.fieldHeight} px`);
        let content: string;
        let needed: number;
        if (el.tagName === 'SELECT') {
          const select = el as HTMLSelectElement;
          content = select.selectedOptions[0]?.textContent ?? '';
          needed = textWidth(el, content) + chrome(el) + limits.selectArrow;
        } else {
          const field = el as HTMLInputElement;
          content = field.value.length > 0 ? field.value : (field.placeholder ?? '');
          needed =
            Math.max(textWidth(el, content), textWidth(el, '0'.repeat(limits.minimumDigits))) + chrome(el);
        }
        if (r.width < needed - limits.tolerance)
          small(`${round(r.width)} px wide, its content ("${text(content)}") needs ${Math.ceil(needed)} px`);
      } else if (r.width < limits.target - limits.tolerance || r.height < limits.target - limits.tolerance) {
        small(`a target smaller than ${limits.target}×${limits.target}`);
      }
    }

    // Overlaps between controls, labels and links (each line of a wrapped link on its own).
    const parts: { el: Element; r: DOMRect }[] = [];
    const boxed = document.querySelectorAll(
      'input:not([type=hidden]), select, textarea, button, summary, label, legend, a[href]',
    );
    for (const el of Array.from(boxed)) {
      if (!shown(el)) continue;
      const rects =
        getComputedStyle(el).display === 'inline'
          ? Array.from(el.getClientRects())
          : [el.getBoundingClientRect()];
      for (const r of rects) if (r.width > 0 || r.height > 0) parts.push({ el, r });
    }
    const reported = new Set<string>();
    for (let i = 0; i < parts.length; i++) {
      for (let j = i + 1; j < parts.length; j++) {
        const a = parts[i]!;
        const b = parts[j]!;
        if (a.el === b.el || a.el.contains(b.el) || b.el.contains(a.el)) continue;
        const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (w <= limits.tolerance || h <= limits.tolerance) continue;
        const what = `${describe(a.el, a.r)} and ${describe(b.el, b.r)}`;
        if (reported.has(what)) continue;
        reported.add(what);
        problems.push({ kind: 'overlap', what, detail: `overlap by ${round(w)}×${round(h)}` });
      }
    }

    // Clipped text: a box that hides what does not fit in it. Form controls are sized above; scroll containers scroll.
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      if (el.matches('input, select, textarea, option, optgroup, svg, svg *') || !shown(el)) continue;
      const s = getComputedStyle(el);
      const hides = (o: string) => o === 'hidden' || o === 'clip';
      const x = hides(s.overflowX) && el.scrollWidth > el.clientWidth + limits.tolerance;
      const y = hides(s.overflowY) && el.scrollHeight > el.clientHeight + limits.tolerance;
      const ellipsis = s.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + limits.tolerance;
      if (x || y || ellipsis)
        problems.push({
          kind: 'clipped',
          what: describe(el),
          detail: `shows ${el.clientWidth}×${el.clientHeight} of ${el.scrollWidth}×${el.scrollHeight}`,
        });
    }

    // Sideways scrolling: name the outermost elements that stick out to the right, outside any scroll container.
    const viewport = document.documentElement.clientWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth > viewport + limits.tolerance) {
      // Whether a scroll container clips the element: one that holds it in the DOM does not clip an absolutely
      // positioned box whose containing block lies outside it (the way a hidden text escapes a table's scroller).
      const inScroller = (el: Element) => {
        let position = getComputedStyle(el).position;
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
          if (position === 'fixed') return false;
          const style = getComputedStyle(p);
          const contains = position !== 'absolute' || style.position !== 'static';
          if (contains && style.overflowX !== 'visible') return true;
          if (contains) position = style.position;
        }
        return false;
      };
      const reach = new Map<Element, number>();
      for (const el of Array.from(document.querySelectorAll('body *'))) {
        const right = el.getBoundingClientRect().right;
        // Exempt or not: a visually hidden text placed out to the right widens the page like any other.
        if (right > viewport + limits.tolerance && el.checkVisibility() && !inScroller(el))
          reach.set(el, right);
      }
      // Text that runs out of its box (a long word or address) sticks out though its element does not.
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || reach.has(parent) || !parent.checkVisibility() || inScroller(parent)) continue;
        range.selectNodeContents(node);
        const right = range.getBoundingClientRect().right;
        if (right > viewport + limits.tolerance) reach.set(parent, right);
      }
      const outermost = [...reach.keys()].filter((el) => !reach.has(el.parentElement as Element)).slice(0, 5);
      problems.push({
        kind: 'scroll',
        what:
          outermost.map((el) => `${describe(el)} reaching ${round(reach.get(el)!)}`).join('; ') || 'the page',
        detail: `the page is ${scrollWidth} px wide in a ${viewport} px viewport`,
      });
    }
    return problems;
  } finally {
    for (const details of closed) details.open = false;
  }
}

/** What the guard found at one width. */
export interface WidthReport {
  readonly width: number;
  readonly problems: readonly LayoutProblem[];
}

/**
 * Runs the checks at the page's own width and at each of `widths`, resizing the loaded page (no new navigation), and
 * puts the viewport back. `atWidth` runs at each width after the checks (the screenshots use it).
 */
export async function checkLayout(
  page: Page,
  options: { widths?: readonly number[]; atWidth?: (width: number) => Promise<void> } = {},
): Promise<WidthReport[]> {
  const original = page.viewportSize() ?? { width: 1024, height: HEIGHT };
  const widths = [original.width, ...(options.widths ?? GUARD_WIDTHS).filter((w) => w !== original.width)];
  const reports: WidthReport[] = [];
  try {
    for (const width of widths) {
      if (width !== page.viewportSize()?.width) await page.setViewportSize({ width, height: HEIGHT });
      reports.push({ width, problems: await page.evaluate(findLayoutProblems, LIMITS) });
      await options.atWidth?.(width);
    }
  } finally {
    if (page.viewportSize()?.width !== original.width) await page.setViewportSize(original);
  }
  return reports;
}

export function formatProblems(where: string, reports: readonly WidthReport[]): string {
  const lines = reports.flatMap(({ width, problems }) =>
    problems.map((p) => `  at ${width} px — ${p.kind}: ${p.what}: ${p.detail}`),
  );
  return `Layout guard: ${lines.length} problem(s) on ${where}\n${lines.join('\n')}`;
}

/** Fails with every problem named (page, width, element, box) if the page has any. */
export async function guardLayout(
  page: Page,
  options: { where?: string; atWidth?: (width: number) => Promise<void> } = {},
): Promise<void> {
  const reports = await checkLayout(page, options);
  if (reports.some((r) => r.problems.length > 0)) {
    const lang = await page.getAttribute('html', 'lang').catch(() => null);
    throw new Error(formatProblems(`${options.where ?? page.url()} (lang ${lang ?? '?'})`, reports));
  }
}
