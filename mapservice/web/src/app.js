// gridwatch web page (资阳高新区网格巡查覆盖图): log-in, the grid coverage map by month, the quarter
// ranking and the trends (loaded on demand). No basemap and no CDN: the grids themselves are the
// map, on a plain background. Every data call needs the session cookie of /api/login.
import * as maplibregl from 'maplibre-gl';
import { ApiError, fetchJson, fetchJsonQuiet, postJson, saveText, whenUnauthorized } from './api.js';
import { applyStaticTexts, both, currentLang, fmt, NOTES, RULES, t, toggleLang } from './i18n.js';
import { gradeBadge, renderRankings, showRankings } from './rankings.js';

const COLORS = { full: '#1a9850', high: '#a6d96a', mid: '#fdae61', low: '#d73027', none: '#c8c8c8' };
const FILL = [
  'case',
  ['<=', ['coalesce', ['get', 'enterprises'], 0], 0], COLORS.none,
  ['>=', ['coalesce', ['get', 'coverage'], -1], 1], COLORS.full,
  ['>=', ['coalesce', ['get', 'coverage'], -1], 0.9], COLORS.high,
  ['>=', ['coalesce', ['get', 'coverage'], -1], 0.7], COLORS.mid,
  ['>=', ['coalesce', ['get', 'coverage'], -1], 0], COLORS.low,
  COLORS.none,
];

const NONE = COLORS.none;
const AWARENESS = [
  ['a90', 0.9, '#1a9850'],
  ['a80', 0.8, '#a6d96a'],
  ['a60', 0.6, '#fdae61'],
  ['a0', 0, '#d73027'],
];
const PATROL_RAMP = ['#c6dbef', '#6baed6', '#2171b5', '#08306b'];
const SUSPICIOUS_RAMP = ['#fdd49e', '#fc8d59', '#d7301f', '#7f0000'];
const DENSITY_STEPS = [
  [0, '#ffffcc'],
  [0.5, '#a1dab4'],
  [2, '#41b6c4'],
  [10, '#2c7fb8'],
  [50, '#253494'],
];
const ENT_COLORS = { visited: '#1a9850', missed: '#d73027', closed: '#9e9e9e' };
const PATROL_COLORS = { ok: '#3182bd', flagged: '#e6550d' };

// Class breaks for a count metric from this month's grid values: 0, then up to four classes
// starting at quartiles of the positive values (integers, strictly increasing).
function countBreaks(prop) {
  const vals = (state.data?.features ?? [])
    .map((f) => f.properties[prop])
    .filter((v) => typeof v === 'number' && v > 0)
    .sort((a, b) => a - b);
  const breaks = [1];
  for (const q of [0.25, 0.5, 0.75]) {
    if (vals.length === 0) break;
    const v = Math.max(1, Math.round(vals[Math.min(vals.length - 1, Math.floor(q * vals.length))]));
    if (v > breaks[breaks.length - 1]) breaks.push(v);
  }
  return breaks;
}

// The fill colour expression and legend rows [{color, label}] of the current metric.
function metricStyle(metric) {
  if (metric === 'coverage' || metric === 'density') {
    const rows = ['full', 'high', 'mid', 'low', 'none'].map((k) => ({ key: k, color: COLORS[k], label: t(k) }));
    return { fill: FILL, rows };
  }
  if (metric === 'awareness_rate') {
    const v = ['coalesce', ['get', 'awareness_rate'], -1];
    const fill = ['case', ['==', ['get', 'awareness_rate'], null], NONE];
    for (const [, min, color] of AWARENESS) fill.push(['>=', v, min], color);
    fill.push(NONE);
    const rows = AWARENESS.map(([k, , color]) => ({ key: k, color, label: t('aw')[k] }));
    rows.push({ key: 'none', color: NONE, label: t('noSample') });
    return { fill, rows };
  }
  const ramp = metric === 'patrols' ? PATROL_RAMP : SUSPICIOUS_RAMP;
  const zeroColor = metric === 'patrols' ? '#f2f2f2' : '#1a9850';
  const breaks = countBreaks(metric);
  const v = ['coalesce', ['get', metric], -1];
  const fill = ['case', ['==', ['get', metric], null], NONE];
  const rows = [];
  for (let i = breaks.length - 1; i >= 0; i--) {
    const color = ramp[Math.min(ramp.length - 1, i + (ramp.length - breaks.length))];
    fill.push(['>=', v, breaks[i]], color);
    rows.push({ key: `b${i}`, color, label: `≥ ${breaks[i]}` });
  }
  fill.push(['==', v, 0], zeroColor, NONE);
  rows.push({ key: 'zero', color: zeroColor, label: t('zero') });
  rows.push({ key: 'none', color: NONE, label: t('none') });
  return { fill, rows };
}

