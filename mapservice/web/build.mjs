// Bundles the web map into a folder served by the mapservice from the classpath (/web).
// Usage: node build.mjs [OUT_DIR]   (default: ../target/classes/web)
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? join(here, '..', 'target', 'classes', 'web'));
const dist = join(here, 'node_modules', 'maplibre-gl', 'dist');
mkdirSync(out, { recursive: true });
// code-split chunks (ECharts of the trends view loads on demand); old hashed chunks go first
rmSync(join(out, 'chunks'), { recursive: true, force: true });

await esbuild.build({
  absWorkingDir: here,
  entryPoints: { app: 'src/app.js' },
  bundle: true,
  splitting: true,
  format: 'esm',
  target: ['es2022'],
  minify: true,
  legalComments: 'eof',
  outdir: out,
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
});

copyFileSync(join(here, 'src', 'index.html'), join(out, 'index.html'));
copyFileSync(join(here, 'src', 'app.css'), join(out, 'app.css'));
copyFileSync(join(dist, 'maplibre-gl.css'), join(out, 'maplibre-gl.css'));
// the swipe view's slider (editor.js, @maplibre/maplibre-gl-compare), linked when it first opens
copyFileSync(join(here, 'node_modules', '@maplibre', 'maplibre-gl-compare', 'style.css'), join(out, 'maplibre-gl-compare.css'));
// MapLibre 6 starts its web worker as an ES module from this file (see setWorkerUrl in app.js);
// a .js name gets a JavaScript MIME type from any server.
copyFileSync(join(dist, 'maplibre-gl-worker.mjs'), join(out, 'maplibre-gl-worker.js'));
console.log(`web app built into ${out}`);
