// @ts-check
/**
 * #/insight/dashboard: the figures of the period as charts (Apache ECharts, bundled, drawn on
 * canvas with nothing fetched from elsewhere), each exportable as CSV. Payers are shown by name,
 * states and kinds in words; no internal codes on the page.
 */
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { h, replaceChildren } from '../dom.js';
import { get, withQuery } from '../api.js';
import { onLanguageChange, t } from '../i18n.js';
import { describe } from '../forms.js';
import { downloadCsv, toCsv } from './csv.js';
import { periodControls, periodQuery } from './period.js';
import './insight.css';
import './messages.js';
/** @import { BarSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts' */
/**
 * @import { GridComponentOption, LegendComponentOption, TooltipComponentOption }
 *     from 'echarts/components'
 */
/** @import { ComposeOption, ECharts } from 'echarts/core' */
/** @import { CsvValue } from './csv.js' */
/** @import { AgeBucket, Dashboard, RouteContext } from '../types.js' */

/**
 * The options of the charts we draw, checked against what the registered parts accept.
 * @typedef {ComposeOption<BarSeriesOption | LineSeriesOption | PieSeriesOption
 *     | GridComponentOption | LegendComponentOption | TooltipComponentOption>} ChartOption
 */

/**
 * One figure of the dashboard: its CSV (header and rows), an optional note under the chart,
 * the chart, and, with `table`, the rows as a table too.
 * @typedef {object} Figure
 * @property {string} id the key of its title, `insight.fig.<id>`
 * @property {boolean} [table]
 * @property {() => string[]} header
 * @property {(d: Dashboard) => CsvValue[][]} rows
 * @property {(d: Dashboard) => string} [note]
 * @property {(d: Dashboard) => ChartOption} chart
 */

/**
 * A row of the durations figure.
 * @typedef {object} DurationRow
 * @property {string} name
 * @property {number} count
 * @property {number | null} median seconds
 * @property {number | null} p90 seconds
 */

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent,
    CanvasRenderer]);

const FONT = 'system-ui, "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif';

/**
 * @param {HTMLElement} outlet
 * @param {RouteContext} context
 */
export async function dashboardView(outlet, { query }) {
    const grid = h('div', { class: 'insight-figures', id: 'insight-figures' });
    const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
    const range = h('p', { class: 'hint', id: 'insight-range' });
    const controls = periodControls(null, query, { onApply: () => load() });
    replaceChildren(outlet, h('div', { class: 'insight', id: 'insight-dashboard' },
        h('div', { class: 'insight-head' },
            h('h1', { i18n: 'insight.dashboard.title' }),
            h('a', { href: '#/insight', i18n: 'insight.dashboard.toMap' })),
        controls.element, range, error, grid));

    /** @type {ECharts[]} */
    let charts = [];
    /** @type {Dashboard | null} */
    let data = null;
    const dispose = () => {
        charts.forEach((c) => c.dispose());
        charts = [];
    };
    /** @param {Dashboard} d */
    const draw = (d) => {
        dispose();
        replaceChildren(grid);
        charts = FIGURES.map((figure) => {
            const chart = h('div', { class: 'insight-chart' });
            const note = h('p', { class: 'insight-note' });
            const rows = figure.rows(d);
            grid.append(h('section', { class: 'card insight-figure', dataset: { figure: figure.id } },
                h('div', { class: 'insight-cases-head' },
                    h('h2', { i18n: `insight.fig.${figure.id}` }),
                    h('button', { type: 'button', class: 'figure-csv', i18n: 'insight.export',
                        onclick: () => downloadCsv(`${t(`insight.fig.${figure.id}`)}-`
                            + `${d.period.from}-${d.period.to}.csv`,
                        toCsv(figure.header(), rows)) })),
                chart, note, figure.table && h('table', { class: 'insight-table' },
                    h('thead', {}, h('tr', {}, figure.header().map((c) => h('th', {}, c)))),
                    h('tbody', {}, rows.map((r) => h('tr', {}, r.map((v) =>
                        h('td', {}, String(v)))))))));
            note.textContent = figure.note?.(d) ?? '';
            const instance = echarts.init(chart, null, { renderer: 'canvas' });
            instance.setOption({ textStyle: { fontFamily: FONT }, animation: false,
                tooltip: { trigger: 'axis' }, ...figure.chart(d) });
            return instance;
        });
        grid.dataset.rendered = String(charts.length);
    };
    const load = async () => {
        error.hidden = true;
        grid.dataset.rendered = '';
        try {
            /** @type {Dashboard} */
            const answer = await get(withQuery('/insight/dashboard',
                periodQuery(controls.values())));
            data = answer;
            range.textContent = `${answer.period.from} – ${answer.period.to}`;
            draw(answer);
        } catch (failure) {
            describe(error, failure);
            error.hidden = false;
        }
    };
    const resize = () => charts.forEach((c) => c.resize());
    window.addEventListener('resize', resize);
    const stopLanguage = onLanguageChange(() => data && draw(data));
    await load();
    return () => {
        window.removeEventListener('resize', resize);
        stopLanguage();
        controls.stop();
        dispose();
    };
}

