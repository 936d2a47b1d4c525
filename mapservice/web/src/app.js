// gridwatch web map: grid coverage choropleth by month (资阳高新区网格巡查覆盖图).
// No basemap and no CDN: the grids themselves are the map, on a plain background.
import * as maplibregl from 'maplibre-gl';

const I18N = {
  zh: {
    title: '资阳高新区网格巡查覆盖图',
    month: '月份',
    switchTo: 'English',
    legend: '巡查覆盖率',
    full: '100% 全覆盖',
    high: '≥ 90%',
    mid: '≥ 70%',
    low: '< 70%',
    none: '无企业 / 无数据',
    name: '网格名称',
    gridId: '网格编号',
    kind: '网格类型',
    town: '镇街',
    community: '社区',
    worker: '网格员',
    enterprises: '企业数',
    visited: '已巡查企业',
    coverage: '覆盖率',
    patrols: '巡查记录',
    issues: '发现问题',
    issuesDetail: '环境 {e} / 安全 {s} / 综治 {o}',
    summary: '{n} 个网格，覆盖率 {c}（已巡查 {v} / 企业 {t}）',
    noData: '暂无已发布的数据。请先运行 gridwatch publish。',
    loadError: '数据加载失败：{e}',
    close: '关闭',
    kinds: { enterprise: '企业网格', community: '社区网格', village: '村网格' },
    metricLabel: '指标',
    play: '▶ 播放',
    pause: '⏸ 暂停',
    enterprisesLabel: '企业',
    patrolsLabel: '巡查点',
    metrics: {
      coverage: '巡查覆盖率',
      awareness_rate: '群众知晓率',
      patrols: '巡查记录数',
      suspicious_visits: '可疑巡查',
      density: '巡查密度（次/平方公里）',
    },
    aw: { a90: '≥ 90%', a80: '≥ 80%', a60: '≥ 60%', a0: '< 60% 不合格' },
    zero: '0',
    noSample: '未抽查 / 无数据',
    enterpriseLegend: '企业（本月）',
    entVisited: '已巡查',
    entMissed: '未巡查',
    entClosed: '未开业 / 已注销',
    patrolLegend: '巡查点',
    patrolOk: '正常',
    patrolFlagged: '已标记（可疑）',
    awareness: '知晓率',
    suspicious: '可疑巡查',
    industry: '行业',
    visitedThisMonth: '本月已巡查',
    yes: '是',
    no: '否',
  },
  en: {
    title: 'Ziyang Hi-tech Zone — grid patrol coverage',
    month: 'Month',
    switchTo: '中文',
    legend: 'Patrol coverage',
    full: '100% full coverage',
    high: '≥ 90%',
    mid: '≥ 70%',
    low: '< 70%',
    none: 'No enterprises / no data',
    name: 'Grid',
    gridId: 'Grid ID',
    kind: 'Kind',
    town: 'Town',
    community: 'Community',
    worker: 'Grid worker',
    enterprises: 'Enterprises',
    visited: 'Visited',
    coverage: 'Coverage',
    patrols: 'Patrol records',
    issues: 'Issues found',
    issuesDetail: 'environment {e} / safety {s} / social order {o}',
    summary: '{n} grids, coverage {c} (visited {v} / enterprises {t})',
    noData: 'No published data yet. Run gridwatch publish first.',
    loadError: 'Could not load data: {e}',
    close: 'Close',
    kinds: { enterprise: 'Enterprise grid', community: 'Community grid', village: 'Village grid' },
    metricLabel: 'Metric',
    play: '▶ Play',
    pause: '⏸ Pause',
    enterprisesLabel: 'Enterprises',
    patrolsLabel: 'Check-ins',
    metrics: {
      coverage: 'Patrol coverage',
      awareness_rate: 'Public awareness rate',
      patrols: 'Patrol records',
      suspicious_visits: 'Suspicious visits',
      density: 'Patrol density (per km²)',
    },
    aw: { a90: '≥ 90%', a80: '≥ 80%', a60: '≥ 60%', a0: '< 60% unqualified' },
    zero: '0',
    noSample: 'Not sampled / no data',
    enterpriseLegend: 'Enterprises (this month)',
    entVisited: 'Visited',
    entMissed: 'Not visited',
    entClosed: 'Not open / closed',
    patrolLegend: 'Check-ins',
    patrolOk: 'Normal',
    patrolFlagged: 'Flagged (suspicious)',
    awareness: 'Awareness',
    suspicious: 'Suspicious visits',
    industry: 'Industry',
    visitedThisMonth: 'Visited this month',
    yes: 'yes',
    no: 'no',
  },
};

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
let lang = params.get('lang') === 'en' || localStorage.getItem('gridwatch.lang') === 'en' ? 'en' : 'zh';
const t = (key) => I18N[lang][key];
const fmt = (s, vars) => s.replace(/\{(\w+)\}/g, (_, k) => vars[k]);
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
};
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
});
map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-left');
window.gridwatch = { map, month: null, ready: false, features: 0, metric: 'coverage' };

const popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false, offset: 8 });

function setStatus(fields) {
  for (const [k, v] of Object.entries(fields)) status.dataset[k] = String(v);
  Object.assign(window.gridwatch, {
    month: state.month,
    metric: state.metric,
    ready: status.dataset.ready === 'true',
    features: Number(status.dataset.features || 0),
  });
}

function showMessage(text) {
  const m = $('message');
  m.textContent = text ?? '';
  m.hidden = !text;
}

function renderTexts() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
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
  renderPlay();
  renderLegend();
  renderSummary();
  renderPanel();
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
    ['kind', I18N[lang].kinds[p.kind] ?? val(p.kind)],
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
  panel.append(close, h, table);
  panel.hidden = false;
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

async function fetchJson(url) {
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new Error(body?.error ?? `HTTP ${res.status}`);
  return body;
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

async function init() {
  renderTexts();
  $('lang').onclick = () => {
    lang = lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem('gridwatch.lang', lang);
    renderTexts();
  };
  await new Promise((resolve) => (map.loaded() ? resolve() : map.once('load', resolve)));
  addLayers();
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

init();
