// @ts-check
/**
 * The coordinator's page (#/bus): pick a school, see its households and buses, plan, follow the
 * job's progress, and read the plan on our own map with a route sheet per bus.
 */
import { h, replaceChildren } from '../dom.js';
import { get, post } from '../api.js';
import { bindServerMessage, bindText, onLanguageChange } from '../i18n.js';
import { describe } from '../forms.js';
import { createBaseMap, whenStyleLoaded } from '../map/basemap.js';
import './messages.js';
import { addPlanLayers, fitPlan, lineColour } from './plan-layers.js';
import { distance, printLinks } from './print/print-links.js';
import { cancelJob, createReview, drawProgress } from './review/plan-review.js';
import { toMinute } from './review/child-notices.js';

/** @import { Line, Plan, PlanJob, School } from '../types.js' */

const POLL_MS = 1000;

/** @param {HTMLElement} outlet */
export async function planningView(outlet) {
    /** @type {School[]} */
    const schools = await get('/bus/schools');
    if (schools.length === 0) {
        replaceChildren(outlet, h('section', { class: 'card', id: 'bus-planning' },
            h('h1', { i18n: 'bus.planning.title' }),
            h('p', { class: 'hint', i18n: 'bus.noSchools' }), registerLink()));
        return undefined;
    }
    const picker = h('select', { id: 'bus-school', name: 'school' },
        schools.map((s) => h('option', { value: s.id }, s.name)));
    const counts = h('p', { class: 'hint', id: 'bus-counts' });
    const planButton = h('button', { class: 'primary', id: 'bus-plan', type: 'button',
        i18n: 'bus.plan' });
    const status = h('p', { class: 'notice', id: 'bus-status', role: 'status', hidden: true });
    const progress = h('div', { class: 'bus-progress', hidden: true });
    const summary = h('div', { id: 'bus-summary' });
    const review = createReview({
        onShow: (plan) => {
            state.plan = plan;
            drawPlan({ fit: true });
        },
        onJob: (job) => {
            planButton.disabled = true;
            status.hidden = false;
            replaceChildren(summary, h('p', { class: 'hint', id: 'bus-summary-pending',
                i18n: 'review.newPlanComing' }));
            follow(job.id);
        },
    });
    const runTabs = h('div', { class: 'tabs', role: 'tablist' });
    const mapElement = h('div', { class: 'map-full', id: 'bus-map' });
    const unserved = h('div', { id: 'bus-unserved' });
    const sheets = h('div', { id: 'bus-sheets' });
    replaceChildren(outlet, h('section', { class: 'map-page', id: 'bus-planning' },
        h('div', { class: 'map-heading' },
            h('h1', { i18n: 'bus.planning.title' }), registerLink(),
            h('label', { for: 'bus-school', i18n: 'bus.school' }), picker, counts, planButton,
            status, progress, summary, runTabs),
        mapElement, review.element, unserved, sheets));

    const first = schools[0];
    const map = createBaseMap(mapElement, { center: { lat: first.lat, lon: first.lon },
        zoom: 14 });
    await whenStyleLoaded(map);
    /**
     * @type {{ school: School, plan: Plan | null, run: 'evening' | 'morning',
     *     layers: { remove(): unknown } | null,
     *     timer: ReturnType<typeof setTimeout> | undefined }}
     */
    const state = { school: first, plan: null, run: 'evening', layers: null, timer: undefined };

    /** @param {School} school */
    const showSchool = async (school) => {
        state.school = school;
        bindText(counts, 'bus.counts', school);
        map.jumpTo({ center: [school.lon, school.lat], zoom: 14 });
        const plan = school.latestPlanId ? await get(`/bus/plans/${school.latestPlanId}`) : null;
        // another school was picked while this one's plan was on its way
        if (state.school !== school) return;
        state.plan = plan;
        drawPlan({ fit: true });
        await review.load(school.id, state.plan);
    };

    const drawPlan = ({ fit = false } = {}) => {
        state.layers?.remove();
        replaceChildren(summary);
        replaceChildren(unserved);
        replaceChildren(sheets);
        replaceChildren(runTabs);
        const { plan } = state;
        if (!plan) {
            summary.append(h('p', { class: 'hint', i18n: 'bus.noPlan' }));
            return;
        }
        const s = plan.summary;
        summary.append(
            h('p', { id: 'bus-summary-line', i18n: 'bus.summary', i18nParams: {
                served: s.householdsServed, households: s.households,
                students: s.studentsServed, buses: s.busesUsed,
                ride: (s.longestRideSeconds / 60).toFixed(1),
            } }),
            h('p', { class: 'hint', i18n: 'bus.timings', i18nParams: {
                matrix: s.matrixSeconds.toFixed(1), solve: s.solveSeconds.toFixed(1),
            } }));
        for (const run of /** @type {const} */ (['evening', 'morning'])) {
            runTabs.append(h('button', {
                class: 'tab', type: 'button', role: 'tab', dataset: { run },
                'aria-selected': String(run === state.run), i18n: `bus.run.${run}`,
                onclick: () => { state.run = run; drawPlan(); },
            }));
        }
        state.layers = addPlanLayers(map, plan, state.run);
        unserved.append(h('h2', { class: 'section-title', i18n: 'bus.unserved.title',
            i18nParams: { count: plan.unserved.length } }));
        if (plan.unserved.length === 0) {
            unserved.append(h('p', { class: 'hint', i18n: 'bus.unserved.none' }));
        } else {
            unserved.append(h('ul', { class: 'bus-unserved' }, plan.unserved.map((u) =>
                h('li', { dataset: { reason: u.reason } }, `${u.label}：`,
                    bindServerMessage(h('span'), u.reasonText)))));
        }
        sheets.append(h('h2', { class: 'section-title', i18n: 'bus.sheets' }),
            ...plan[state.run].lines.map(routeSheet), printLinks(plan));
        // after the summary and sheets took their room, so the fitted view is the one shown
        if (fit) fitPlan(map, plan);
    };

    /** @param {string} jobId */
    const follow = (jobId) => {
        clearTimeout(state.timer);
        const poll = async () => {
            /** @type {PlanJob} */
            const job = await get(`/bus/plan-jobs/${jobId}`);
            status.hidden = false;
            if (job.status === 'failed' || job.status === 'cancelled') {
                progress.hidden = true;
                if (job.status === 'failed') {
                    bindText(status, 'bus.phase.failed', { error: job.error ?? '' });
                } else bindText(status, 'review.cancelled');
                drawPlan();
                planButton.disabled = false;
                return;
            }
            if (job.status === 'done') {
                progress.hidden = true;
                state.plan = await get(`/bus/plans/${job.planId}`);
                drawPlan({ fit: true });
                bindText(status, 'bus.phase.done');
                planButton.disabled = false;
                await review.load(state.school.id, state.plan);
                return;
            }
            if (job.status === 'running') {
                drawProgress(progress, job, () => cancelJob(jobId).catch((error) =>
                    describe(status, error)));
            }
            const best = job.progress?.best;
            if (job.phase === 'solving' && best) {
                bindText(status, 'bus.best', { students: best.studentsServed, buses: best.buses,
                    minutes: (best.drivingSeconds / 60).toFixed(0), run: job.progress?.run });
            } else {
                bindText(status, `bus.phase.${job.phase}`, { ahead: job.queuePosition ?? 0 });
            }
            state.timer = setTimeout(poll, POLL_MS);
        };
        poll().catch((error) => {
            describe(status, error);
            planButton.disabled = false;
        });
    };

    planButton.addEventListener('click', async () => {
        planButton.disabled = true;
        status.hidden = false;
        bindText(status, 'bus.planning');
        // the plan shown is the old one until the new one is done: say so, not its numbers
        replaceChildren(summary, h('p', { class: 'hint', id: 'bus-summary-pending',
            i18n: 'review.newPlanComing' }));
        replaceChildren(progress);
        try {
            const job = await post(`/bus/schools/${state.school.id}/plans`, {});
            follow(job.id);
        } catch (error) {
            describe(status, error);
            planButton.disabled = false;
        }
    });
    picker.addEventListener('change', () => showSchool(
        /** @type {School} the picker lists only these */ (
            schools.find((s) => s.id === picker.value))));
    const stopLanguage = onLanguageChange(() => drawPlan());
    await showSchool(first);
    return () => {
        clearTimeout(state.timer);
        stopLanguage();
        map.remove();
    };
}

