// The disclosure matrix (issue 12): who reads which category of a case file, rendered from the domain's disclosure
// profiles into the README by `pnpm gen`; tests/integration/case-file.test.ts checks the running API against it.
import { CASE_CATEGORIES, CATEGORY_CONTENT, type Disclosure, disclosureMatrix } from '@nrm/domain';

export const DISCLOSURE_START = '<!-- disclosure-matrix:start -->';
export const DISCLOSURE_END = '<!-- disclosure-matrix:end -->';

const MARK: Record<Disclosure, string> = { visible: '●', summary: '◐', hidden: '–' };

/** The matrix as Markdown: one row per reader, one column per category, and what each category holds. */
export function renderDisclosureMatrix(): string {
  const header = `| reader | ${CASE_CATEGORIES.join(' | ')} |`;
  const rule = `|---|${CASE_CATEGORIES.map(() => ':-:').join('|')}|`;
  const rows = disclosureMatrix().map(
    (row) => `| ${row.reader} | ${CASE_CATEGORIES.map((c) => MARK[row.cells[c]]).join(' | ')} |`,
  );
  const legend = CASE_CATEGORIES.map((c) => {
    const { full, summary } = CATEGORY_CONTENT[c];
    return `- **${c}**: ${full}${summary ? `; in summary: ${summary}` : ''}`;
  });
  return [
    '● shown in full, ◐ in summary, – hidden (absent from the answer). A receiving organisation sees a row only while its hand-off is offered or accepted, its basis (consent or legal duty) holds and the referral is open; otherwise `GET …/case` is 404.',
    '',
    header,
    rule,
    ...rows,
    '',
    ...legend,
  ].join('\n');
}
