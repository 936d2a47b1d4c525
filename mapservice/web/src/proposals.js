// Suggestions and activation of the planners' workbench (规划, issue 6 items 5–6), loaded on demand
// from planner.js (its own chunk).
// 建议调整: POST /api/layouts/suggest (kind, target, town) lists boundary moves; their blocks are drawn on
// the map; each move can be accepted or rejected; 生成草案 posts the accepted ids to
// /api/layouts/suggest/apply and hands the resulting layout to the planner view as its draft file
// (checked at once; 影响分析 and 提交生效申请 then work on it).
// 提交生效申请: POST /api/layouts/proposals?name=&effective=YYYY-MM-01 with the current draft file.
// 待确认: GET /api/layouts/proposals; a bureau user confirms or rejects proposals of others; while
// one is confirmed/activating the list is polled.
// Test hooks: #suggest-panel data-state (idle|running|ready|applying|applied|error), data-moves,
// data-accepted, data-reached; #suggest-moves tr[data-move-id][data-from][data-to];
// #propose-panel data-state (idle|sending|sent|error), data-proposal-id; #proposals-panel
// data-count, data-configured, data-polling; #proposals-list tr[data-id][data-status].
import { fetchJson, postFile, postJson } from './api.js';
import { currentLang, fmt, t } from './i18n.js';

const $ = (id) => document.getElementById(id);
const EMPTY = { type: 'FeatureCollection', features: [] };
const KINDS = ['enterprise', 'community', 'village'];
const POLL_MS = 2000;
const LAYERS = ['suggest-blocks-fill', 'suggest-blocks-line'];

const state = {
  ctx: null, // {map, planner: planner state, runEdited}
  me: null,
  suggestion: null,
  accepted: new Set(),
  suggestState: 'idle',
  suggestError: null,
  applied: null, // {moves, reached} of the last generated draft
  proposeState: 'idle',
  proposeMessage: null,
  proposeProblems: null,
  proposals: [],
  configured: true,
  listError: null,
  busy: new Set(), // proposal ids with a decision in flight
  reasons: new Map(), // proposal id → rejection reason typed so far (kept across re-renders)
  poll: null,
};

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function data(id, fields) {
  const e = $(id);
  if (e) for (const [k, v] of Object.entries(fields)) e.dataset[k] = String(v);
}

const num = (x, digits) =>
  x === null || x === undefined
    ? '—'
    : Number(x).toLocaleString(currentLang() === 'zh' ? 'zh-CN' : 'en-US', {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });

/** The month after the newest published one, as YYYY-MM (the earliest effective month). */
async function firstOpenMonth() {
  try {
    const months = await fetchJson('api/months');
    const list = Array.isArray(months) ? months : (months?.months ?? []);
    const last = list.map((m) => (typeof m === 'string' ? m : m.month)).sort().pop();
    if (!last) return '';
    const [y, m] = last.split('-').map(Number);
    return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  } catch {
    return '';
  }
}