const DENSITY_FILL = ['step', ['coalesce', ['get', 'per_km2'], 0], ...DENSITY_STEPS.flatMap(([min, c], i) => (i === 0 ? [c] : [min, c]))];

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const pct = (x) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`);
const val = (x) => (x === null || x === undefined ? '—' : String(x));

const state = {
  month: null,
  months: [],
  metric: 'coverage',
  data: null,
  selected: null,
  hovered: null,
  fitted: false,
  loadSeq: 0,
  playing: null,
  user: null,
  started: false,
  view: 'map',
  // worker month results by "worker|month": {status: 'loading'|'ready'|'none'|'error', row, error}
  assessments: new Map(),
};
const VIEWS = ['map', 'rankings', 'trends', 'planner'];
// roles that see the planners' workbench (the API answers 403 to the others)
const PLANNER_ROLES = ['planner', 'bureau'];
let layersAdded;
// resolves once the map has its layers (the planner view draws over them)
const layersReady = new Promise((resolve) => (layersAdded = resolve));
// Tile URLs are absolute (MapLibre fetches them from a worker); {z}/{x}/{y} stay literal.
const BASE = new URL('.', location.href).href;
const tileUrl = (layer, month) =>
  `${BASE}tiles/${layer}/{z}/{x}/{y}.mvt${month ? `?month=${encodeURIComponent(month)}` : ''}`;
const status = $('status');

maplibregl.setWorkerUrl(new URL('./maplibre-gl-worker.js', import.meta.url).href);

const map = new maplibregl.Map({
  container: 'map',
  style: {
    version: 8,
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef0f2' } }],
  },
  center: [104.65, 30.12],
  zoom: 11,
  attributionControl: false,
  // tiles come from this origin with the session cookie (the default of fetch, made explicit)
  transformRequest: (url) => (url.startsWith(location.origin) ? { url, credentials: 'same-origin' } : { url }),
});
map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-left');
window.gridwatch = { map, month: null, ready: false, features: 0, metric: 'coverage', user: null, view: 'map' };

const popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false, offset: 8 });

function setStatus(fields) {
  for (const [k, v] of Object.entries(fields)) status.dataset[k] = String(v);
  Object.assign(window.gridwatch, {
    month: state.month,
    metric: state.metric,
    ready: status.dataset.ready === 'true',
    features: Number(status.dataset.features || 0),
    user: state.user?.login ?? null,
    view: state.view,
  });
}

function showMessage(text) {
  const m = $('message');
  m.textContent = text ?? '';
  m.hidden = !text;
}

function renderTexts() {
  document.documentElement.lang = currentLang() === 'zh' ? 'zh-CN' : 'en';
  applyStaticTexts();
  document.title = t('title');
  $('title').textContent = t('title');
  $('month-label').textContent = t('month');
  $('month').setAttribute('aria-label', t('month'));
  $('lang').textContent = t('switchTo');
  $('metric-label').textContent = t('metricLabel');
  $('metric').setAttribute('aria-label', t('metricLabel'));
  for (const o of $('metric').options) o.textContent = t('metrics')[o.value];
  $('month-slider').setAttribute('aria-label', t('month'));
  $('enterprises-label').textContent = t('enterprisesLabel');
  $('patrols-label').textContent = t('patrolsLabel');
  for (const o of $('trend-metric').options) o.textContent = t('trendMetrics')[o.value];
  for (const o of $('trend-group').options) o.textContent = t('groups')[o.value];
  renderPlay();
  renderLegend();
  renderSummary();
  renderPanel();
  renderUser();
  renderLoginError();
  renderRankings();
  trendsModule?.renderTrends();
  plannerModule?.renderPlanner();
}

function legendRow(legend, key, color, label, dot = false) {
  const row = document.createElement('div');
  row.className = 'row';
  row.dataset.class = key;
  const sw = document.createElement('span');
  sw.className = dot ? 'swatch dot' : 'swatch';
  sw.style.background = color;
  const text = document.createElement('span');
  text.textContent = label;
  row.append(sw, text);
  legend.append(row);
}

function renderLegend() {
  const legend = $('legend');
  legend.replaceChildren();
  legend.dataset.metric = state.metric;
  const h = document.createElement('h2');
  h.textContent = state.metric === 'coverage' ? t('legend') : t('metrics')[state.metric];
  legend.append(h);
  if (state.metric === 'density') {
    DENSITY_STEPS.slice()
      .reverse()
      .forEach(([min, color], i) => legendRow(legend, `d${i}`, color, min === 0 ? '> 0' : `≥ ${min}`));
  } else {
    for (const r of metricStyle(state.metric).rows) legendRow(legend, r.key, r.color, r.label);
  }
  if ($('show-enterprises').checked) {
    const h3 = document.createElement('h3');
    h3.textContent = t('enterpriseLegend');
    legend.append(h3);
    legendRow(legend, 'ent-visited', ENT_COLORS.visited, t('entVisited'), true);
    legendRow(legend, 'ent-missed', ENT_COLORS.missed, t('entMissed'), true);
    legendRow(legend, 'ent-closed', ENT_COLORS.closed, t('entClosed'), true);
  }
  if ($('show-patrols').checked) {
    const h3 = document.createElement('h3');
    h3.textContent = t('patrolLegend');
    legend.append(h3);
    legendRow(legend, 'patrol-ok', PATROL_COLORS.ok, t('patrolOk'), true);
    legendRow(legend, 'patrol-flagged', PATROL_COLORS.flagged, t('patrolFlagged'), true);
  }
}

function renderPlay() {
  const b = $('play');
  b.textContent = state.playing ? t('pause') : t('play');
  b.setAttribute('aria-pressed', state.playing ? 'true' : 'false');
}

function renderSummary() {
  const el = $('summary');
  if (!state.data) {
    el.textContent = '';
    return;
  }
  let visited = 0;
  let total = 0;
  for (const f of state.data.features) {
    visited += f.properties.visited ?? 0;
    total += f.properties.enterprises ?? 0;
  }
  // a ratio of sums, never a mean of ratios
  el.textContent = fmt(t('summary'), {
    n: state.data.features.length,
    c: pct(total > 0 ? visited / total : null),
    v: visited,
    t: total,
  });
}

function tooltipHtml(p) {
  const div = document.createElement('div');
  const b = document.createElement('b');
  b.textContent = p.name ?? p.grid_id;
  div.append(b, document.createElement('br'));
  div.append(`${t('coverage')}: ${pct(p.coverage)} (${val(p.visited)}/${val(p.enterprises)})`);
  const extra = {
    awareness_rate: `${t('awareness')}: ${pct(p.awareness_rate)} (${val(p.awareness_known)}/${val(p.awareness_sampled)})`,
    patrols: `${t('patrols')}: ${val(p.patrols)}`,
    suspicious_visits: `${t('suspicious')}: ${val(p.suspicious_visits)}`,
  }[state.metric];
  if (extra) div.append(document.createElement('br'), extra);
  return div;
}

function enterpriseTooltip(p) {
  const div = document.createElement('div');
  const b = document.createElement('b');
  b.textContent = p.name ?? p.enterprise_id;
  div.append(b, document.createElement('br'), `${p.enterprise_id} · ${val(p.industry)}`);
  if (p.visited !== undefined && p.visited !== null) {
    div.append(document.createElement('br'), `${t('visitedThisMonth')}: ${p.visited ? t('yes') : t('no')}`);
  }
  return div;
}

function renderPanel() {
  const panel = $('panel');
  const p = state.selected && state.data?.features.find((f) => f.properties.grid_id === state.selected)?.properties;
  if (!p) {
    panel.hidden = true;
    return;
  }
  panel.replaceChildren();
  const close = document.createElement('button');
  close.className = 'close';
  close.type = 'button';
  close.title = t('close');
  close.textContent = '×';
  close.onclick = () => select(null);
  const h = document.createElement('h2');
  h.textContent = p.name ?? p.grid_id;
  const table = document.createElement('table');
  const issues = (p.issues_environment ?? 0) + (p.issues_safety ?? 0) + (p.issues_social_order ?? 0);
  const rows = [
    ['gridId', p.grid_id],
    ['kind', t('kinds')[p.kind] ?? val(p.kind)],
    ['town', val(p.town)],
    ['community', val(p.community)],
    ['worker', val(p.worker_id)],
    ['enterprises', val(p.enterprises)],
    ['visited', val(p.visited)],
    ['coverage', pct(p.coverage)],
    ['patrols', val(p.patrols)],
    [
      'issues',
      p.patrols === null || p.patrols === undefined
        ? '—'
        : `${issues} (${fmt(t('issuesDetail'), {
            e: p.issues_environment ?? 0,
            s: p.issues_safety ?? 0,
            o: p.issues_social_order ?? 0,
          })})`,
    ],
  ];
  for (const [key, value] of rows) {
    const tr = document.createElement('tr');
    tr.dataset.field = key;
    const th = document.createElement('th');
    th.textContent = t(key);
    const td = document.createElement('td');
    td.textContent = value;
    tr.append(th, td);
    table.append(tr);
  }
  panel.append(close, h, table, assessmentSection(p));
  panel.hidden = false;
}

// The worker's result of the month (/api/workers/{id}/months?from=M&to=M), fetched once per
// worker and month; a 404 (no such worker in the caller's scope) is a note, not an error.
function assessmentSection(p) {
  const section = document.createElement('section');
  section.id = 'assessment';
  const month = p.month ?? state.month;
  const h = document.createElement('h3');
  h.textContent = fmt(t('assessment'), { m: month });
  section.append(h);
  const worker = p.worker_id;
  if (!worker) {
    section.dataset.state = 'none';
    section.append(noteLine(t('assessmentNoWorker')));
    return section;
  }
  section.dataset.worker = worker;
  section.dataset.month = month;
  const key = `${worker}|${month}`;
  const a = state.assessments.get(key);
  if (!a) {
    loadAssessment(worker, month);
  }
  const st = a?.status ?? 'loading';
  section.dataset.state = st;
  if (st === 'loading') section.append(noteLine(t('assessmentLoading')));
  else if (st === 'none') section.append(noteLine(t('assessmentNone')));
  else if (st === 'error') section.append(noteLine(fmt(t('loadError'), { e: a.error })));
  else if (!a.row) {
    section.dataset.state = 'empty';
    section.append(noteLine(t('assessmentNoMonth')));
  } else section.append(...assessmentRows(a.row));
  return section;
}

function noteLine(text) {
  const n = document.createElement('p');
  n.className = 'note';
  n.textContent = text;
  return n;
}

const points = (x) => (x === null || x === undefined ? '—' : `${x < 0 ? '−' : x > 0 ? '+' : ''}${Math.abs(x)}`);

function assessmentRows(row) {
  const table = document.createElement('table');
  const add = (key, content) => {
    const tr = document.createElement('tr');
    tr.dataset.field = key;
    const th = document.createElement('th');
    th.textContent = t(key);
    const td = document.createElement('td');
    if (content instanceof Node) td.append(content);
    else td.textContent = content;
    tr.append(th, td);
    table.append(tr);
  };
  add('total', row.total === null || row.total === undefined ? '—' : Number(row.total).toFixed(2));
  add('grade', gradeBadge(row.grade));
  if (row.forced_reason) add('forced', both(NOTES[row.forced_reason], row.forced_reason));
  const flags = Array.isArray(row.flags) ? row.flags : [];
  if (flags.length > 0) add('flags', flags.map((f) => both(NOTES[f], f)).join('；'));
  const h = document.createElement('h4');
  h.textContent = t('deductions');
  const list = document.createElement('ul');
  list.id = 'deductions';
  const deductions = row.deductions ?? [];
  list.dataset.count = String(deductions.length);
  for (const d of deductions) {
    const li = document.createElement('li');
    li.dataset.rule = d.rule;
    li.dataset.points = String(d.points);
    li.dataset.evidence = (d.evidence_ids ?? []).join(' ');
    const rule = document.createElement('span');
    rule.className = 'rule';
    rule.textContent = both(RULES[d.rule], d.rule);
    const pts = document.createElement('b');
    pts.className = 'points';
    pts.textContent = points(d.points);
    li.append(rule, ' ', pts);
    if (d.evidence_ids?.length) {
      const ev = document.createElement('div');
      ev.className = 'evidence';
      ev.textContent = `${t('evidence')}: ${d.evidence_ids.join(', ')}`;
      li.append(ev);
    }
    list.append(li);
  }
  if (deductions.length === 0) {
    const li = document.createElement('li');
    li.className = 'none';
    li.textContent = t('noDeductions');
    list.append(li);
  }
  return [table, h, list];
}

async function loadAssessment(worker, month) {
  const key = `${worker}|${month}`;
  state.assessments.set(key, { status: 'loading' });
  let entry;
  try {
    const m = encodeURIComponent(month);
    const body = await fetchJson(`api/workers/${encodeURIComponent(worker)}/months?from=${m}&to=${m}`);
    entry = { status: 'ready', row: body.months.find((r) => r.month === month) ?? null };
  } catch (e) {
    entry = e instanceof ApiError && e.status === 404 ? { status: 'none' } : { status: 'error', error: e.message };
    // a 401 is not cached: the result loads again after the next log-in
    if (e instanceof ApiError && e.status === 401) {
      state.assessments.delete(key);
      return;
    }
  }
  state.assessments.set(key, entry);
  renderPanel();
}

function select(gridId) {
  if (state.selected !== null) map.setFeatureState({ source: 'grids', id: state.selected }, { selected: false });
  state.selected = gridId;
  if (gridId !== null) map.setFeatureState({ source: 'grids', id: gridId }, { selected: true });
  renderPanel();
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

function addLayers() {
  map.addSource('grids', { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, promoteId: 'grid_id' });
  map.addLayer({
    id: 'grids-fill',
    type: 'fill',
    source: 'grids',
    paint: {
      'fill-color': FILL,
      'fill-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 0.95, 0.8],
    },
  });
  map.addSource('density', { type: 'vector', tiles: [tileUrl('density', null)], maxzoom: 16 });
  map.addLayer({
    id: 'density',
    type: 'fill',
    source: 'density',
    'source-layer': 'density',
    layout: { visibility: 'none' },
    paint: { 'fill-color': DENSITY_FILL, 'fill-opacity': 0.75, 'fill-outline-color': '#ffffff' },
  });
  map.addLayer({
    id: 'grids-line',
    type: 'line',
    source: 'grids',
    paint: {
      'line-color': ['case', ['boolean', ['feature-state', 'selected'], false], '#1f3a5f', '#555555'],
      'line-width': [
        'case',
        ['boolean', ['feature-state', 'selected'], false], 3,
        ['boolean', ['feature-state', 'hover'], false], 2,
        0.8,
      ],
    },
  });
  map.addSource('patrols', { type: 'vector', tiles: [tileUrl('patrols', '1970-01')], maxzoom: 16 });
  map.addLayer({
    id: 'patrols',
    type: 'circle',
    source: 'patrols',
    'source-layer': 'patrols',
    layout: { visibility: 'none' },
    paint: {
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 1.5, 16, 4],
      'circle-color': ['case', ['==', ['get', 'flagged'], true], PATROL_COLORS.flagged, PATROL_COLORS.ok],
      'circle-opacity': 0.8,
    },
  });
  map.addSource('enterprises', { type: 'vector', tiles: [tileUrl('enterprises', null)], maxzoom: 16 });
  map.addLayer({
    id: 'enterprises',
    type: 'circle',
    source: 'enterprises',
    'source-layer': 'enterprises',
    layout: { visibility: 'none' },
    paint: {
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 2.5, 16, 6],
      'circle-color': [
        'case',
        ['==', ['get', 'open'], false], ENT_COLORS.closed,
        ['==', ['get', 'visited'], true], ENT_COLORS.visited,
        ['==', ['get', 'visited'], false], ENT_COLORS.missed,
        '#555555',
      ],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1,
    },
  });
  map.on('mousemove', 'grids-fill', (e) => {
    const f = e.features?.[0];
    if (!f) return;
    const ent = map.getLayer('enterprises') && map.getLayoutProperty('enterprises', 'visibility') !== 'none'
      ? map.queryRenderedFeatures(e.point, { layers: ['enterprises'] })[0]
      : null;
    map.getCanvas().style.cursor = 'pointer';
    const id = f.properties.grid_id;
    if (state.hovered !== id) {
      if (state.hovered !== null) map.setFeatureState({ source: 'grids', id: state.hovered }, { hover: false });
      state.hovered = id;
      map.setFeatureState({ source: 'grids', id }, { hover: true });
    }
    popup.setLngLat(e.lngLat).setDOMContent(ent ? enterpriseTooltip(ent.properties) : tooltipHtml(f.properties)).addTo(map);
  });
  map.on('mouseleave', 'grids-fill', () => {
    map.getCanvas().style.cursor = '';
    if (state.hovered !== null) map.setFeatureState({ source: 'grids', id: state.hovered }, { hover: false });
    state.hovered = null;
    popup.remove();
  });
  map.on('click', 'grids-fill', (e) => {
    const f = e.features?.[0];
    if (f) select(f.properties.grid_id);
  });
}

// Applies the metric to the grid fill, the density layer and the legend.
function applyMetric() {
  const style = metricStyle(state.metric);
  map.setPaintProperty('grids-fill', 'fill-color', state.metric === 'density' ? '#ffffff' : style.fill);
  map.setPaintProperty(
    'grids-fill',
    'fill-opacity',
    state.metric === 'density' ? 0.25 : ['case', ['boolean', ['feature-state', 'hover'], false], 0.95, 0.8],
  );
  map.setLayoutProperty('density', 'visibility', state.metric === 'density' ? 'visible' : 'none');
  map.setLayoutProperty('enterprises', 'visibility', $('show-enterprises').checked ? 'visible' : 'none');
  map.setLayoutProperty('patrols', 'visibility', $('show-patrols').checked ? 'visible' : 'none');
  renderLegend();
}

// Points the tile sources at the month (the server caches each tile per layer and month).
function setTileMonth(month) {
  for (const layer of ['enterprises', 'patrols', 'density']) {
    const src = map.getSource(layer);
    const url = tileUrl(layer, month);
    if (src && src.tiles?.[0] !== url) src.setTiles([url]);
  }
}

// Rendered tile features of a layer, unique by a key property.
function renderedTileFeatures(layer, key) {
  const seen = new Map();
  for (const f of map.queryRenderedFeatures({ layers: [layer] })) seen.set(key(f.properties), f.properties);
  return [...seen.values()];
}

// What is on screen now: unique rendered grids, their coverage sum and a fingerprint of
// grid id + month + coverage, written to #status once the map is idle (tests read it).
function renderedState() {
  const seen = new Map();
  for (const f of map.queryRenderedFeatures({ layers: ['grids-fill'] })) {
    seen.set(f.properties.grid_id, f.properties);
  }
  const ids = [...seen.keys()].sort();
  let sum = 0;
  let hash = 0x811c9dc5;
  const months = new Set();
  for (const id of ids) {
    const p = seen.get(id);
    sum += p.coverage ?? 0;
    months.add(p.month);
    for (const ch of `${id}|${p.month}|${p.coverage ?? ''};`) {
      hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    }
  }
  return { features: ids.length, coverageSum: sum.toFixed(4), fingerprint: hash.toString(16), months };
}

const idle = () => new Promise((resolve) => map.once('idle', resolve));

async function settle(month, seq) {
  // wait until the rendered features are those of the requested month
  for (let i = 0; i < 50 && seq === state.loadSeq; i++) {
    await idle();
    const r = renderedState();
    const expected = state.data.features.length > 0;
    if (!expected || (r.features > 0 && r.months.size === 1 && r.months.has(month))) {
      if (seq !== state.loadSeq) return;
      const ents = $('show-enterprises').checked ? renderedTileFeatures('enterprises', (p) => p.enterprise_id) : [];
      setStatus({
        ready: true,
        month,
        metric: state.metric,
        features: r.features,
        coverageSum: r.coverageSum,
        fingerprint: r.fingerprint,
        enterprises: ents.length,
        enterprisesVisited: ents.filter((p) => p.visited === true).length,
      });
      return;
    }
    map.triggerRepaint();
  }
}

async function loadMonth(month) {
  const seq = ++state.loadSeq;
  state.month = month;
  setStatus({ ready: false, month });
  try {
    const data = await fetchJson(`api/grids?month=${encodeURIComponent(month)}`);
    if (seq !== state.loadSeq) return;
    state.data = data;
    setTileMonth(month);
    map.getSource('grids').setData(data);
    applyMetric();
    const slider = $('month-slider');
    slider.value = String(Math.max(0, state.months.indexOf(month)));
    $('month').value = month;
    if (!state.fitted) {
      const b = bounds(data);
      if (b) {
        map.fitBounds(b, { padding: 40, animate: false });
        state.fitted = true;
      }
    }
    showMessage(null);
    renderSummary();
    renderPanel();
    await settle(month, seq);
  } catch (e) {
    showMessage(fmt(t('loadError'), { e: e.message }));
    setStatus({ ready: true, month, features: 0, error: e.message });
  }
}

// Play: step through the months (from the first when at the last), one every 1.5 s after load.
function togglePlay() {
  if (state.playing) {
    clearTimeout(state.playing);
    state.playing = null;
    renderPlay();
    return;
  }
  const step = async () => {
    const i = state.months.indexOf(state.month);
    const next = state.months[(i + 1) % state.months.length];
    await loadMonth(next);
    if (!state.playing) return;
    if (state.months.indexOf(next) === state.months.length - 1) {
      state.playing = null;
      renderPlay();
      return;
    }
    state.playing = setTimeout(step, 1500);
  };
  state.playing = setTimeout(step, 0);
  renderPlay();
}

// Starts the map once per page (after the first log-in): layers, months, the first month.
async function startMap() {
  await new Promise((resolve) => (map.loaded() ? resolve() : map.once('load', resolve)));
  addLayers();
  layersAdded();
  let months;
  try {
    months = await fetchJson('api/months');
  } catch (e) {
    showMessage(fmt(t('loadError'), { e: e.message }));
    setStatus({ ready: true, features: 0, error: e.message });
    return;
  }
  const monthSelect = $('month');
  monthSelect.replaceChildren(
    ...months.map((m) => {
      const o = document.createElement('option');
      o.value = m;
      o.textContent = m;
      return o;
    }),
  );
  if (months.length === 0) {
    showMessage(t('noData'));
    setStatus({ ready: true, features: 0 });
    return;
  }
  const wanted = params.get('month');
  const month = months.includes(wanted) ? wanted : months[months.length - 1];
  monthSelect.value = month;
  monthSelect.onchange = () => loadMonth(monthSelect.value);
  state.months = months;
  const slider = $('month-slider');
  slider.max = String(months.length - 1);
  slider.oninput = () => loadMonth(months[Number(slider.value)]);
  $('play').onclick = () => togglePlay();
  const metricSelect = $('metric');
  const wantedMetric = params.get('metric');
  if ([...metricSelect.options].some((o) => o.value === wantedMetric)) metricSelect.value = wantedMetric;
  state.metric = metricSelect.value;
  metricSelect.onchange = () => {
    state.metric = metricSelect.value;
    loadMonth(state.month);
  };
  for (const id of ['show-enterprises', 'show-patrols']) $(id).onchange = () => loadMonth(state.month);
  await loadMonth(month);
}

let trendsModule = null;
let plannerModule = null;

// Shows one of the views (map, rankings, trends); the others stay loaded underneath.
async function showView(view) {
  if (!VIEWS.includes(view) || (view === 'planner' && !PLANNER_ROLES.includes(state.user?.role))) view = 'map';
  state.view = view;
  document.body.dataset.view = view;
  for (const v of VIEWS) {
    const tab = $(`tab-${v}`);
    tab.setAttribute('aria-selected', String(v === view));
    tab.classList.toggle('active', v === view);
  }
  $('rankings-view').hidden = view !== 'rankings';
  $('trends-view').hidden = view !== 'trends';
  $('planner-view').hidden = view !== 'planner';
  plannerModule?.setLayersVisible(view === 'planner');
  setStatus({ view });
  if (view === 'map') {
    map.resize();
  } else if (view === 'rankings') {
    await showRankings(params.get('quarter'));
  } else if (view === 'trends') {
    // ECharts is a chunk of its own, fetched the first time the view opens
    trendsModule ??= await import('./trends.js');
    const names = {};
    for (const f of state.data?.features ?? []) names[f.properties.grid_id] = f.properties.name;
    await trendsModule.showTrends(names);
  } else if (view === 'planner') {
    map.resize();
    plannerModule ??= await import('./planner.js');
    await plannerModule.showPlanner(map, layersReady);
  }
}

// The current month's grids as a GeoJSON file (grids-YYYY-MM.geojson), built client-side.
async function exportGeoJson() {
  const month = state.month;
  if (!month) return;
  const data = await fetchJson(`api/grids?month=${encodeURIComponent(month)}`);
  const name = `grids-${month}.geojson`;
  const text = JSON.stringify(data);
  saveText(text, name, 'application/geo+json');
  window.gridwatch.lastExport = { name, features: data.features.length, bytes: text.length };
}

function renderUser() {
  const el = $('user');
  const u = state.user;
  if (!u) {
    el.textContent = '';
    return;
  }
  const where = u.community ?? u.town;
  el.textContent = `${u.login} · ${t('roles')[u.role] ?? u.role}${where ? ` · ${where}` : ''}`;
  el.dataset.login = u.login;
  el.dataset.role = u.role;
  $('tab-planner').hidden = !PLANNER_ROLES.includes(u.role);
}

// The log-in form over the page; `reason` is a key of the message to show (e.g. sessionExpired).
const login = { error: null, busy: false };

function renderLoginError() {
  const el = $('login-error');
  const e = login.error;
  el.textContent = e ? (e.key === 'loginFailed' ? fmt(t('loginFailed'), { e: e.detail }) : t(e.key)) : '';
  el.hidden = !e;
  el.dataset.kind = e?.key ?? '';
  $('login-submit').disabled = login.busy;
  $('login-submit').textContent = login.busy ? t('loggingIn') : t('loginButton');
}

function showLogin(reasonKey) {
  if (state.loggingOut) return;
  document.body.classList.add('logged-out');
  login.error = reasonKey ? { key: reasonKey } : null;
  renderLoginError();
  $('login').hidden = false;
  setStatus({ login: 'shown' });
  $(($('login-user').value ? 'login-password' : 'login-user')).focus();
}

async function submitLogin(ev) {
  ev.preventDefault();
  const user = $('login-user').value.trim();
  const password = $('login-password').value;
  if (!user || !password) {
    login.error = { key: 'loginMissing' };
    renderLoginError();
    return;
  }
  login.busy = true;
  login.error = null;
  renderLoginError();
  try {
    const me = await postJson('api/login', { login: user, password });
    login.busy = false;
    $('login-password').value = '';
    renderLoginError();
    if (state.user && state.user.login !== me.login) {
      // another user after an expired session: start from a clean page (no data of the other user)
      location.reload();
      return;
    }
    await signedIn(me);
  } catch (e) {
    login.busy = false;
    login.error =
      e instanceof ApiError && e.status === 401
        ? { key: 'loginWrong' }
        : e instanceof ApiError && e.status === 400
          ? { key: 'loginMissing' }
          : { key: 'loginFailed', detail: e.message };
    $('login-password').value = '';
    renderLoginError();
    setStatus({ login: 'error' });
    $('login-password').focus();
  }
}

// The user is known: hide the form, show who it is, load (or reload) the current view.
async function signedIn(me) {
  const again = state.user !== null;
  state.user = me;
  document.body.classList.remove('logged-out');
  $('login').hidden = true;
  renderUser();
  setStatus({ user: me.login, role: me.role, login: 'done' });
  if (!state.started) {
    state.started = true;
    const first = params.get('view');
    const mapReady = startMap();
    if (first && first !== 'map') await showView(first);
    await mapReady;
  } else if (again) {
    // the session had expired: reload what was on screen
    if (state.month) loadMonth(state.month);
    await showView(state.view);
  }
}

async function logout() {
  state.loggingOut = true;
  try {
    await postJson('api/logout', {});
  } catch {
    // the session is gone either way
  }
  // a fresh page: no data of this user stays in memory (map tiles, tables, charts)
  location.reload();
}

async function init() {
  document.body.dataset.view = 'map';
  renderTexts();
  $('lang').onclick = () => {
    toggleLang();
    renderTexts();
  };
  for (const v of VIEWS) $(`tab-${v}`).onclick = () => showView(v);
  $('logout').onclick = () => logout();
  $('login-form').onsubmit = submitLogin;
  $('export-geojson').onclick = () =>
    exportGeoJson().catch((e) => showMessage(fmt(t('loadError'), { e: e.message })));
  whenUnauthorized(() => {
    if ($('login').hidden) showLogin('sessionExpired');
  });
  map.on('error', (e) => {
    if (e.error?.status === 401 && $('login').hidden) showLogin('sessionExpired');
  });
  let me;
  try {
    me = await fetchJsonQuiet('api/me');
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      showLogin(null);
    } else {
      showMessage(fmt(t('loadError'), { e: e.message }));
      setStatus({ ready: true, features: 0, error: e.message });
    }
    return;
  }
  await signedIn(me);
}

init();
