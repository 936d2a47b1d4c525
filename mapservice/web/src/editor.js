// The draft editor of the planners' workbench (规划, issue 6 item 2) and the swipe view of the
// active layout against a draft (item 4). Loaded on demand from planner.js (its own chunk, with
// terra-draw and maplibre-gl-compare).
//
// Editing: terra-draw (npm, with its MapLibre adapter) holds the draft's polygons. Its select mode
// drags vertices; a dragged vertex that other grids share (same coordinates) moves in them too, and
// a vertex inserted on a shared edge is inserted in the neighbour as well. Split, merge and
// reassign run on the server (POST /api/layouts/edit, JTS in core/layout/LayoutEdits); the answer
// replaces the draft. 检查 / 影响分析 send the edited draft to /api/layouts/check|diff through the
// planner view (its results, markers and tables); 下载草案 saves it as GeoJSON.
// Swipe view: @maplibre/maplibre-gl-compare over two maps (active layout | draft), synced.
// Test hooks: #editor data-state (loading|ready|busy|error), data-features, data-selected,
// data-pick, data-chosen, data-op, data-changed, data-moved; window.gridwatch.editor;
// #compare-view data-ready, data-before-features, data-after-features; window.gridwatch.compare.
import * as maplibregl from 'maplibre-gl';
import Compare from '@maplibre/maplibre-gl-compare';
import { TerraDraw, TerraDrawLineStringMode, TerraDrawPolygonMode, TerraDrawSelectMode } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import { fetchJson, postJson, saveText } from './api.js';
import { fmt, t } from './i18n.js';

const $ = (id) => document.getElementById(id);
const EMPTY = { type: 'FeatureCollection', features: [] };
const PROPS = ['grid_id', 'name', 'kind', 'town', 'community'];
const EPS = 1e-9;
const DRAFT_NAME = 'draft-edited.geojson';
// layers of the planner view that show the uploaded draft: hidden while terra-draw shows it
const PLANNER_DRAFT_LAYERS = ['draft-fill', 'draft-line'];
const OWN_LAYERS = ['editor-enterprises', 'editor-chosen'];

const state = {
  map: null,
  ctx: null,
  draw: null,
  open: false,
  visible: true,
  status: 'loading',
  source: null,
  base: null, // {version, draft, enterprises} of GET api/layouts/edit/base
  features: [], // [{props, geometry, tdId}] in draft order; tdId null: not editable on the map
  cache: new Map(), // terra-draw id → geometry before the current gesture
  selected: null,
  pick: null, // null | 'merge' | 'enterprises' | 'reassign'
  chosen: new Set(),
  undo: [],
  message: null,
  error: false,
  last: null,
  switching: false,
};

const compareState = { view: null, compare: null, before: null, after: null };

/** True while the editor is open. */
export const isOpen = () => state.open;

function setStatus(fields) {
  const el = $('editor');
  if (!el) return;
  for (const [k, v] of Object.entries(fields)) el.dataset[k] = String(v);
}