function build() {
  const view = $('planner-view');
  const root = el('div');
  root.id = 'proposals-root';

  const suggest = el('section');
  suggest.id = 'suggest-panel';
  suggest.dataset.state = 'idle';
  const kind = el('select');
  kind.id = 'suggest-kind';
  for (const k of KINDS) {
    const o = el('option');
    o.value = k;
    kind.append(o);
  }
  const target = el('input');
  target.id = 'suggest-target';
  target.type = 'number';
  target.min = '1';
  target.max = '99';
  target.step = '1';
  target.value = '15';
  target.style.width = '4em';
  const kindLabel = el('label');
  kindLabel.append(el('span', null, 'suggest-kind-label'), kind);
  const targetLabel = el('label');
  targetLabel.append(el('span', null, 'suggest-target-label'), target, '%');
  // one town of a big layout at a time: '' = every town; filled from the published layout
  const town = el('select');
  town.id = 'suggest-town';
  town.append(el('option'));
  const townLabel = el('label');
  townLabel.append(el('span', null, 'suggest-town-label'), town);
  const run = el('button');
  run.id = 'suggest-run';
  run.type = 'button';
  const bar = el('div', null, 'toolbar');
  bar.append(kindLabel, townLabel, targetLabel, run);
  const apply = el('button');
  apply.id = 'suggest-apply';
  apply.type = 'button';
  const all = el('button');
  all.id = 'suggest-all';
  all.type = 'button';
  const none = el('button');
  none.id = 'suggest-none';
  none.type = 'button';
  const applyBar = el('div', null, 'toolbar');
  applyBar.id = 'suggest-apply-bar';
  applyBar.append(all, none, apply);
  const sMsg = el('p');
  sMsg.id = 'suggest-message';
  const sResult = el('div');
  sResult.id = 'suggest-result';
  suggest.append(el('h3', null, 'suggest-title'), el('p', null, 'note suggest-hint'), bar, sMsg, sResult, applyBar);

  const propose = el('section');
  propose.id = 'propose-panel';
  propose.dataset.state = 'idle';
  const draftLine = el('p', null, 'note');
  draftLine.id = 'propose-draft';
  const name = el('input');
  name.id = 'propose-name';
  name.type = 'text';
  name.maxLength = 200;
  const month = el('input');
  month.id = 'propose-month';
  month.type = 'month';
  const nameLabel = el('label');
  nameLabel.append(el('span', null, 'propose-name-label'), name);
  const monthLabel = el('label');
  monthLabel.append(el('span', null, 'propose-month-label'), month);
  const submit = el('button');
  submit.id = 'propose-submit';
  submit.type = 'button';
  const pBar = el('div', null, 'toolbar');
  pBar.append(nameLabel, monthLabel, submit);
  const pMsg = el('div');
  pMsg.id = 'propose-message';
  propose.append(el('h3', null, 'propose-title'), el('p', null, 'note propose-hint'), draftLine, pBar, pMsg);

  const list = el('section');
  list.id = 'proposals-panel';
  const config = el('p', null, 'note');
  config.id = 'proposals-config';
  const refresh = el('button');
  refresh.id = 'proposals-refresh';
  refresh.type = 'button';
  const table = el('table', null, 'planner-table');
  table.id = 'proposals-list';
  table.style.width = '100%';
  const lMsg = el('p', null, 'note');
  lMsg.id = 'proposals-message';
  list.append(el('h3', null, 'proposals-title'), config, refresh, lMsg, table);

  root.append(suggest, propose, list);
  view.append(root);

  run.onclick = runSuggest;
  apply.onclick = applySuggestion;
  all.onclick = () => setAll(true);
  none.onclick = () => setAll(false);
  submit.onclick = submitProposal;
  refresh.onclick = () => loadProposals();
  name.oninput = renderPropose;
  month.oninput = renderPropose;
}

function addLayers(map) {
  if (map.getSource('suggest-blocks')) return;
  map.addSource('suggest-blocks', { type: 'geojson', data: EMPTY });
  map.addLayer({
    id: 'suggest-blocks-fill',
    type: 'fill',
    source: 'suggest-blocks',
    paint: {
      'fill-color': ['case', ['==', ['get', 'accepted'], true], '#1a9850', '#9e9e9e'],
      'fill-opacity': ['case', ['==', ['get', 'focused'], true], 0.55, 0.35],
    },
  });
  map.addLayer({
    id: 'suggest-blocks-line',
    type: 'line',
    source: 'suggest-blocks',
    paint: {
      'line-color': ['case', ['==', ['get', 'accepted'], true], '#006837', '#616161'],
      'line-width': ['case', ['==', ['get', 'focused'], true], 3.5, 1.5],
    },
  });
  map.on('click', 'suggest-blocks-fill', (e) => {
    const id = e.features?.[0]?.properties?.id;
    if (id !== undefined) focusMove(Number(id));
  });
}

/** Shows or hides the suggestion blocks (visible in the planner view only). */
export function setProposalsVisible(visible) {
  const map = state.ctx?.map;
  if (!map || !map.getSource('suggest-blocks')) return;
  for (const id of LAYERS) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
  if (!visible) stopPolling();
  else if (needsPolling()) startPolling();
}

/**
 * Opens the panels once: `ctx` = {map, planner (the planner view's state: its `file` is the current
 * draft), runEdited(file, kind) (makes a File the planner's draft and checks or diffs it)}.
 */
