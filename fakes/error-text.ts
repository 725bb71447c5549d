/** What a failing call throws, as `String(e)` shows it (`Exception: …`), for the fakes' own tests. */
export function errorText(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return String(e);
  }
  return 'no error';
}