function el(tag, attrs = {}, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

// The editor's controls, built once inside #editor (texts filled by renderEditor).
function buildPanel() {
  const box = $('editor');
  if (box.childElementCount) return;
  const button = (id, key) => el('button', { id, type: 'button', 'data-i18n': key });
  const tools = el('div', { class: 'toolbar' });
  tools.append(
    button('editor-select', 'editorSelect'),
    button('editor-split', 'editorSplit'),
    button('editor-merge', 'editorMerge'),
    button('editor-pick', 'editorPick'),
    button('editor-reassign', 'editorReassign'),
    button('editor-undo', 'editorUndo'),
  );
  const actions = el('div', { class: 'toolbar' });
  actions.append(
    button('editor-check', 'editorCheck'),
    button('editor-diff', 'editorDiff'),
    button('editor-download', 'editorDownload'),
    button('editor-close', 'editorClose'),
  );
  box.append(
    el('h3', { 'data-i18n': 'editorTitle' }),
    el('p', { class: 'note', 'data-i18n': 'editorHint' }),
    tools,
    actions,
    el('p', { id: 'editor-message', class: 'note' }),
  );
  $('editor-select').onclick = () => setPick(null);
  $('editor-split').onclick = () => startSplit();
  $('editor-merge').onclick = () => startMerge();
  $('editor-pick').onclick = () => setPick('enterprises');
  $('editor-reassign').onclick = () => startReassign();
  $('editor-undo').onclick = () => undo();
  $('editor-check').onclick = () => runPlanner('check');
  $('editor-diff').onclick = () => runPlanner('diff');
  $('editor-download').onclick = () => download();
  $('editor-close').onclick = () => closeEditor();
}

/**
 * Opens the editor on the map: {map, from: 'active'|'draft', draft (the uploaded draft's
 * FeatureCollection), runEdited(file, kind)} from the planner view.
 */
export async function openEditor(ctx) {
  state.ctx = ctx;
  state.map = ctx.map;
  window.gridwatch.editor = { state, draft: () => currentDraft() };
  buildPanel();
  $('editor').hidden = false;
  state.status = 'loading';
  state.message = t('editorLoading');
  state.error = false;
  renderEditor();
  try {
    state.base ??= await fetchJson('api/layouts/edit/base');
    await ensureDraw();
    const start = ctx.from === 'draft' && ctx.draft ? ctx.draft : state.base.draft;
    state.source = ctx.from === 'draft' && ctx.draft ? 'upload' : 'active';
    state.undo = [];
    state.chosen.clear();
    state.selected = null;
    load(start);
    addOwnLayers();
    setPick(null);
    state.open = true;
    state.status = 'ready';
    state.message = lockedNote() ?? fmt(t('editorReady'), { n: state.features.length });
  } catch (e) {
    state.status = 'error';
    state.error = true;
    state.message = fmt(t('editorFailed'), { e: e.message });
  }
  renderEditor();
  ctx.changed?.();
}

async function ensureDraw() {
  if (state.draw) {
    if (!state.draw.enabled) state.draw.start();
    await new Promise((r) => setTimeout(r, 0));
    return;
  }
  const map = state.map;
  const draw = new TerraDraw({
    adapter: new TerraDrawMapLibreGLAdapter({ map }),
    modes: [
      new TerraDrawPolygonMode({
        styles: { fillColor: '#ff7f00', fillOpacity: 0.12, outlineColor: '#e66100', outlineWidth: 2 },
      }),
      new TerraDrawLineStringMode({ finishOnNthCoordinate: 2, styles: { lineStringColor: '#c51b7d', lineStringWidth: 3 } }),
      new TerraDrawSelectMode({
        flags: {
          polygon: { feature: { draggable: false, coordinates: { draggable: true, midpoints: true, deletable: true } } },
        },
        styles: { selectedPolygonColor: '#ffd54f', selectedPolygonFillOpacity: 0.3, selectedPolygonOutlineColor: '#c51b7d' },
      }),
    ],
  });
  state.draw = draw;
  const ready = new Promise((resolve) => draw.on('ready', resolve));
  draw.start();
  await ready;
  draw.on('select', (id) => {
    state.selected = gridOf(id);
    renderEditor();
  });
  draw.on('deselect', () => {
    if (state.switching) return;
    state.selected = null;
    renderEditor();
  });
  draw.on('finish', (id, context) => onFinish(id, context));
}

// Ends of terra-draw gestures: a drawn split line, a dragged or inserted vertex.
function onFinish(id, context) {
  if (context.mode === 'linestring') {
    const line = state.draw.getSnapshotFeature(id)?.geometry;
    state.draw.removeFeatures([id]);
    if (line) edit('split', { grid_id: state.selected, line });
    return;
  }
  if (context.action === 'dragCoordinate' || context.action === 'insertMidpoint' || context.action === 'deleteCoordinate') {
    state.undo.push(draftFrom(state.cache));
    const n = context.action === 'dragCoordinate' ? propagateMove(id) : context.action === 'insertMidpoint' ? propagateInsert(id) : 0;
    refreshCache();
    state.last = { op: 'vertex', changed: [gridOf(id)], moved: [] };
    state.message = fmt(t('editorDone').vertex, { n: n + 1 });
    state.error = false;
    renderEditor();
  }
}

const same = (a, b) => Math.abs(a[0] - b[0]) < EPS && Math.abs(a[1] - b[1]) < EPS;

// A vertex dragged from p to q: every other grid with a vertex at p gets q there too.
function propagateMove(id) {
  const before = state.cache.get(id);
  const after = state.draw.getSnapshotFeature(id)?.geometry;
  if (!before || !after) return 0;
  let from = null;
  let to = null;
  before.coordinates.forEach((ring, r) => {
    const now = after.coordinates[r];
    if (from || !now || now.length !== ring.length) return;
    for (let i = 0; i < ring.length; i++) {
      if (!same(ring[i], now[i])) {
        from = ring[i];
        to = now[i];
        break;
      }
    }
  });
  if (!from) return 0;
  let n = 0;
  for (const f of state.features) {
    if (!f.tdId || f.tdId === id) continue;
    const g = state.cache.get(f.tdId);
    let hit = false;
    const coordinates = g.coordinates.map((ring) =>
      ring.map((c) => {
        if (!same(c, from)) return c;
        hit = true;
        return [to[0], to[1]];
      }),
    );
    if (hit && update(f.tdId, { type: 'Polygon', coordinates })) n++;
  }
  return n;
}

// A vertex inserted between a and b: grids with the edge a–b get it too.
function propagateInsert(id) {
  const before = state.cache.get(id);
  const after = state.draw.getSnapshotFeature(id)?.geometry;
  if (!before || !after) return 0;
  let added = null;
  after.coordinates.forEach((ring, r) => {
    const old = before.coordinates[r];
    if (added || !old || ring.length !== old.length + 1) return;
    for (let i = 1; i < ring.length - 1; i++) {
      if (!same(ring[i], old[i])) {
        added = [ring[i - 1], ring[i], ring[i + 1]];
        break;
      }
    }
  });
  if (!added) return 0;
  const [a, p, b] = added;
  let n = 0;
  for (const f of state.features) {
    if (!f.tdId || f.tdId === id) continue;
    const g = state.cache.get(f.tdId);
    let hit = false;
    const coordinates = g.coordinates.map((ring) => {
      const out = [];
      for (let i = 0; i < ring.length; i++) {
        out.push(ring[i]);
        const next = ring[i + 1];
        if (next && ((same(ring[i], a) && same(next, b)) || (same(ring[i], b) && same(next, a)))) {
          out.push([p[0], p[1]]);
          hit = true;
        }
      }
      return out;
    });
    if (hit && update(f.tdId, { type: 'Polygon', coordinates })) n++;
  }
  return n;
}

function update(tdId, geometry) {
  try {
    state.draw.updateFeatureGeometry(tdId, geometry);
    return true;
  } catch {
    return false; // the neighbour keeps its vertex; the check will show the mismatch
  }
}

function gridOf(tdId) {
  return state.features.find((f) => f.tdId === tdId)?.props.grid_id ?? null;
}

function refreshCache() {
  state.cache.clear();
  for (const f of state.features) {
    if (!f.tdId) continue;
    const g = state.draw.getSnapshotFeature(f.tdId)?.geometry;
    if (g) state.cache.set(f.tdId, JSON.parse(JSON.stringify(g)));
  }
}

// Puts a FeatureCollection into terra-draw (single polygons) and the feature list (all features).
function load(fc) {
  const draw = state.draw;
  state.switching = true;
  draw.setMode('static');
  draw.clear();
  state.switching = false;
  state.features = [];
  const adds = [];
  for (const src of fc.features) {
    const props = {};
    for (const k of PROPS) props[k] = src.properties?.[k] ?? null;
    let g = src.geometry;
    if (g?.type === 'MultiPolygon' && g.coordinates.length === 1) g = { type: 'Polygon', coordinates: g.coordinates[0] };
    const f = { props, geometry: g, tdId: null };
    if (g?.type === 'Polygon') {
      f.tdId = draw.getFeatureId();
      adds.push({ id: f.tdId, type: 'Feature', geometry: g, properties: { mode: 'polygon', grid_id: String(props.grid_id ?? '') } });
    }
    state.features.push(f);
  }
  for (const r of draw.addFeatures(adds)) {
    if (!r.valid) {
      const f = state.features.find((x) => x.tdId === r.id);
      if (f) f.tdId = null;
    }
  }
  refreshCache();
}

function lockedNote() {
  const n = state.features.filter((f) => !f.tdId).length;
  return n ? fmt(t('editorLocked'), { n }) : null;
}

function draftFrom(geometries) {
  return {
    type: 'FeatureCollection',
    features: state.features.map((f) => ({
      type: 'Feature',
      properties: { ...f.props },
      geometry: f.tdId ? (geometries.get(f.tdId) ?? f.geometry) : f.geometry,
    })),
  };
}

/** The edited draft as a GeoJSON FeatureCollection (draft order, grids.geojson properties). */
export function currentDraft() {
  const now = new Map();
  for (const f of state.features) {
    if (!f.tdId) continue;
    const g = state.draw.getSnapshotFeature(f.tdId)?.geometry;
    if (g) now.set(f.tdId, { type: g.type, coordinates: g.coordinates });
  }
  return draftFrom(now);
}

function addOwnLayers() {
  const map = state.map;
  const data = state.base?.enterprises ?? EMPTY;
  if (!map.getSource('editor-enterprises')) {
    map.addSource('editor-enterprises', { type: 'geojson', data });
    map.addLayer({
      id: 'editor-enterprises',
      type: 'circle',
      source: 'editor-enterprises',
      paint: { 'circle-radius': 5, 'circle-color': '#3949ab', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5 },
    });
    map.addLayer({
      id: 'editor-chosen',
      type: 'circle',
      source: 'editor-enterprises',
      filter: ['in', ['get', 'enterprise_id'], ['literal', []]],
      paint: { 'circle-radius': 8, 'circle-color': '#c51b7d', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 },
    });
    map.on('click', onMapClick);
  } else {
    map.getSource('editor-enterprises').setData(data);
  }
  showChosen();
  for (const id of [...OWN_LAYERS, ...PLANNER_DRAFT_LAYERS]) {
    if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', OWN_LAYERS.includes(id) ? 'visible' : 'none');
  }
}

function showChosen() {
  if (state.map.getLayer('editor-chosen')) {
    state.map.setFilter('editor-chosen', ['in', ['get', 'enterprise_id'], ['literal', [...state.chosen]]]);
  }
}

// The tool: null = select and drag vertices (terra-draw select mode); the others pick on the map.
function setPick(pick) {
  state.pick = pick;
  state.switching = true;
  state.draw.setMode(pick === null ? 'select' : 'static');
  state.switching = false;
  state.error = false;
  state.message =
    pick === 'enterprises'
      ? fmt(t('editorPickHint'), { n: state.chosen.size })
      : pick === 'merge'
        ? fmt(t('editorMergePick'), { g: state.selected })
        : pick === 'reassign'
          ? fmt(t('editorReassignPick'), { n: state.chosen.size })
          : state.selected
            ? fmt(t('editorSelected'), { g: state.selected })
            : state.message;
  renderEditor();
}

function needGrid() {
  if (state.selected) return true;
  state.message = t('editorNeedGrid');
  state.error = true;
  renderEditor();
  return false;
}

function startSplit() {
  if (!needGrid()) return;
  state.pick = 'split';
  state.switching = true;
  state.draw.setMode('linestring');
  state.switching = false;
  state.message = fmt(t('editorSplitDraw'), { g: state.selected });
  state.error = false;
  renderEditor();
}

function startMerge() {
  if (needGrid()) setPick('merge');
}

function startReassign() {
  if (state.chosen.size === 0) {
    state.message = t('editorNeedEnterprises');
    state.error = true;
    renderEditor();
    return;
  }
  setPick('reassign');
}

function onMapClick(e) {
  if (!state.open || !state.visible || !state.pick || state.pick === 'split') return;
  if (state.pick === 'enterprises') {
    const p = e.point;
    const hit = state.map.queryRenderedFeatures(
      [
        [p.x - 6, p.y - 6],
        [p.x + 6, p.y + 6],
      ],
      { layers: ['editor-enterprises'] },
    )[0];
    if (!hit) return;
    const id = hit.properties.enterprise_id;
    if (state.chosen.has(id)) state.chosen.delete(id);
    else state.chosen.add(id);
    showChosen();
    state.message = fmt(t('editorPickHint'), { n: state.chosen.size });
    renderEditor();
    return;
  }
  const target = gridAt([e.lngLat.lng, e.lngLat.lat]);
  if (!target) return;
  if (state.pick === 'merge') edit('merge', { grid_ids: [state.selected, target] });
  else if (state.pick === 'reassign') edit('reassign', { enterprise_ids: [...state.chosen], to: target });
}

// The grid of the current draft containing a point (even–odd rule over its rings).
function gridAt(pt) {
  const draft = currentDraft();
  for (const f of draft.features) {
    const g = f.geometry;
    const polys = g?.type === 'Polygon' ? [g.coordinates] : g?.type === 'MultiPolygon' ? g.coordinates : [];
    for (const rings of polys) {
      let inside = false;
      for (const ring of rings) {
        for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
          const [xi, yi] = ring[i];
          const [xj, yj] = ring[j];
          if (yi > pt[1] !== yj > pt[1] && pt[0] < ((xj - xi) * (pt[1] - yi)) / (yj - yi) + xi) inside = !inside;
        }
      }
      if (inside) return f.properties.grid_id;
    }
  }
  return null;
}