export async function showProposals(ctx) {
  if (state.ctx) {
    renderProposals();
    return;
  }
  state.ctx = ctx;
  window.gridwatch.proposals = state;
  build();
  addLayers(ctx.map);
  try {
    state.me = await fetchJson('api/me');
  } catch {
    state.me = null;
  }
  const open = await firstOpenMonth();
  if (open && !$('propose-month').value) $('propose-month').value = open;
  renderProposals();
  await Promise.all([loadProposals(), loadTowns()]);
}

/** Fills the town choice with the towns of the published layout (the editor's base). */
async function loadTowns() {
  let base;
  try {
    base = await fetchJson('api/layouts/edit/base');
  } catch {
    return; // the choice stays "every town"
  }
  const towns = [...new Set(base.draft.features.map((f) => f.properties.town).filter(Boolean))];
  towns.sort((a, b) => a.localeCompare(b, 'zh'));
  const select = $('suggest-town');
  for (const name of towns) {
    const o = el('option', name);
    o.value = name;
    select.append(o);
  }
}

async function runSuggest() {
  if (state.suggestState === 'running' || state.suggestState === 'applying') return;
  const kind = $('suggest-kind').value;
  const target = Number($('suggest-target').value) / 100;
  const town = $('suggest-town').value;
  state.suggestState = 'running';
  state.suggestError = null;
  state.applied = null;
  renderSuggest();
  try {
    const scope = town ? `&town=${encodeURIComponent(town)}` : '';
    const s = await postJson(`api/layouts/suggest?kind=${encodeURIComponent(kind)}&target=${encodeURIComponent(target)}${scope}`, {});
    state.suggestion = s;
    state.accepted = new Set(s.moves.map((m) => m.id));
    state.suggestState = 'ready';
  } catch (e) {
    state.suggestion = null;
    state.suggestError = e.message;
    state.suggestState = 'error';
  }
  drawBlocks();
  renderSuggest();
  const b = state.suggestion && bounds(state.suggestion.blocks);
  if (b) {
    const right = $('planner-view').offsetWidth;
    state.ctx.map.fitBounds(b, { padding: { top: 60, bottom: 60, left: 60, right: right + 60 }, maxZoom: 15, animate: false });
  }
}

function setAll(on) {
  if (!state.suggestion) return;
  state.accepted = new Set(on ? state.suggestion.moves.map((m) => m.id) : []);
  drawBlocks();
  renderSuggest();
}

function toggle(id, on) {
  if (on) state.accepted.add(id);
  else state.accepted.delete(id);
  drawBlocks();
  renderSuggest();
}

async function applySuggestion() {
  const s = state.suggestion;
  if (!s || state.suggestState === 'applying') return;
  state.suggestState = 'applying';
  state.suggestError = null;
  renderSuggest();
  try {
    const fc = await postJson('api/layouts/suggest/apply', {
      kind: s.kind,
      target: s.target,
      town: s.town,
      layout_version: s.layout_version,
      accept: [...state.accepted].sort((a, b) => a - b),
    });
    const outcome = fc.suggestion;
    delete fc.suggestion;
    state.applied = {
      accepted: outcome.moves.filter((m) => m.status === 'accepted').length,
      notApplicable: outcome.moves.filter((m) => m.status === 'not_applicable').length,
      reached: outcome.reached,
      outside: outcome.after.outside.length,
    };
    state.suggestState = 'applied';
    const file = new File([JSON.stringify(fc)], `suggest-v${s.layout_version}-${s.kind}.geojson`, { type: 'application/geo+json' });
    if (!$('propose-name').value) $('propose-name').value = fmt(t('proposeDefaultName'), { v: s.layout_version });
    renderSuggest();
    renderPropose();
    await state.ctx.runEdited(file, 'check');
  } catch (e) {
    state.suggestError = e.message;
    state.suggestState = 'error';
  }
  renderSuggest();
  renderPropose();
}

function drawBlocks() {
  const map = state.ctx?.map;
  if (!map || !map.getSource('suggest-blocks')) return;
  const blocks = state.suggestion?.blocks ?? EMPTY;
  map.getSource('suggest-blocks').setData({
    type: 'FeatureCollection',
    features: blocks.features.map((f) => ({
      ...f,
      properties: { ...f.properties, accepted: state.accepted.has(f.properties.id), focused: f.properties.id === state.focused },
    })),
  });
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
  for (const f of fc?.features ?? []) if (f.geometry) visit(f.geometry.coordinates);
  return Number.isFinite(b[0]) ? [[b[0], b[1]], [b[2], b[3]]] : null;
}

