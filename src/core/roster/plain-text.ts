/**
 * Makes text safe to write with setValues: Sheets parses written strings like typed input, so text
 * starting with `=`, `+`, `-` or `@` would become a formula and digit-like text a number. A leading
 * apostrophe makes Sheets keep the rest as literal text (the apostrophe itself is not stored).
 * Must never change what the cell finally shows.
 */

const NEEDS_QUOTE = /^[\s]*[=+\-@'\d.,($€£¥%]|^(true|false)$/i;

export function plainText(text: string): string {
  return text !== '' && NEEDS_QUOTE.test(text) ? `'${text}` : text;
}