// One server-side edit; its answer replaces the draft (the previous one goes on the undo stack).
async function edit(op, args) {
  const before = currentDraft();
  state.status = 'busy';
  state.error = false;
  renderEditor();
  let message;
  let error = false;
  try {
    const res = await postJson('api/layouts/edit', { draft: before, op, ...args });
    state.undo.push(before);
    load(res.draft);
    state.last = { op, changed: res.changed, moved: res.moved };
    if (op === 'reassign') state.chosen.clear();
    state.selected = null;
    message = fmt(t('editorDone')[op], { c: res.changed.join('、'), m: res.moved.join('、') });
  } catch (e) {
    error = true;
    message = fmt(t('editorFailed'), { e: e.message });
  }
  state.status = 'ready';
  showChosen();
  setPick(null);
  state.message = message;
  state.error = error;
  renderEditor();
  state.ctx?.changed?.();
}

function undo() {
  const prev = state.undo.pop();
  if (!prev) return;
  load(prev);
  state.last = { op: 'undo', changed: [], moved: [] };
  setPick(null);
  state.message = t('editorDone').undo;
  state.error = false;
  renderEditor();
}

function draftFile() {
  return new File([JSON.stringify(currentDraft())], DRAFT_NAME, { type: 'application/geo+json' });
}

