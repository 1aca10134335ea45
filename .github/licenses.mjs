// Writes <out>/licenses.txt: the license of every package the bundle can contain (the production
// dependencies in package-lock.json). ncc's own --license keeps only the last chunk's when the
// bundle is split (src/phases/deployment.ts loads @actions/github lazily), so the build makes it here.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const out = process.argv[2] ?? 'dist';
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const entries = Object.entries(lock.packages)
  .filter(([path, info]) => path.startsWith('node_modules/') && !info.dev)
  .map(([path]) => {
    const manifest = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8'));
    const file = readdirSync(path).find((name) => /^(licen[cs]e|copying)(\.|$)/i.test(name));
    const text = file && existsSync(join(path, file)) ? readFileSync(join(path, file), 'utf8').trim() : '';
    return `${manifest.name}\n${manifest.license ?? ''}\n${text}`;
  })
  .sort();
writeFileSync(join(out, 'licenses.txt'), `${entries.join('\n\n')}\n`);
