// The quarter ranking view (季度排名): /api/quarters, /api/rankings with grade colours, the 30 %
// excellent quota line and XLSX/CSV export links. Test hooks: #rankings-table data-ready,
// data-quarter, data-rows, data-quota, data-ranked; each row data-worker-id, data-rank,
// data-grade, data-quota-exceeded; the line tr.quota-line data-after-rank.
import { fetchJson } from './api.js';
import { currentLang, fmt, t } from './i18n.js';

/** Grade colours shared with the panel (excellent green … unqualified red). */
export const GRADE_COLORS = {
  excellent: '#1a9850',
  qualified: '#4575b4',
  basic: '#f29e38',
  unqualified: '#d73027',
};

const $ = (id) => document.getElementById(id);
const state = { quarters: null, quarter: null, data: null, seq: 0, error: null };

/** A grade as a coloured label ("优秀"…); unknown grades as their code. */
export function gradeBadge(grade) {
  const span = document.createElement('span');
  span.className = 'grade';
  span.dataset.grade = grade ?? '';
  span.textContent = t('grades')[grade] ?? grade ?? '—';
  span.style.background = GRADE_COLORS[grade] ?? '#9e9e9e';
  return span;
}

const number = (x, digits) =>
  x === null || x === undefined
    ? '—'
    : Number(x).toLocaleString(currentLang() === 'zh' ? 'zh-CN' : 'en-US', {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });

/** Opens the view: loads the quarters once (newest selected, or wanted), then the ranking. */
export async function showRankings(wanted) {
  const select = $('quarter');
  if (state.quarters === null) {
    setTableStatus({ ready: false });
    try {
      state.quarters = await fetchJson('api/quarters');
    } catch (e) {
      state.error = e.message;
      renderRankings();
      return;
    }
    select.replaceChildren(
      ...state.quarters.map((q) => {
        const o = document.createElement('option');
        o.value = q;
        o.textContent = q;
        return o;
      }),
    );
    select.onchange = () => loadRanking(select.value);
    const quarter = state.quarters.includes(wanted) ? wanted : state.quarters[state.quarters.length - 1];
    if (!quarter) {
      renderRankings();
      return;
    }
    select.value = quarter;
    await loadRanking(quarter);
  } else if (state.error) {
    state.quarters = null;
    state.error = null;
    await showRankings(wanted);
  }
}

/** Loads the ranking of a quarter into the table. */
export async function loadRanking(quarter) {
  const seq = ++state.seq;
  state.quarter = quarter;
  state.error = null;
  setTableStatus({ ready: false });
  updateExports();
  try {
    const data = await fetchJson(`api/rankings?quarter=${encodeURIComponent(quarter)}`);
    if (seq !== state.seq) return;
    state.data = data;
  } catch (e) {
    if (seq !== state.seq) return;
    state.data = null;
    state.error = e.message;
  }
  renderRankings();
}

function updateExports() {
  for (const format of ['xlsx', 'csv']) {
    const a = $(`export-${format}`);
    if (state.quarter) {
      a.href = `api/rankings?quarter=${encodeURIComponent(state.quarter)}&format=${format}`;
      a.download = `rankings-${state.quarter}.${format}`;
      a.removeAttribute('aria-disabled');
    } else {
      a.removeAttribute('href');
      a.setAttribute('aria-disabled', 'true');
    }
  }
}

function setTableStatus(fields) {
  const table = $('rankings-table');
  for (const [k, v] of Object.entries(fields)) table.dataset[k] = String(v);
}

function note(text) {
  const p = $('rankings-note');
  p.textContent = text ?? '';
  p.hidden = !text;
}

function cell(tr, content, cls) {
  const td = document.createElement('td');
  if (cls) td.className = cls;
  if (content instanceof Node) td.append(content);
  else td.textContent = content;
  tr.append(td);
  return td;
}

/** Draws the current ranking (also after a language switch). */
export function renderRankings() {
  const body = $('rankings-table').tBodies[0];
  body.replaceChildren();
  const summary = $('rankings-summary');
  summary.textContent = '';
  updateExports();
  if (state.error) {
    note(fmt(t('loadError'), { e: state.error }));
    setTableStatus({ ready: true, rows: 0, error: state.error });
    return;
  }
  if (state.quarters !== null && state.quarters.length === 0) {
    note(t('noQuarters'));
    setTableStatus({ ready: true, rows: 0, quarter: '' });
    return;
  }
  const data = state.data;
  if (!data) return;
  const rows = data.rows;
  const quota = data.excellent_quota;
  summary.textContent = fmt(t('rankingsSummary'), { quarter: data.quarter, n: data.ranked, q: quota, shown: rows.length });
  // the line sits after the last row inside the zone-wide quota (ranks are zone-wide, the rows
  // may be a town's share of them)
  const lineAt = rows.filter((r) => r.rank !== null && r.rank <= quota).length;
  rows.forEach((r, i) => {
    if (i === lineAt) body.append(quotaLine(quota, data.ranked));
    const tr = document.createElement('tr');
    tr.dataset.workerId = r.worker_id;
    tr.dataset.rank = String(r.rank);
    tr.dataset.grade = r.grade ?? '';
    tr.dataset.quotaExceeded = String(r.quota_exceeded === true);
    if (r.quota_exceeded) tr.classList.add('quota-exceeded');
    cell(tr, String(r.rank ?? '—'), 'num');
    const name = document.createElement('span');
    name.textContent = r.name ?? r.worker_id;
    const id = document.createElement('small');
    id.textContent = ` ${r.worker_id}`;
    cell(tr, '').append(name, id);
    cell(tr, r.grid_id ?? '—');
    cell(tr, r.town ?? '—');
    cell(tr, number(r.score, 2), 'num');
    const grade = cell(tr, gradeBadge(r.grade));
    if (r.quota_exceeded) {
      const mark = document.createElement('span');
      mark.className = 'exceeded';
      mark.title = t('quotaExceeded');
      mark.textContent = `⚠ ${t('quotaExceeded')}`;
      grade.append(' ', mark);
    }
    cell(tr, number(r.pay_multiplier, 2), 'num');
    cell(tr, number(r.performance_pay, 2), 'num');
    body.append(tr);
  });
  if (rows.length > 0 && lineAt === rows.length) body.append(quotaLine(quota, data.ranked));
  note(rows.length === 0 ? t('noRankings') : null);
  setTableStatus({
    ready: true,
    quarter: data.quarter,
    rows: rows.length,
    quota,
    ranked: data.ranked,
    lineAfter: lineAt,
    error: '',
  });
}

function quotaLine(quota, ranked) {
  const tr = document.createElement('tr');
  tr.className = 'quota-line';
  tr.dataset.afterRank = String(quota);
  const td = document.createElement('td');
  td.colSpan = 8;
  td.textContent = fmt(t('quotaLine'), { q: quota, n: ranked });
  tr.append(td);
  return tr;
}