/** Highlights move `id` on the map and flies to its block. */
export function focusMove(id) {
  state.focused = id;
  drawBlocks();
  for (const tr of document.querySelectorAll('#suggest-moves tr[data-move-id]')) tr.classList.toggle('focused', Number(tr.dataset.moveId) === id);
  const f = state.suggestion?.blocks.features.find((x) => x.properties.id === id);
  const b = f && bounds({ features: [f] });
  if (b) {
    const right = $('planner-view').offsetWidth;
    state.ctx.map.fitBounds(b, { padding: { top: 80, bottom: 80, left: 80, right: right + 80 }, maxZoom: 16, duration: 600 });
  }
  data('suggest-panel', { focused: id });
}

async function submitProposal() {
  const file = state.ctx?.planner?.file;
  const name = $('propose-name').value.trim();
  const month = $('propose-month').value;
  if (!file || !name || !month || state.proposeState === 'sending') return;
  state.proposeState = 'sending';
  state.proposeMessage = null;
  state.proposeProblems = null;
  renderPropose();
  try {
    const type = file.type || 'application/octet-stream';
    const p = await postFile(`api/layouts/proposals?name=${encodeURIComponent(name)}&effective=${encodeURIComponent(`${month}-01`)}`, file, type);
    state.proposeState = 'sent';
    state.proposeMessage = fmt(t('proposeSent'), { id: p.id, name: p.name, day: p.effective_on });
    data('propose-panel', { proposalId: p.id });
    await loadProposals();
  } catch (e) {
    state.proposeState = 'error';
    state.proposeMessage = fmt(t('proposeFailed'), { e: e.message });
    // a 422 of the check: the planner view shows its problems after a check of the same file
    if (e.status === 422 && state.ctx.runEdited) state.proposeProblems = true;
  }
  renderPropose();
}

async function loadProposals() {
  try {
    const body = await fetchJson('api/layouts/proposals');
    state.proposals = body.proposals;
    state.configured = body.activation_configured;
    state.listError = null;
  } catch (e) {
    state.listError = e.message;
  }
  renderList();
  if (needsPolling()) startPolling();
  else stopPolling();
}

const needsPolling = () => state.proposals.some((p) => p.status === 'confirmed' || p.status === 'activating');

function startPolling() {
  if (state.poll || $('planner-view')?.hidden) return;
  state.poll = setInterval(loadProposals, POLL_MS);
  data('proposals-panel', { polling: true });
}

function stopPolling() {
  if (state.poll) clearInterval(state.poll);
  state.poll = null;
  data('proposals-panel', { polling: false });
}

async function decide(p, action) {
  if (state.busy.has(p.id)) return;
  const body = action === 'reject' ? { reason: document.querySelector(`#proposals-list tr[data-id='${p.id}'] .proposal-reason`)?.value ?? '' } : {};
  state.busy.add(p.id);
  state.listError = null;
  renderList();
  try {
    await postJson(`api/layouts/proposals/${p.id}/${action}`, body);
  } catch (e) {
    state.listError = fmt(t('proposalsFailed'), { e: e.message });
  }
  state.busy.delete(p.id);
  await loadProposals();
}

