// Optional fields are left out of events, states and views, never written as `undefined` (DynamoDB and JSON would
// keep or drop them differently): one helper instead of a `...(x ? { x } : {})` per field.

/** The fields of `fields` that hold a value (truthy, as the spread idiom it replaces); the others are left out. */
export function present<T extends Record<string, unknown>>(
  fields: T,
): { [K in keyof T]?: NonNullable<T[K]> } {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => Boolean(value))) as {
    [K in keyof T]?: NonNullable<T[K]>;
  };
}
