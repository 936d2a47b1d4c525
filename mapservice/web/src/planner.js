// The planners' workbench (规划, issue 6): choose a draft layout file (GeoJSON, GeoPackage or zipped
// Shapefile), check it (POST /api/layouts/check) and see its impact against the published layout
// (POST /api/layouts/diff). The draft's outlines are drawn over the active grids and the problems
// are markers on the map; clicking a problem flies to it. Loaded on demand (its own chunk).
// Test hooks on #planner-view: data-state (idle|checking|checked|diffing|diffed|error),
// data-problems, data-moves, data-draft-features; rows data-type / data-grid-id / data-enterprise-id.
import { postFile } from './api.js';
import { both, currentLang, fmt, t } from './i18n.js';

/** Problem types of data-contract.md §4: [Chinese, English]. */
export const PROBLEM_TYPES = {
  invalid: ['无效几何', 'invalid geometry'],
  duplicate_id: ['编号重复', 'duplicate id'],
  overlap: ['重叠', 'overlap'],
  gap: ['空隙', 'gap'],
  sliver: ['碎片', 'sliver'],
  outside_zone: ['超出区域', 'outside the zone'],
  no_worker: ['无网格员', 'no worker'],
};
const PROBLEM_COLORS = {
  invalid: '#7b3294',
  duplicate_id: '#c51b7d',
  overlap: '#d7301f',
  gap: '#f29e38',
  sliver: '#fdd835',
  outside_zone: '#2c7fb8',
  no_worker: '#666666',
};
const MEDIA = { geojson: 'application/geo+json', json: 'application/geo+json', gpkg: 'application/geopackage+sqlite3', zip: 'application/zip' };
const EMPTY = { type: 'FeatureCollection', features: [] };

const $ = (id) => document.getElementById(id);
// the draft editor and swipe view (editor.js: terra-draw, maplibre-gl-compare), loaded on first use
let editorModule = null;
// suggestions and proposals (proposals.js), loaded when the view first opens
let proposalsModule = null;
const state = { map: null, started: false, check: null, diff: null, draft: null, error: null, busy: null, file: null };

