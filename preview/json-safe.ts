/**
 * What may cross google.script.run, checked the way the preview needs it: on the server for return
 * values, in the page's shim for arguments. Plain objects, arrays, strings, finite numbers, booleans
 * and null pass; a Date, a function, a class instance, NaN or a hole does not (Apps Script would fail
 * the call, or quietly hand the client null). Must never throw: it returns the problem as text.
 */

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === null) return true;
  // Object.prototype of any realm: the bundle runs in a vm context with its own Object.
  return (
    Object.getPrototypeOf(proto) === null &&
    typeof (proto as { constructor?: unknown }).constructor === 'function' &&
    (proto as { constructor: { name?: unknown } }).constructor.name === 'Object'
  );
}

/**
 * Why `value` cannot cross google.script.run (naming where it is), or null when it can.
 * `holesBecomeNull`: allow undefined array elements, which google.script.run passes to the server as
 * null (its documented rule for arguments); return values keep the stricter house rule.
 */
export function jsonSafetyProblem(
  value: unknown,
  where = 'the value',
  options: { holesBecomeNull?: boolean } = {},
): string | null {
  const seen = new Set<object>();
  const visit = (v: unknown, at: string): string | null => {
    switch (typeof v) {
      case 'string':
      case 'boolean':
        return null;
      case 'undefined':
        return null;
      case 'number':
        return Number.isFinite(v) ? null : `${String(v)} at ${at}`;
      case 'bigint':
      case 'symbol':
      case 'function':
        return `a ${typeof v} at ${at}`;
    }
    if (v === null) return null;
    const obj = v as object;
    if (Object.prototype.toString.call(obj) === '[object Date]')
      return `a Date at ${at} (send ISO text or epoch ms)`;
    if (seen.has(obj)) return `a circular reference at ${at}`;
    seen.add(obj);
    try {
      if (Array.isArray(obj)) {
        for (let i = 0; i < obj.length; i++) {
          if (!(i in obj) || obj[i] === undefined) {
            if (options.holesBecomeNull) continue;
            return `an undefined hole at ${at}[${i}]`;
          }
          const problem = visit(obj[i], `${at}[${i}]`);
          if (problem) return problem;
        }
        return null;
      }
      if (!isPlainObject(obj)) {
        const name = (obj as { constructor?: { name?: unknown } }).constructor?.name;
        return `a ${typeof name === 'string' && name ? name : 'non-plain object'} at ${at}`;
      }
      for (const key of Object.keys(obj)) {
        const problem = visit((obj as Record<string, unknown>)[key], `${at}.${key}`);
        if (problem) return problem;
      }
      return null;
    } finally {
      seen.delete(obj);
    }
  };
  try {
    return visit(value, where);
  } catch (e) {
    return `an unreadable value at ${where} (${String(e)})`;
  }
}
