import fc from 'fast-check';
import { plainText } from '../../../src/core/roster/plain-text';

describe('plainText', () => {
  it.each([
    '=SUM(A1:A9)',
    '+1 555 0100',
    '-x',
    '@Reason',
    ' =1+1',
    '\t@x',
    "'quoted",
    '123',
    '0042',
    '.5',
    '(1)',
    '%',
    'TRUE',
    'false',
  ])('quotes %j so Sheets keeps it as text', (text) => {
    expect(plainText(text)).toBe(`'${text}`);
  });

  it.each(['', 'OK', 'CannotInviteUserInUntrustedDomain', 'Invitation sent', '邀请已发送', 'inv-123', 'a=b'])(
    'leaves %j alone',
    (text) => {
      expect(plainText(text)).toBe(text);
    },
  );

  it('never leaves a string that starts with = + - @ unquoted, and adds at most one character', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const out = plainText(text);
        const safe = !/^\s*[=+\-@]/.test(out);
        return safe && (out === text || out === `'${text}`);
      }),
    );
  });
});
