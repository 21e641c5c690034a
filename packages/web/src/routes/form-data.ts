// Reading what a form or a query says: as strings, only a table's own keys, and only this site's paths.

export type FormBody = Record<string, string | File | (string | File)[]>;

/** A value of a table keyed by what a request says: only the table's own entries, never `toString` or `__proto__`. */
export const own = <T>(table: Readonly<Record<string, T>>, key: string | undefined): T | undefined =>
  key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;

/** A form field as one trimmed string ('' when absent or a file). */
export const str = (form: FormBody, name: string): string => {
  const value = form[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
};

/** The form as strings (files are never accepted). */
export function formValues(form: FormBody): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(form)) {
    // The form's hidden fields (CSRF token, request key) are not what the user typed.
    if (key.startsWith('_')) continue;
    if (Array.isArray(value)) out[key] = value.filter((v): v is string => typeof v === 'string');
    else if (typeof value === 'string') out[key] = value;
  }
  return out;
}

/** What was typed, one string a field, to show again in the form the page refused. */
export const typedBack = (form: FormBody): Record<string, string> =>
  Object.fromEntries(Object.keys(formValues(form)).map((name) => [name, str(form, name)]));

/** The form's own key (CsrfField) as the API's Idempotency-Key: the same form sent twice creates nothing twice. */
export const requestKey = (form: FormBody) => {
  const key = str(form, '_request');
  return /^[0-9a-f-]{36}$/.test(key) ? { 'Idempotency-Key': `web-${key}` } : undefined;
};

/** Where to go after signing in: a path of this site, else the start page. */
export const safeNext = (next: string | undefined) =>
  next && /^\/(?!\/)[\w\-./?=&%]*$/.test(next) ? next : '/';