/** @type {Figure[]} */
const FIGURES = [
    {
        id: 'perDay',
        header: () => [t('insight.fig.perDay.date'), t('insight.fig.perDay.count')],
        rows: (d) => d.casesPerDay.map((x) => [x.date, x.count]),
        chart: (d) => ({
            grid: { left: 40, right: 16, top: 16, bottom: 40 },
            xAxis: { type: 'category', data: d.casesPerDay.map((x) => x.date.slice(5)) },
            yAxis: { type: 'value', minInterval: 1 },
            series: [{ type: d.casesPerDay.length > 14 ? 'line' : 'bar', name:
                t('insight.fig.perDay.count'), data: d.casesPerDay.map((x) => x.count),
            itemStyle: { color: '#1d5fa8' } }],
        }),
    },
    {
        id: 'online',
        header: () => [t('insight.fig.online.settled'), t('insight.fig.online.police'),
            t('insight.fig.online')],
        rows: (d) => [[d.cases.settledOnline, d.cases.policeHandled,
            d.cases.settledOnlineShare ?? '']],
        note: (d) => (d.cases.settledOnlineShare === null ? t('insight.fig.online.none')
            : t('insight.fig.online.share', { share: percent(d.cases.settledOnlineShare) })),
        chart: (d) => ({
            tooltip: { trigger: 'item' },
            legend: { bottom: 0 },
            series: [{ type: 'pie', radius: ['40%', '68%'], center: ['50%', '45%'],
                stillShowZeroSum: false,
                // with no outcome yet the note says so; labels would point at nothing
                label: { show: d.cases.settledOnline + d.cases.policeHandled > 0,
                    formatter: '{b}\n{c}' },
                labelLine: { show: d.cases.settledOnline + d.cases.policeHandled > 0 },
                data: [
                    { name: t('insight.fig.online.settled'), value: d.cases.settledOnline,
                        itemStyle: { color: '#66bb6a' } },
                    { name: t('insight.fig.online.police'), value: d.cases.policeHandled,
                        itemStyle: { color: '#ef5350' } }] }],
        }),
    },
    {
        id: 'durations',
        header: () => [t('insight.fig.durations.what'), t('insight.fig.durations.count'),
            `${t('insight.fig.durations.median')}（秒 s）`, `${t('insight.fig.durations.p90')}（秒 s）`],
        rows: (d) => durationRows(d).map((r) => [r.name, r.count, r.median ?? '', r.p90 ?? '']),
        note: (d) => durationRows(d).map((r) => `${r.name}：${t('insight.fig.durations.median')}
            ${duration(r.median)}，${t('insight.fig.durations.p90')} ${duration(r.p90)}`
            .replace(/\s+/g, ' ')).join('；'),
        chart: (d) => ({
            grid: { left: 60, right: 16, top: 30, bottom: 30 },
            legend: { top: 0 },
            tooltip: { trigger: 'axis', valueFormatter: (v) => `${v} ${t('insight.minutes',
                { n: '' }).trim()}` },
            xAxis: { type: 'category', data: durationRows(d).map((r) => r.name) },
            yAxis: { type: 'value', name: t('insight.minutes', { n: '' }).trim() },
            series: [
                { type: 'bar', name: t('insight.fig.durations.median'), itemStyle:
                    { color: '#42a5f5' }, data: durationRows(d).map((r) => minutes(r.median)) },
                { type: 'bar', name: t('insight.fig.durations.p90'), itemStyle:
                    { color: '#1d5fa8' }, data: durationRows(d).map((r) => minutes(r.p90)) }],
        }),
    },
    {
        id: 'duplicates',
        header: () => [t('insight.fig.duplicates.offered'), t('insight.fig.duplicates.avoided')],
        rows: (d) => [[d.repeatedReports.offered, d.repeatedReports.avoided]],
        chart: (d) => ({
            grid: { left: 150, right: 30, top: 10, bottom: 20 },
            xAxis: { type: 'value', minInterval: 1 },
            yAxis: { type: 'category', data: [t('insight.fig.duplicates.offered'),
                t('insight.fig.duplicates.avoided')] },
            series: [{ type: 'bar', label: { show: true, position: 'right' },
                data: [d.repeatedReports.offered, { value: d.repeatedReports.avoided,
                    itemStyle: { color: '#8e24aa' } }], itemStyle: { color: '#ba68c8' } }],
        }),
    },
    {
        id: 'waiting',
        header: () => [t('insight.fig.waiting.age'), t('insight.fig.waiting.cases')],
        rows: (d) => d.reviewWaiting.byAge.map((b) => [ageLabel(b), b.count]),
        note: (d) => t('insight.fig.waiting.count', { count: d.reviewWaiting.count,
            oldest: duration(d.reviewWaiting.oldestSeconds) }),
        chart: (d) => ({
            grid: { left: 40, right: 16, top: 16, bottom: 40 },
            xAxis: { type: 'category', data: d.reviewWaiting.byAge.map(ageLabel),
                axisLabel: { interval: 0 } },
            yAxis: { type: 'value', minInterval: 1 },
            series: [{ type: 'bar', name: t('insight.fig.waiting.cases'),
                data: d.reviewWaiting.byAge.map((b) => b.count), itemStyle: { color: '#ef5350' } }],
        }),
    },
    {
        id: 'advances',
        table: true,
        header: () => [t('insight.fig.advances.payer'), t('insight.fig.advances.kind'),
            t('insight.fig.advances.count'), t('insight.fig.advances.amount'),
            t('insight.fig.advances.disbursed')],
        rows: (d) => d.advances.payers.map((p) => [p.name, t(`insight.kind.${p.kind}`),
            p.advances, yuan(p.advancedFen), yuan(p.disbursedFen)]),
        note: (d) => t('insight.fig.advances.overdue', { notices: d.advances.overdueNotices,
            reviews: d.advances.overdueReviews }),
        chart: (d) => ({
            grid: { left: 60, right: 50, top: 30, bottom: 60 },
            legend: { top: 0 },
            xAxis: { type: 'category', data: d.advances.payers.map((p) => p.name),
                axisLabel: { interval: 0, width: 90, overflow: 'break' } },
            yAxis: [{ type: 'value', name: t('insight.fig.advances.amount') },
                { type: 'value', name: t('insight.fig.advances.count'), minInterval: 1 }],
            series: [
                { type: 'bar', name: t('insight.fig.advances.amount'), itemStyle:
                    { color: '#ffa726' }, data: d.advances.payers.map((p) => p.advancedFen / 100) },
                { type: 'bar', name: t('insight.fig.advances.disbursed'), itemStyle:
                    { color: '#66bb6a' }, data: d.advances.payers.map((p) => p.disbursedFen / 100) },
                { type: 'line', name: t('insight.fig.advances.count'), yAxisIndex: 1,
                    data: d.advances.payers.map((p) => p.advances) }],
        }),
    },
    {
        id: 'buses',
        table: true,
        header: () => [t('insight.fig.buses.school'), t('insight.fig.buses.served'),
            t('insight.fig.buses.students'), t('insight.fig.buses.used'),
            t('insight.fig.buses.available')],
        rows: (d) => d.buses.schools.map((s) => [s.name, s.studentsServed, s.students,
            s.busesUsed, s.busesAvailable]),
        note: (d) => d.buses.schools.filter((s) => !s.hasPlan).map((s) => `${s.name}：${t(
            'insight.fig.buses.noPlan')}`).join('；'),
        chart: (d) => ({
            grid: { left: 50, right: 50, top: 30, bottom: 40 },
            legend: { top: 0 },
            xAxis: { type: 'category', data: d.buses.schools.map((s) => s.name) },
            yAxis: [{ type: 'value', name: t('insight.fig.buses.served'), minInterval: 1 },
                { type: 'value', name: t('insight.fig.buses.used'), minInterval: 1 }],
            series: [
                { type: 'bar', name: t('insight.fig.buses.served'), itemStyle: { color: '#1d5fa8' },
                    data: d.buses.schools.map((s) => s.studentsServed) },
                { type: 'bar', name: t('insight.fig.buses.used'), yAxisIndex: 1,
                    itemStyle: { color: '#26a69a' }, data: d.buses.schools.map((s) => s.busesUsed) }],
        }),
    },
];