function renderSuggest() {
  const panel = $('suggest-panel');
  if (!panel) return;
  const s = state.suggestion;
  const working = state.suggestState === 'running' || state.suggestState === 'applying';
  $('suggest-run').disabled = working;
  $('suggest-apply').disabled = working || !s || s.moves.length === 0;
  $('suggest-all').disabled = working || !s || s.moves.length === 0;
  $('suggest-none').disabled = working || !s || s.moves.length === 0;
  $('suggest-apply-bar').style.display = !s || s.moves.length === 0 ? 'none' : '';
  const msg = $('suggest-message');
  msg.className = state.suggestError ? 'error' : 'note';
  msg.textContent = state.suggestError
    ? fmt(t('suggestFailed'), { e: state.suggestError })
    : state.suggestState === 'running'
      ? t('suggestRunning')
      : state.suggestState === 'applying'
        ? t('suggestApplying')
        : state.applied
          ? fmt(t(state.applied.reached ? 'suggestAppliedReached' : 'suggestApplied'), {
              n: state.applied.accepted,
              x: state.applied.notApplicable,
              o: state.applied.outside,
            })
          : '';
  msg.hidden = !msg.textContent;
  const box = $('suggest-result');
  box.replaceChildren();
  if (s) {
    const line = (b) => fmt(t('suggestBalance'), { min: b.min, max: b.max, low: num(b.low, 2), high: num(b.high, 2), o: b.outside.length });
    const verdict = el('p', s.reached ? t('suggestReached') : fmt(t('suggestNotReached'), { g: s.after.outside.join('、') }), s.reached ? 'verdict ok' : 'verdict bad');
    box.append(
      el('p', fmt(t('suggestSummary'), { v: s.layout_version, k: (t('kinds')[s.kind] ?? s.kind) + (s.town ? ` · ${s.town}` : ''), p: num(s.target * 100, 0), n: s.moves.length })),
      el('p', `${t('suggestBefore')}: ${line(s.before)}`, 'note'),
      el('p', `${t('suggestAfter')}: ${line(s.after)}`, 'note'),
      verdict,
    );
    if (s.moves.length) {
      const table = el('table', null, 'planner-table');
      table.id = 'suggest-moves';
      const head = el('tr');
      for (const h of [t('suggestAccept'), '#', t('plannerFrom'), t('plannerTo'), t('suggestEnterprises'), t('suggestArea'), t('suggestCounts'), t('plannerCompact')]) head.append(el('th', h));
      table.append(head);
      for (const m of s.moves) {
        const tr = el('tr');
        tr.dataset.moveId = String(m.id);
        tr.dataset.from = m.from;
        tr.dataset.to = m.to;
        tr.dataset.accepted = String(state.accepted.has(m.id));
        const box = el('input');
        box.type = 'checkbox';
        box.checked = state.accepted.has(m.id);
        box.disabled = working;
        box.setAttribute('aria-label', fmt(t('suggestAcceptMove'), { id: m.id }));
        box.onchange = () => toggle(m.id, box.checked);
        box.onclick = (e) => e.stopPropagation();
        const cells = [
          box,
          String(m.id),
          m.from,
          m.to,
          `${m.enterprise_ids.length}（${m.enterprise_ids.join('、')}）`,
          num(m.area_m2 / 1e6, 3),
          `${m.from} ${m.from_before}→${m.from_after}，${m.to} ${m.to_before}→${m.to_after}`,
          `${num(m.pp_from_before, 2)}→${num(m.pp_from_after, 2)} / ${num(m.pp_to_before, 2)}→${num(m.pp_to_after, 2)}`,
        ];
        for (const c of cells) {
          const td = el('td');
          if (c instanceof Node) td.append(c);
          else td.textContent = c;
          tr.append(td);
        }
        tr.onclick = () => focusMove(m.id);
        table.append(tr);
      }
      box.append(table);
    }
  }
  data('suggest-panel', {
    state: state.suggestState,
    moves: s?.moves.length ?? 0,
    accepted: [...state.accepted].sort((a, b) => a - b).join(','),
    reached: s?.reached ?? '',
  });
}

function renderPropose() {
  if (!$('propose-panel')) return;
  const file = state.ctx?.planner?.file;
  $('propose-draft').textContent = file ? fmt(t('proposeDraft'), { f: file.name }) : t('proposeNoDraft');
  const ready = file && $('propose-name').value.trim() && $('propose-month').value;
  $('propose-submit').disabled = !ready || state.proposeState === 'sending';
  const msg = $('propose-message');
  msg.replaceChildren();
  if (state.proposeState === 'sending') msg.append(el('p', t('proposeSending'), 'note'));
  else if (state.proposeMessage) {
    msg.append(el('p', state.proposeMessage, state.proposeState === 'error' ? 'verdict bad' : 'verdict ok'));
    if (state.proposeProblems) msg.append(el('p', t('proposeCheckFirst'), 'note'));
  }
  data('propose-panel', { state: state.proposeState });
}

function statusText(p) {
  return t('proposalStatuses')[p.status] ?? p.status;
}

