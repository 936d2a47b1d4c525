// The trends view (趋势): an Apache ECharts line chart of /api/trends by metric and group, with an
// optional trailing 3-month moving average computed here. Loaded on demand (its own chunk).
// Test hooks on #trend-chart: data-ready, data-metric, data-group, data-series, data-months,
// data-moving-average; window.gridwatch.chart is the ECharts instance.
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { fetchJson } from './api.js';
import { fmt, t } from './i18n.js';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const FONT = '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif';
const WINDOW = 3;
const $ = (id) => document.getElementById(id);
const state = { chart: null, data: null, seq: 0, error: null, gridNames: {} };

/**
 * Trailing moving average over up to `size` months of one API series: for ratio metrics the ratio
 * of the window's sums (Σ numerators ÷ Σ denominators, never a mean of ratios), for counts the mean
 * of the months with data; null when the window has no data.
 */
export function movingAverage(s, ratio, size = WINDOW) {
  return s.values.map((_, i) => {
    const from = Math.max(0, i - size + 1);
    let num = 0;
    let den = 0;
    for (let j = from; j <= i; j++) {
      const n = s.numerators[j];
      if (n === null || n === undefined) continue;
      if (ratio) {
        const d = s.denominators?.[j];
        if (d === null || d === undefined) continue;
        num += n;
        den += d;
      } else {
        num += n;
        den += 1;
      }
    }
    return den === 0 ? null : num / den;
  });
}

function setChartStatus(fields) {
  const el = $('trend-chart');
  for (const [k, v] of Object.entries(fields)) el.dataset[k] = String(v);
}

function note(text) {
  const p = $('trends-note');
  p.textContent = text ?? '';
  p.hidden = !text;
}

/** Opens the view (creating the chart on first use) and loads the selected series. */
export async function showTrends(gridNames) {
  state.gridNames = gridNames ?? {};
  if (!state.chart) {
    state.chart = echarts.init($('trend-chart'), null, { renderer: 'canvas' });
    window.gridwatch.chart = state.chart;
    window.addEventListener('resize', () => state.chart.resize());
    for (const id of ['trend-metric', 'trend-group']) $(id).onchange = () => loadTrends();
    $('trend-ma').onchange = () => renderTrends();
    await loadTrends();
  } else {
    state.chart.resize();
    if (state.error) await loadTrends();
  }
}

async function loadTrends() {
  const seq = ++state.seq;
  const metric = $('trend-metric').value;
  const group = $('trend-group').value;
  setChartStatus({ ready: false, metric, group });
  try {
    const data = await fetchJson(`api/trends?metric=${encodeURIComponent(metric)}&group=${encodeURIComponent(group)}`);
    if (seq !== state.seq) return;
    state.data = data;
    state.error = null;
  } catch (e) {
    if (seq !== state.seq) return;
    state.data = null;
    state.error = e.message;
  }
  renderTrends();
}

function seriesName(group, key) {
  if (group === 'zone') return t('zoneSeries');
  if (group === 'grid' && state.gridNames[key]) return `${key} ${state.gridNames[key]}`;
  return key;
}

/** Draws the loaded series (also after a language switch or the moving-average toggle). */
export function renderTrends() {
  const chart = state.chart;
  if (!chart) return;
  const seq = state.seq;
  const data = state.data;
  const ma = $('trend-ma').checked;
  if (state.error || !data) {
    chart.clear();
    note(state.error ? fmt(t('loadError'), { e: state.error }) : null);
    setChartStatus({ ready: true, series: 0, months: 0, error: state.error ?? '' });
    return;
  }
  // coverage and awareness are ratios shown as %; score is a mean of totals (a ratio of sums too,
  // but in points); patrols are counts
  const ratio = data.metric === 'coverage' || data.metric === 'awareness_rate';
  const ofSums = data.metric !== 'patrols';
  const scale = (v) => (v === null || v === undefined ? null : ratio ? Math.round(v * 10000) / 100 : v);
  const series = data.series.map((s) => {
    const values = ma ? movingAverage(s, ofSums) : s.values;
    return {
      type: 'line',
      name: seriesName(data.group, s.key),
      data: values.map((v) => (v === null ? null : ratio ? scale(v) : Math.round(v * 100) / 100)),
      connectNulls: false,
      showSymbol: true,
      symbolSize: 6,
      smooth: false,
      lineStyle: { width: 2 },
    };
  });
  note(series.length === 0 ? t('noTrends') : null);
  const title = t('trendMetrics')[data.metric] + (ma ? t('maSuffix') : '');
  chart.off('finished');
  chart.on('finished', () => {
    if (seq !== state.seq) return;
    setChartStatus({
      ready: true,
      metric: data.metric,
      group: data.group,
      series: series.length,
      months: data.months.length,
      movingAverage: ma,
      error: '',
    });
  });
  setChartStatus({ ready: false });
  chart.setOption(
    {
      textStyle: { fontFamily: FONT },
      animationDuration: 300,
      color: ['#1f3a5f', '#d73027', '#1a9850', '#f29e38', '#4575b4', '#984ea3', '#a65628', '#66c2a5', '#e7298a', '#666666'],
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v) => (v === null || v === undefined ? '—' : ratio ? `${v.toFixed(1)}%` : String(v)),
      },
      legend: { type: 'scroll', top: 4, textStyle: { fontFamily: FONT } },
      grid: { left: 64, right: 48, top: 48, bottom: 40 },
      xAxis: { type: 'category', data: data.months, boundaryGap: false, name: t('month'), nameLocation: 'middle', nameGap: 28 },
      yAxis: {
        type: 'value',
        name: title,
        nameTextStyle: { align: 'left', fontFamily: FONT },
        min: ratio ? 0 : undefined,
        max: ratio ? 100 : undefined,
        axisLabel: { formatter: ratio ? '{value}%' : '{value}' },
      },
      series,
    },
    { notMerge: true },
  );
}