/** The coordinator desk's register and import (#/bus/register). */
function registerLink() {
    return h('a', { href: '#/bus/register', id: 'bus-register-link', i18n: 'bus.registerLink' });
}

/**
 * One bus's route sheet (线路单): its stops with times, then turn-by-turn directions.
 * @param {Line} line
 */
function routeSheet(line) {
    return h('details', { class: 'card bus-sheet', dataset: { line: String(line.number) } },
        h('summary', {},
            h('span', { class: 'bus-swatch', style: `background:${lineColour(line.number)}` }),
            h('span', { i18n: 'bus.line.head', i18nParams: { name: line.name,
                bus: line.busLabel, students: line.students, start: toMinute(line.start),
                end: toMinute(line.end) } })),
        h('table', { class: 'bus-stops' },
            h('thead', {}, h('tr', {},
                ['bus.stop.seq', 'bus.stop.name', 'bus.stop.arrival', 'bus.stop.students']
                    .map((key) => h('th', { i18n: key })))),
            h('tbody', {}, line.stops.map((stop) => h('tr', {},
                h('td', {}, String(stop.sequence)), h('td', {}, stop.stopName),
                h('td', {}, toMinute(stop.arrival)), h('td', {}, String(stop.students)))))),
        h('h3', { i18n: 'bus.directions' }),
        h('ol', { class: 'bus-directions' }, line.path.instructions.map((step) =>
            h('li', {}, bindServerMessage(h('span'), `${step.textZh} / ${step.textEn}`),
                step.distanceMetres > 0 ? distance(step.distanceMetres) : ''))));
}