const num = (x, digits) =>
  x === null || x === undefined
    ? '—'
    : Number(x).toLocaleString(currentLang() === 'zh' ? 'zh-CN' : 'en-US', {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
const pct = (x) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`);

/** The media type the API expects for a file name (the server also recognises the bytes). */
export function mediaType(name) {
  const ext = name.toLowerCase().split('.').pop();
  return MEDIA[ext] ?? 'application/octet-stream';
}

function setStatus(fields) {
  const el = $('planner-view');
  for (const [k, v] of Object.entries(fields)) el.dataset[k] = String(v);
}

function addLayers(map) {
  if (map.getSource('draft')) return;
  map.addSource('draft', { type: 'geojson', data: EMPTY });
  map.addLayer({
    id: 'draft-fill',
    type: 'fill',
    source: 'draft',
    paint: { 'fill-color': '#ff7f00', 'fill-opacity': 0.08 },
  });
  map.addLayer({
    id: 'draft-line',
    type: 'line',
    source: 'draft',
    paint: { 'line-color': '#ff7f00', 'line-width': 2.5, 'line-dasharray': [3, 2] },
  });
  map.addSource('problems', { type: 'geojson', data: EMPTY });
  map.addLayer({
    id: 'problem-points',
    type: 'circle',
    source: 'problems',
    paint: {
      'circle-radius': 9,
      'circle-color': ['coalesce', ['get', 'color'], '#d7301f'],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 2.5,
      'circle-opacity': 0.95,
    },
  });
  map.on('click', 'problem-points', (e) => {
    const i = e.features?.[0]?.properties?.index;
    if (i !== undefined) focusProblem(Number(i));
  });
  map.on('mouseenter', 'problem-points', () => (map.getCanvas().style.cursor = 'pointer'));
  map.on('mouseleave', 'problem-points', () => (map.getCanvas().style.cursor = ''));
}

/** Shows or hides the draft and problem layers (visible in the planner view only). */
export function setLayersVisible(visible) {
  const map = state.map;
  if (!map || !map.getSource('draft')) return;
  for (const id of ['draft-fill', 'draft-line', 'problem-points']) {
    map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
  }
  editorModule?.setEditorVisible(visible);
  proposalsModule?.setProposalsVisible(visible);
  if (!visible) editorModule?.closeCompare();
}

async function openEditor(from) {
  editorModule ??= await import('./editor.js');
  await editorModule.openEditor({ map: state.map, from, draft: state.draft, runEdited, changed: renderPlanner });
}

async function openCompare() {
  editorModule ??= await import('./editor.js');
  await editorModule.openCompare(state.draft);
}

/** Runs check or diff on an edited draft (a GeoJSON File) as if it had been chosen as the file. */
export function runEdited(file, kind) {
  state.file = file;
  state.check = null;
  state.diff = null;
  state.error = null;
  return run(kind);
}

/** Opens the view: wires the controls once; `layersReady` resolves when the map has its layers. */
export async function showPlanner(map, layersReady) {
  state.map = map;
  if (!state.started) {
    state.started = true;
    window.gridwatch.planner = state;
    $('planner-file').onchange = () => {
      state.file = $('planner-file').files?.[0] ?? null;
      state.check = null;
      state.diff = null;
      state.error = null;
      renderPlanner();
    };
    $('planner-check').onclick = () => run('check');
    $('planner-diff').onclick = () => run('diff');
    $('planner-edit-active').onclick = () => openEditor('active');
    $('planner-edit-draft').onclick = () => openEditor('draft');
    $('planner-compare').onclick = () => openCompare();
    await layersReady;
    addLayers(map);
    setStatus({ state: 'idle', problems: 0, moves: 0, draftFeatures: 0 });
    proposalsModule ??= await import('./proposals.js');
    await proposalsModule.showProposals({ map, planner: state, runEdited });
  }
  setLayersVisible(true);
  renderPlanner();
}

async function run(kind) {
  const file = state.file;
  if (!file || state.busy) return;
  state.busy = kind;
  state.error = null;
  setStatus({ state: kind === 'check' ? 'checking' : 'diffing' });
  renderPlanner();
  try {
    const body = await postFile(`api/layouts/${kind}?include=draft`, file, mediaType(file.name));
    state.draft = body.draft ?? null;
    delete body.draft;
    state[kind] = body;
  } catch (e) {
    state.error = e.message;
  }
  state.busy = null;
  drawMap(kind);
  renderPlanner();
  const map = state.map;
  const done = () =>
    setStatus({
      state: state.error ? 'error' : kind === 'check' ? 'checked' : 'diffed',
      problems: state.check?.problems.length ?? 0,
      moves: state.diff?.moves.length ?? 0,
      draftFeatures: state.draft?.features.length ?? 0,
    });
  // the markers are on the map once it is idle again
  if (map && !state.error) map.once('idle', done);
  else done();
  map?.triggerRepaint();
}

function drawMap(kind) {
  const map = state.map;
  if (!map || !map.getSource('draft')) return;
  map.getSource('draft').setData(state.draft ?? EMPTY);
  const problems = (state.check?.problems ?? [])
    .map((p, index) => ({ p, index }))
    .filter(({ p }) => Array.isArray(p.location));
  map.getSource('problems').setData({
    type: 'FeatureCollection',
    features: problems.map(({ p, index }) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: p.location },
      properties: { index, type: p.type, color: PROBLEM_COLORS[p.type] ?? '#d7301f' },
    })),
  });
  if (kind === 'check' && state.draft) {
    const b = bounds(state.draft);
    if (b) map.fitBounds(b, { padding: { top: 60, bottom: 60, left: 60, right: covered() + 60 }, animate: false });
  }
}

function bounds(fc) {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c) => {
    if (typeof c[0] === 'number') {
      b[0] = Math.min(b[0], c[0]);
      b[1] = Math.min(b[1], c[1]);
      b[2] = Math.max(b[2], c[0]);
      b[3] = Math.max(b[3], c[1]);
    } else c.forEach(visit);
  };
  for (const f of fc.features) if (f.geometry) visit(f.geometry.coordinates);
  return Number.isFinite(b[0]) ? [[b[0], b[1]], [b[2], b[3]]] : null;
}

// Pixels of the map covered by the view on the right (targets go to the visible rest).
const covered = () => $('planner-view').offsetWidth;

/** Flies to problem i and marks it in the list. */
export function focusProblem(i) {
  const p = state.check?.problems[i];
  for (const li of document.querySelectorAll('#planner-problems li')) li.classList.toggle('focused', Number(li.dataset.index) === i);
  if (!p || !Array.isArray(p.location) || !state.map) return;
  state.map.flyTo({ center: p.location, zoom: Math.max(state.map.getZoom(), 15), duration: 600, offset: [-covered() / 2, 0] });
  setStatus({ focused: i });
}

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function row(cells, header = false) {
  const tr = document.createElement('tr');
  for (const c of cells) {
    const td = el(header ? 'th' : 'td');
    if (c instanceof Node) td.append(c);
    else td.textContent = c;
    tr.append(td);
  }
  return tr;
}

function renderProblems() {
  const box = $('planner-check-result');
  box.replaceChildren();
  const c = state.check;
  if (!c) return;
  const verdict = el('p', c.valid ? t('plannerValid') : fmt(t('plannerInvalid'), { n: c.problems.length }), c.valid ? 'verdict ok' : 'verdict bad');
  const list = el('ol');
  list.id = 'planner-problems';
  c.problems.forEach((p, i) => {
    const li = el('li');
    li.dataset.index = String(i);
    li.dataset.type = p.type;
    li.dataset.gridIds = p.grid_ids.join(',');
    li.tabIndex = 0;
    const type = el('b', both(PROBLEM_TYPES[p.type], p.type), 'ptype');
    type.style.borderColor = PROBLEM_COLORS[p.type] ?? '#d7301f';
    const grids = el('span', p.grid_ids.length ? p.grid_ids.join('、') : '—', 'pgrids');
    const area = el('span', `${num(p.area_m2, 2)} m²`, 'parea');
    const detail = el('div', p.detail, 'pdetail');
    li.append(type, ' ', grids, ' · ', area, detail);
    li.onclick = () => focusProblem(i);
    li.onkeydown = (e) => e.key === 'Enter' && focusProblem(i);
    list.append(li);
  });
  box.append(el('h3', t('plannerProblems')), verdict, list);
}

function side(s, key, digits) {
  return s ? num(s[key], digits) : '—';
}

function change(g, key, digits) {
  const a = side(g.old, key, digits);
  const b = side(g.new, key, digits);
  const span = el('span', a === b ? a : `${a} → ${b}`);
  if (a !== b) span.className = 'changed';
  return span;
}

function renderDiff() {
  const box = $('planner-diff-result');
  box.replaceChildren();
  const d = state.diff;
  if (!d) return;
  box.append(el('h3', fmt(t('plannerDiffTitle'), { v: d.active_layout, day: d.day, n: d.enterprises })));

  box.append(el('h4', fmt(t('plannerMoves'), { n: d.moves.length })));
  if (d.moves.length === 0) box.append(el('p', t('plannerNoMoves'), 'note'));
  else {
    const moves = el('table', null, 'planner-table');
    moves.id = 'planner-moves';
    moves.append(row([t('plannerEnterprise'), t('plannerEnterpriseName'), t('plannerFrom'), t('plannerTo')], true));
    for (const m of d.moves) {
      const tr = row([m.enterprise_id, m.name ?? '—', m.from ?? '—', m.to ?? '—']);
      tr.dataset.enterpriseId = m.enterprise_id;
      tr.dataset.from = m.from ?? '';
      tr.dataset.to = m.to ?? '';
      moves.append(tr);
    }
    box.append(moves);
  }

  box.append(el('h4', t('plannerGrids')));
  const grids = el('table', null, 'planner-table');
  grids.id = 'planner-grids';
  grids.append(
    row(
      [
        t('grid'),
        t('plannerStatus'),
        t('enterprises'),
        t('plannerArea'),
        t('plannerTour'),
        t('plannerCompact'),
        fmt(t('plannerLastQuarter'), { q: d.last_quarter ?? '—' }),
        t('worker'),
      ],
      true,
    ),
  );
  for (const g of d.grids) {
    const tr = row([
      g.grid_id,
      t('plannerStatuses')[g.status] ?? g.status,
      change(g, 'enterprises', 0),
      change(g, 'area_km2', 3),
      change(g, 'tour_km', 1),
      change(g, 'polsby_popper', 2),
      g.last_quarter ? `${pct(g.last_quarter.coverage)} (${g.last_quarter.visited}/${g.last_quarter.enterprises})` : '—',
      g.holders.length ? g.holders.join('、') : '—',
    ]);
    tr.dataset.gridId = g.grid_id;
    tr.dataset.oldEnterprises = String(g.old?.enterprises ?? '');
    tr.dataset.newEnterprises = String(g.new?.enterprises ?? '');
    grids.append(tr);
  }
  box.append(grids);

  box.append(el('h4', t('plannerBalance')));
  const bal = el('ul');
  bal.id = 'planner-balance';
  const line = (b) =>
    b ? fmt(t('plannerBalanceLine'), { n: b.grids, min: b.min, max: b.max, r: num(b.max_min_ratio, 2), cv: num(b.cv, 3) }) : '—';
  for (const k of d.balance) {
    const li = el('li', `${t('kinds')[k.kind] ?? k.kind}: ${line(k.old)} → ${line(k.new)}`);
    li.dataset.kind = k.kind;
    bal.append(li);
  }
  box.append(bal);

  if (d.affected_workers.length) {
    box.append(el('h4', t('plannerAffected')));
    const aw = el('ul');
    aw.id = 'planner-affected';
    for (const a of d.affected_workers) {
      const text = a.grid_removed
        ? fmt(t('plannerAffectedRemoved'), { w: a.worker_id, g: a.grid_id })
        : fmt(t('plannerAffectedLine'), { w: a.worker_id, g: a.grid_id, gained: a.gained, lost: a.lost });
      const li = el('li', text);
      li.dataset.workerId = a.worker_id;
      aw.append(li);
    }
    box.append(aw);
  }
}

/** Draws the view's texts and results (also after a language switch). */
export function renderPlanner() {
  if (!state.started) return;
  const file = state.file;
  $('planner-file-name').textContent = file ? `${file.name} (${num(file.size / 1024, 1)} KB)` : t('plannerNoFile');
  $('planner-check').disabled = !file || state.busy !== null;
  $('planner-diff').disabled = !file || state.busy !== null;
  $('planner-edit-draft').disabled = !state.draft;
  $('planner-compare').disabled = !state.draft && !editorModule?.isOpen();
  editorModule?.renderEditor();
  proposalsModule?.renderProposals();
  const msg = $('planner-message');
  msg.textContent = state.error
    ? fmt(t('plannerError'), { e: state.error })
    : state.busy
      ? t(state.busy === 'check' ? 'plannerChecking' : 'plannerDiffing')
      : '';
  msg.hidden = !msg.textContent;
  msg.className = state.error ? 'error' : 'note';
  renderProblems();
  renderDiff();
}