async function runPlanner(kind) {
  await state.ctx.runEdited(draftFile(), kind);
  // the planner draws the checked draft: terra-draw shows it already
  for (const id of PLANNER_DRAFT_LAYERS) if (state.map.getLayer(id)) state.map.setLayoutProperty(id, 'visibility', 'none');
}

function download() {
  const fc = currentDraft();
  const text = JSON.stringify(fc);
  saveText(text, DRAFT_NAME, 'application/geo+json');
  window.gridwatch.lastDraftDownload = { name: DRAFT_NAME, features: fc.features.length, bytes: text.length };
}

/** Closes the editor (the edited draft stays the planner view's file until another is chosen). */
export function closeEditor() {
  if (!state.open) return;
  state.open = false;
  state.draw.stop();
  const map = state.map;
  for (const id of OWN_LAYERS) if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', 'none');
  for (const id of PLANNER_DRAFT_LAYERS) if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', 'visible');
  $('editor').hidden = true;
  state.ctx?.changed?.();
}

/** Shows or hides the editor's map layers (the planner view is left or entered again). */
export function setEditorVisible(visible) {
  if (!state.open) return;
  state.visible = visible;
  const map = state.map;
  if (!visible) {
    setPick(null);
    state.switching = true;
    state.draw.setMode('static');
    state.switching = false;
  }
  for (const layer of map.getStyle().layers) {
    if (layer.id.startsWith('td-') || OWN_LAYERS.includes(layer.id)) map.setLayoutProperty(layer.id, 'visibility', visible ? 'visible' : 'none');
  }
  if (visible) setPick(null);
}

