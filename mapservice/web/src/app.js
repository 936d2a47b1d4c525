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

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
let lang = params.get('lang') === 'en' || localStorage.getItem('gridwatch.lang') === 'en' ? 'en' : 'zh';
const t = (key) => I18N[lang][key];
const fmt = (s, vars) => s.replace(/\{(\w+)\}/g, (_, k) => vars[k]);
const pct = (x) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`);
const val = (x) => (x === null || x === undefined ? '—' : String(x));

const state = { month: null, data: null, selected: null, hovered: null, fitted: false, loadSeq: 0 };
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
window.gridwatch = { map, month: null, ready: false, features: 0 };

const popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false, offset: 8 });

function setStatus(fields) {
  for (const [k, v] of Object.entries(fields)) status.dataset[k] = String(v);
  Object.assign(window.gridwatch, {
    month: state.month,
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
  const legend = $('legend');
  legend.replaceChildren();
  const h = document.createElement('h2');
  h.textContent = t('legend');
  legend.append(h);
  for (const key of ['full', 'high', 'mid', 'low', 'none']) {
    const row = document.createElement('div');
    row.className = 'row';
    row.dataset.class = key;
    const sw = document.createElement('span');
    sw.className = 'swatch';
    sw.style.background = COLORS[key];
    const label = document.createElement('span');
    label.textContent = t(key);
    row.append(sw, label);
    legend.append(row);
  }
  renderSummary();
  renderPanel();
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
  map.on('mousemove', 'grids-fill', (e) => {
    const f = e.features?.[0];
    if (!f) return;
    map.getCanvas().style.cursor = 'pointer';
    const id = f.properties.grid_id;
    if (state.hovered !== id) {
      if (state.hovered !== null) map.setFeatureState({ source: 'grids', id: state.hovered }, { hover: false });
      state.hovered = id;
      map.setFeatureState({ source: 'grids', id }, { hover: true });
    }
    popup.setLngLat(e.lngLat).setDOMContent(tooltipHtml(f.properties)).addTo(map);
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
      setStatus({ ready: true, month, features: r.features, coverageSum: r.coverageSum, fingerprint: r.fingerprint });
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
    map.getSource('grids').setData(data);
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
  await loadMonth(month);
}

init();
