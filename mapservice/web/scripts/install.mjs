// Runs `npm ci` unless node_modules already matches package-lock.json (npm's hidden lockfile
// node_modules/.package-lock.json is newer than package.json and package-lock.json).
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const hidden = join(web, 'node_modules', '.package-lock.json');
const mtime = (f) => statSync(join(web, f)).mtimeMs;
const upToDate =
  existsSync(hidden) &&
  statSync(hidden).mtimeMs >= Math.max(mtime('package.json'), mtime('package-lock.json')) &&
  existsSync(join(web, 'node_modules', 'maplibre-gl', 'dist', 'maplibre-gl.mjs')) &&
  existsSync(join(web, 'node_modules', 'esbuild', 'package.json')) &&
  existsSync(join(web, 'node_modules', 'echarts', 'core.js'));
if (upToDate) {
  console.log('node_modules up to date; skipping npm ci');
} else {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd: web,
    stdio: 'inherit',
  });
  process.exit(r.status ?? 1);
}
