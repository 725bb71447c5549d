/**
 * A 1-based column number as Sheets names it (1 → A, 27 → AA). Pure and dependency-free, so the
 * sidebar and the preview page can use it too.
 */
export function columnLetter(column: number): string {
  let n = column;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