/**
 * @param {Dashboard} d
 * @returns {DurationRow[]}
 */
function durationRows(d) {
    return [
        { name: t('insight.fig.durations.toAgreement'), count: d.reportToAgreement.count,
            median: d.reportToAgreement.medianSeconds, p90: d.reportToAgreement.p90Seconds },
        { name: t('insight.fig.durations.toDecision'), count: d.reviewToDecision.count,
            median: d.reviewToDecision.medianSeconds, p90: d.reviewToDecision.p90Seconds },
    ];
}

/** @param {number | null | undefined} seconds */
function minutes(seconds) {
    return seconds === null || seconds === undefined ? null : Math.round(seconds / 6) / 10;
}

/**
 * 20 分钟, 1.5 小时, 2 天: the unit a person would use.
 * @param {number | null | undefined} seconds
 */
export function duration(seconds) {
    if (seconds === null || seconds === undefined) return t('insight.none');
    if (seconds < 3600) return t('insight.minutes', { n: Math.round(seconds / 60) });
    if (seconds < 86_400) return t('insight.hours', { n: Math.round(seconds / 360) / 10 });
    return t('insight.days', { n: Math.round(seconds / 8640) / 10 });
}

/** @param {AgeBucket} bucket */
function ageLabel(bucket) {
    const from = duration(bucket.fromSeconds);
    const to = bucket.toSeconds === null ? null : duration(bucket.toSeconds);
    if (bucket.fromSeconds === 0) return t('insight.fig.waiting.under', { to });
    if (to === null) return t('insight.fig.waiting.over', { from });
    return t('insight.fig.waiting.between', { from, to });
}

/** @param {number} share */
function percent(share) {
    return `${Math.round(share * 1000) / 10}%`;
}

/** @param {number} fen */
function yuan(fen) {
    return (fen / 100).toFixed(2);
}