/** Draws the editor's texts and state (also after a language switch). */
export function renderEditor() {
  const box = $('editor');
  if (!box || !box.childElementCount) return;
  for (const e of box.querySelectorAll('[data-i18n]')) e.textContent = t(e.dataset.i18n);
  const busy = state.status !== 'ready';
  for (const b of box.querySelectorAll('button')) b.disabled = busy && b.id !== 'editor-close';
  const tool = { null: 'editor-select', split: 'editor-split', merge: 'editor-merge', enterprises: 'editor-pick', reassign: 'editor-reassign' }[
    String(state.pick)
  ];
  for (const b of box.querySelectorAll('.toolbar:first-of-type button')) b.classList.toggle('active', b.id === tool);
  $('editor-undo').disabled = busy || state.undo.length === 0;
  const msg = $('editor-message');
  msg.textContent = state.message ?? '';
  msg.className = state.error ? 'error' : 'note';
  setStatus({
    state: state.status,
    source: state.source ?? '',
    features: state.features.length,
    selected: state.selected ?? '',
    pick: state.pick ?? '',
    chosen: state.chosen.size,
    op: state.last?.op ?? '',
    changed: (state.last?.changed ?? []).join(','),
    moved: (state.last?.moved ?? []).join(','),
  });
}

// ---- swipe view ----

