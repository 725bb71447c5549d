/** The Node.js version check CI runs before `npm ci` (scripts/check-node.js). */
import { engines } from '../../package.json';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { satisfies } = require('../../scripts/check-node.js') as {
  satisfies: (version: string, range: string) => boolean;
};

describe('check-node', () => {
  it('accepts versions inside every alternative of the range', () => {
    const range = '^20.19.0 || ^22.13.0 || >=24';
    for (const version of ['20.19.0', '20.20.2', '22.13.0', '22.99.1', '24.0.0', '26.1.0']) {
      expect(satisfies(version, range)).toBe(true);
    }
  });

  it('refuses versions below or between the alternatives', () => {
    const range = '^20.19.0 || ^22.13.0 || >=24';
    for (const version of ['18.20.0', '20.18.9', '21.7.0', '22.12.0', '23.11.0']) {
      expect(satisfies(version, range)).toBe(false);
    }
  });

  it('throws on a range form it cannot read, rather than passing it', () => {
    expect(() => satisfies('20.0.0', '~20.1.0')).toThrow(/cannot read the range/);
  });

  it('is satisfied by the Node.js running the tests, with the range package.json states', () => {
    expect(satisfies(process.versions.node, engines.node)).toBe(true);
  });
});
