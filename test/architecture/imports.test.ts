/**
 * The arrows of docs/ARCHITECTURE.md ("The rules", 1), checked on the source: each folder imports only
 * from the rooms it may. A file that reaches past its room fails here, naming the file and the import.
 */
import * as fs from 'fs';
import * as path from 'path';

const SRC = path.join(__dirname, '..', '..', 'src');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every relative import of `file`, as a path under src/ ("core/roster/outcome", "contracts/…"). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found = [...text.matchAll(/^\s*(?:import|export)\b[^;]*?\sfrom\s+'(\.[^']+)'/gms)].map(
    (m) => m[1] as string,
  );
  return found.map((spec) =>
    path
      .relative(SRC, path.resolve(path.dirname(file), spec))
      .split(path.sep)
      .join('/'),
  );
}

/** Which rooms each room may import from (its own files always). */
const ALLOWED: Record<string, readonly string[]> = {
  contracts: ['contracts'],
  i18n: ['i18n', 'contracts'],
  core: ['core', 'contracts', 'i18n'],
  sidebar: ['sidebar', 'contracts', 'i18n'],
  gas: ['gas', 'core', 'contracts', 'i18n'],
};

function roomOf(importPath: string): string {
  return importPath.split('/')[0] ?? '';
}

describe('the import arrows', () => {
  for (const [room, allowed] of Object.entries(ALLOWED)) {
    it(`${room}/ imports only from ${allowed.join(', ')}`, () => {
      const files = filesUnder(path.join(SRC, room));
      expect(files.length).toBeGreaterThan(0);
      const stray = files.flatMap((file) =>
        importsOf(file)
          .filter((target) => !allowed.includes(roomOf(target)))
          .map((target) => `${path.relative(SRC, file)} → ${target}`),
      );
      expect(stray).toEqual([]);
    });
  }

  it('finds the imports it checks (a contract file that names the vocabulary)', () => {
    expect(importsOf(path.join(SRC, 'contracts', 'run-report.ts'))).toContain('contracts/vocabulary');
  });
});