function when(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return d.toLocaleString(currentLang() === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' });
}

function renderList() {
  if (!$('proposals-panel')) return;
  const me = state.me;
  const bureau = me?.role === 'bureau';
  const config = $('proposals-config');
  config.textContent = state.configured ? (bureau ? t('proposalsBureauHint') : t('proposalsPlannerHint')) : t('proposalsNotConfigured');
  const msg = $('proposals-message');
  msg.textContent = state.listError ?? (state.proposals.length ? '' : t('proposalsNone'));
  msg.className = state.listError ? 'error' : 'note';
  msg.hidden = !msg.textContent;
  const table = $('proposals-list');
  table.replaceChildren();
  if (state.proposals.length) {
    const head = el('tr');
    for (const h of ['#', t('proposeNameLabel'), t('proposalsStatus'), '']) head.append(el('th', h));
    table.append(head);
  }
  for (const p of state.proposals) {
    const tr = el('tr');
    tr.dataset.id = String(p.id);
    tr.dataset.status = p.status;
    const what = el('div');
    what.append(
      el('b', p.name),
      el('div', fmt(t('proposalsFrom'), { day: p.effective_on })),
      el('div', `${p.proposed_by} · ${when(p.proposed_at)}${p.decided_by ? ` → ${p.decided_by} · ${when(p.decided_at)}` : ''}`, 'note'),
    );
    const status = el('div');
    status.append(el('b', statusText(p), `proposal-status ${p.status}`));
    if (p.message) {
      const message = el('div', p.message, 'proposal-message');
      message.style.whiteSpace = 'pre-line';
      message.style.overflowWrap = 'anywhere';
      status.append(message);
    }
    if (p.layout_version) status.append(el('div', fmt(t('proposalsVersion'), { v: p.layout_version })));
    const actions = el('td');
    if (bureau && p.status === 'proposed') {
      if (p.proposed_by === me.login) actions.append(el('div', t('proposalsOwn'), 'note'));
      else {
        const ok = el('button', t('proposalsConfirm'));
        ok.type = 'button';
        ok.className = 'proposal-confirm';
        ok.disabled = state.busy.has(p.id) || !state.configured;
        ok.onclick = () => decide(p, 'confirm');
        actions.append(ok);
      }
      const reason = el('input');
      reason.type = 'text';
      reason.className = 'proposal-reason';
      reason.placeholder = t('proposalsReason');
      reason.value = state.reasons.get(p.id) ?? '';
      reason.oninput = () => state.reasons.set(p.id, reason.value);
      reason.style.width = '8em';
      reason.style.display = 'block';
      reason.style.margin = '4px 0';
      const no = el('button', t('proposalsReject'));
      no.type = 'button';
      no.className = 'proposal-reject';
      no.disabled = state.busy.has(p.id);
      no.onclick = () => decide(p, 'reject');
      actions.append(reason, no);
    }
    for (const c of [String(p.id), what, status]) {
      const td = el('td');
      if (c instanceof Node) td.append(c);
      else td.textContent = c;
      tr.append(td);
    }
    tr.append(actions);
    table.append(tr);
  }
  data('proposals-panel', {
    count: state.proposals.length,
    configured: state.configured,
    pending: state.proposals.filter((p) => p.status === 'proposed').length,
  });
}

/** Draws the panels' texts and results (also after a language switch or a new draft). */
export function renderProposals() {
  if (!$('proposals-root')) return;
  const root = $('proposals-root');
  const text = (cls, key) => {
    for (const e of root.querySelectorAll(`.${cls}`)) e.textContent = t(key);
  };
  text('suggest-title', 'suggestTitle');
  text('suggest-hint', 'suggestHint');
  text('suggest-kind-label', 'kind');
  text('suggest-target-label', 'suggestTarget');
  text('suggest-town-label', 'suggestTown');
  $('suggest-town').options[0].textContent = t('suggestAllTowns');
  text('propose-title', 'proposeTitle');
  text('propose-hint', 'proposeHint');
  text('propose-name-label', 'proposeNameLabel');
  text('propose-month-label', 'proposeMonthLabel');
  text('proposals-title', 'proposalsTitle');
  for (const o of $('suggest-kind').options) o.textContent = t('kinds')[o.value];
  $('suggest-run').textContent = t('suggestRun');
  $('suggest-apply').textContent = t('suggestApply');
  $('suggest-all').textContent = t('suggestAll');
  $('suggest-none').textContent = t('suggestNone');
  $('propose-submit').textContent = t('proposeSubmit');
  $('proposals-refresh').textContent = t('proposalsRefresh');
  renderSuggest();
  renderPropose();
  renderList();
}