function bounds(...fcs) {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c) => {
    if (typeof c[0] === 'number') {
      b[0] = Math.min(b[0], c[0]);
      b[1] = Math.min(b[1], c[1]);
      b[2] = Math.max(b[2], c[0]);
      b[3] = Math.max(b[3], c[1]);
    } else c.forEach(visit);
  };
  for (const fc of fcs) for (const f of fc.features) if (f.geometry) visit(f.geometry.coordinates);
  return Number.isFinite(b[0]) ? [[b[0], b[1]], [b[2], b[3]]] : [[104.6, 30.1], [104.7, 30.2]];
}

function compareMap(container, data, color, b) {
  return new maplibregl.Map({
    container,
    style: {
      version: 8,
      sources: { layout: { type: 'geojson', data } },
      layers: [
        { id: 'background', type: 'background', paint: { 'background-color': '#eef0f2' } },
        { id: 'layout-fill', type: 'fill', source: 'layout', paint: { 'fill-color': color, 'fill-opacity': 0.25 } },
        { id: 'layout-line', type: 'line', source: 'layout', paint: { 'line-color': color, 'line-width': 2 } },
      ],
    },
    bounds: b,
    fitBoundsOptions: { padding: 40 },
    attributionControl: false,
  });
}

function stylesheet() {
  if (document.querySelector('link[data-compare-css]')) return;
  const link = el('link', { rel: 'stylesheet', href: 'maplibre-gl-compare.css', 'data-compare-css': '' });
  document.head.append(link);
}

const renderedGrids = (m) => new Set(m.queryRenderedFeatures({ layers: ['layout-fill'] }).map((f) => f.properties.grid_id)).size;

/** Opens the swipe view: the active layout (left) against the draft being edited or uploaded (right). */
export async function openCompare(uploaded) {
  closeCompare();
  stylesheet();
  state.base ??= await fetchJson('api/layouts/edit/base');
  const draft = state.open ? currentDraft() : uploaded;
  if (!draft) return;
  const active = state.base.draft;
  const view = el('div', { id: 'compare-view', 'data-ready': 'false' });
  const before = el('div', { id: 'compare-before', class: 'compare-map' });
  const after = el('div', { id: 'compare-after', class: 'compare-map' });
  const left = el('div', { class: 'compare-label left' }, fmt(t('compareBefore'), { v: state.base.version }));
  const right = el('div', { class: 'compare-label right' }, t('compareAfter'));
  const close = el('button', { id: 'compare-close', type: 'button' }, t('compareClose'));
  close.onclick = () => closeCompare();
  view.append(before, after, left, right, close);
  document.querySelector('main').append(view);
  const b = bounds(active, draft);
  const a = compareMap(before, active, '#1f78b4', b);
  const d = compareMap(after, draft, '#e66100', b);
  compareState.view = view;
  compareState.before = a;
  compareState.after = d;
  await Promise.all([a, d].map((m) => new Promise((r) => m.once('load', r))));
  compareState.compare = new Compare(a, d, '#compare-view', {});
  window.gridwatch.compare = compareState;
  await Promise.all([a, d].map((m) => new Promise((r) => (m.loaded() && !m.isMoving() ? r() : m.once('idle', r)))));
  view.dataset.beforeFeatures = String(renderedGrids(a));
  view.dataset.afterFeatures = String(renderedGrids(d));
  view.dataset.ready = 'true';
}

/** Closes the swipe view. */
export function closeCompare() {
  compareState.compare?.remove();
  compareState.before?.remove();
  compareState.after?.remove();
  compareState.view?.remove();
  Object.assign(compareState, { view: null, compare: null, before: null, after: null });
}
