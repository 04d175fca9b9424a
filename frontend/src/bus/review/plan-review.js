// @ts-check
/**
 * Plan review on the coordinator's page (方案审核): the school's plans with their state (draft,
 * published for the evening or the morning, by whom and when), publishing per run, two plans
 * side by side, and the hand edits (move a household to another stop, move a stop to another
 * line, rename a stop). Each edit makes a new version; a broken rule comes back with the server's
 * words naming it. Also the planning job's progress bar with its cancel button.
 */
import { h, replaceChildren } from '../../dom.js';
import { get, post } from '../../api.js';
import { bindText } from '../../i18n.js';
import { describe } from '../../forms.js';
import '../messages.js';
import './messages.js';

/** @import { Plan, PlanJob } from '../../types.js' */

/**
 * @typedef {{ publishedAt: string, publishedBy: string | null, run: string }} Publication
 * @typedef {object} PlanRow one plan of GET /bus/schools/{id}/plans
 * @property {string} planId
 * @property {number} version
 * @property {string | null} editedBy
 * @property {string | null} edit
 * @property {string} createdAt
 * @property {'draft' | 'published'} state
 * @property {{ evening?: Publication, morning?: Publication }} published
 * @property {{ householdsServed: number, households: number, busesUsed: number }} summary
 * @typedef {{ lines: number, seats: number, seatsUsed: number, studentsUnserved: number }} RunMeasures
 * @typedef {object} Measures
 * @property {string} planId
 * @property {number} version
 * @property {number} buses
 * @property {number} drivingSeconds
 * @property {number} longestRideSeconds
 * @property {number} longestWalkMetres
 * @property {RunMeasures} evening
 * @property {RunMeasures} morning
 * @typedef {{ stopName: string | null, eveningBus: string | null, morningBus: string | null }} Place
 * @typedef {{ householdId: string, label: string, before: Place | null, after: Place | null }} Change
 * @typedef {{ plans: [Measures, Measures], changedHouseholds: number, changes: Change[] }} Comparison
 * @typedef {Plan} ShownPlan
 */

/** The changed households listed under a comparison; the count says how many there are. */
const SHOWN_CHANGES = 100;

/** Local time to the minute, as a coordinator reads it: 12-03 16:40. */
const minute = (/** @type {string} */ iso) => new Date(iso).toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai', month: '2-digit', day: '2-digit', hour: '2-digit',
    minute: '2-digit', hour12: false });

/**
 * @param {{ onShow: (plan: ShownPlan) => void, onJob: (job: PlanJob) => void }} options
 *     `onShow` draws a plan on the map, `onJob` follows a re-planning job
 */
export function createReview({ onShow, onJob }) {
    const list = h('table', { class: 'bus-stops', id: 'plan-list' });
    const message = h('p', { class: 'notice', id: 'plan-review-message', role: 'status',
        hidden: true });
    const comparison = h('div', { id: 'plan-compare' });
    const edits = h('div', { id: 'plan-edit' });
    const element = h('section', { class: 'card', id: 'plan-review' },
        h('h2', { class: 'section-title', i18n: 'review.title' }), message, list, comparison,
        edits);
    /** @type {{ schoolId: string, rows: PlanRow[], shown: ShownPlan | null }} */
    const state = { schoolId: '', rows: [], shown: null };

    /** @param {unknown} error */
    const fail = (error) => {
        message.hidden = false;
        message.classList.add('form-error');
        describe(message, error);
    };
    /** @param {string} key @param {Record<string, unknown>} [params] */
    const say = (key, params) => {
        message.hidden = false;
        message.classList.remove('form-error');
        bindText(message, key, params);
    };

    const published = (/** @type {'evening' | 'morning'} */ run) =>
        state.rows.find((row) => row.published[run]);

    /** @param {PlanRow} row */
    const stateText = (row) => {
        const runs = /** @type {const} */ (['evening', 'morning'])
            .filter((run) => row.published[run]);
        if (runs.length === 0) return h('span', { class: 'plan-state', i18n: 'review.draft' });
        return h('span', { class: 'plan-state' }, runs.map((run) => {
            const p = /** @type {Publication} */ (row.published[run]);
            return h('span', { class: 'plan-published', dataset: { run },
                i18n: `review.published.${run}`,
                i18nParams: { who: p.publishedBy ?? '', at: minute(p.publishedAt) } });
        }));
    };

    const drawList = () => {
        replaceChildren(list,
            h('thead', {}, h('tr', {}, ['review.version', 'review.created', 'review.state',
                'review.served', 'review.actions'].map((key) => h('th', { i18n: key })))),
            h('tbody', {}, state.rows.map((row) => {
                const runPicker = h('select', { class: 'plan-publish-run', name: 'run' },
                    ['both', 'evening', 'morning'].map((run) => h('option', { value: run,
                        i18n: `review.publish.${run}` })));
                // the edit's words are "中文 / English": the list shows the Chinese half
                const edit = row.edit
                    ? h('div', { class: 'hint' }, `${row.edit.split(' / ')[0]}（${row.editedBy ?? ''}）`)
                    : null;
                return h('tr', { dataset: { plan: row.planId, state: row.state },
                    class: state.shown?.planId === row.planId ? 'plan-shown' : '' },
                h('td', {}, h('span', { i18n: 'review.versionN', i18nParams: { n: row.version } }),
                    edit),
                h('td', {}, minute(row.createdAt)),
                h('td', {}, stateText(row)),
                h('td', { i18n: 'review.servedN', i18nParams: {
                    served: row.summary.householdsServed, households: row.summary.households,
                    buses: row.summary.busesUsed } }),
                h('td', { class: 'plan-actions' },
                    h('button', { type: 'button', class: 'plan-show', i18n: 'review.show',
                        onclick: () => show(row.planId) }),
                    h('button', { type: 'button', class: 'plan-compare', i18n: 'review.compare',
                        onclick: () => compareWithPublished(row.planId) }),
                    runPicker,
                    h('button', { type: 'button', class: 'primary plan-publish',
                        i18n: 'review.publish', onclick: () => publish(row.planId, runPicker.value) })));
            })));
    };

    /** @param {string} planId */
    const show = async (planId) => {
        try {
            /** @type {ShownPlan} */
            const plan = await get(`/bus/plans/${planId}`);
            state.shown = plan;
            onShow(plan);
            drawList();
            drawEdits();
        } catch (error) { fail(error); }
    };

    /** @param {string} planId @param {string} run */
    const publish = async (planId, run) => {
        try {
            state.rows = await post(`/bus/plans/${planId}/publish`, { run });
            drawList();
            say(`review.publishedNow.${run}`);
        } catch (error) { fail(error); }
    };

    /**
     * The plan beside the one parents see (the evening's, else the morning's); a plan that is
     * itself published is set beside the newest draft.
     * @param {string} planId
     */
    const compareWithPublished = async (planId) => {
        const current = published('evening') ?? published('morning');
        const other = current && current.planId !== planId ? current.planId
            : state.rows.find((row) => row.planId !== planId)?.planId;
        if (!other) {
            say('review.nothingToCompare');
            return;
        }
        try {
            // the published plan on the left, the other on the right
            const [left, right] = current?.planId === other ? [other, planId] : [planId, other];
            /** @type {Comparison} */
            const result = await get(`/bus/plans/${left}/compare/${right}`);
            drawComparison(result);
        } catch (error) { fail(error); }
    };

    /** @param {Comparison} result */
    const drawComparison = (result) => {
        const [a, b] = result.plans;
        const label = (/** @type {Measures} */ m) => {
            const row = state.rows.find((r) => r.planId === m.planId);
            return h('span', { i18n: row?.state === 'published' ? 'review.col.published'
                : 'review.col.draft', i18nParams: { n: m.version } });
        };
        /** @type {[string, (m: Measures) => string][]} */
        const rows = [
            ['review.m.buses', (m) => String(m.buses)],
            ['review.m.seatsEvening', (m) => `${m.evening.seatsUsed} / ${m.evening.seats}`],
            ['review.m.seatsMorning', (m) => `${m.morning.seatsUsed} / ${m.morning.seats}`],
            ['review.m.driving', (m) => String(Math.round(m.drivingSeconds / 60))],
            ['review.m.ride', (m) => String(Math.round(m.longestRideSeconds / 60))],
            ['review.m.walk', (m) => String(Math.round(m.longestWalkMetres))],
            ['review.m.unserved', (m) => `${m.evening.studentsUnserved} / ${m.morning.studentsUnserved}`],
        ];
        const place = (/** @type {Place | null} */ p) => (p?.stopName
            ? `${p.stopName}（${p.eveningBus ?? '—'}）` : '—');
        replaceChildren(comparison,
            h('h3', { i18n: 'review.compareTitle' }),
            h('table', { class: 'bus-stops', id: 'plan-compare-table' },
                h('thead', {}, h('tr', {}, h('th', {}), h('th', {}, label(a)), h('th', {}, label(b)))),
                h('tbody', {}, rows.map(([key, value]) => h('tr', {}, h('th', { i18n: key }),
                    h('td', {}, value(a)), h('td', {}, value(b)))))),
            h('details', { class: 'plan-changes' },
                h('summary', { i18n: 'review.changes', i18nParams: {
                    count: result.changedHouseholds } }),
                h('ul', {}, result.changes.slice(0, SHOWN_CHANGES).map((c) =>
                    h('li', {}, `${c.label}：${place(c.before)} → ${place(c.after)}`))),
                result.changedHouseholds > SHOWN_CHANGES
                    ? h('p', { class: 'hint', i18n: 'review.moreChanges', i18nParams: {
                        count: result.changedHouseholds - SHOWN_CHANGES } })
                    : null));
    };

    const drawEdits = () => {
        const plan = state.shown;
        replaceChildren(edits);
        if (!plan) return;
        const version = plan.version ?? 1;
        const served = plan.households.filter((hh) => hh.stopId);
        const household = h('select', { id: 'edit-household', name: 'household' },
            plan.households.map((hh) => h('option', { value: hh.householdId },
                `${hh.label}${hh.stopName ? `（${hh.stopName}）` : ''}`)));
        const stop = h('select', { id: 'edit-stop', name: 'stop' });
        const fillStops = () => {
            const chosen = plan.households.find((hh) => hh.householdId === household.value);
            if (!chosen) return;
            const metres = (/** @type {{ lat: number, lon: number }} */ s) => Math.round(
                Math.hypot(s.lat - chosen.lat, (s.lon - chosen.lon)
                    * Math.cos(chosen.lat * Math.PI / 180)) * 111_195);
            // whether the buses calling at a stop, evening and morning, have seats for this
            // household (its own bus always has: it gives its seats back)
            const room = (/** @type {{ id: string }} */ s) => /** @type {const} */ (
                ['evening', 'morning']).every((run) => {
                const line = plan[run].lines.find((l) => l.stops.some((at) =>
                    at.stopId === s.id));
                const own = run === 'evening' ? chosen.eveningLine : chosen.morningLine;
                return line !== undefined && (line.number === own
                    || line.capacity - line.students >= chosen.students);
            });
            // the stop it uses now is no choice; stops whose buses have room come first
            const near = plan.stops.filter((s) => s.id !== chosen.stopId)
                .sort((x, y) => metres(x) - metres(y)).slice(0, 12)
                .map((s) => ({ s, fits: room(s) }));
            near.sort((x, y) => Number(y.fits) - Number(x.fits));
            replaceChildren(stop, near.map(({ s, fits }) => h('option', { value: s.id,
                dataset: { room: String(fits) }, i18n: fits ? 'review.stopAt' : 'review.stopFull',
                i18nParams: { name: s.name, metres: metres(s) } })));
        };
        household.addEventListener('change', fillStops);
        if (served[0]) household.value = served[0].householdId;
        fillStops();
        const moveRun = h('select', { id: 'move-stop-run', name: 'run' },
            ['evening', 'morning'].map((run) => h('option', { value: run,
                i18n: `bus.run.${run}` })));
        const moveStop = h('select', { id: 'move-stop', name: 'moveStop' });
        const moveLine = h('select', { id: 'move-stop-line', name: 'line' });
        const fillLines = () => {
            const { lines } = plan[/** @type {'evening' | 'morning'} */ (moveRun.value)];
            replaceChildren(moveStop, lines.flatMap((line) => line.stops.map((s) =>
                h('option', { value: s.stopId, dataset: { line: String(line.number) } },
                    `${s.stopName}（${line.name}）`))));
            replaceChildren(moveLine, lines.map((line) => h('option',
                { value: String(line.number) }, `${line.name}（${line.busLabel}，${line.students} 人）`)));
        };
        moveRun.addEventListener('change', fillLines);
        fillLines();
        const locks = plan.evening.lines.map((line) => h('label', { class: 'plan-lock' },
            h('input', { type: 'checkbox', value: String(line.number), name: 'lock' }),
            `${line.name}（${line.busLabel}）`));
        const replan = async () => {
            const lockedLines = locks.map((l) => /** @type {HTMLInputElement} */ (
                l.querySelector('input'))).filter((i) => i.checked).map((i) => Number(i.value));
            if (lockedLines.length === 0) {
                say('review.lockNone');
                return;
            }
            message.hidden = true;
            try {
                onJob(await post(`/bus/plans/${plan.planId}/replan`, { lockedLines }));
            } catch (error) { fail(error); }
        };
        const renameStop = h('select', { id: 'rename-stop', name: 'renameStop' },
            plan.stops.map((s) => h('option', { value: s.id }, s.name)));
        const name = h('input', { id: 'rename-name', name: 'name', maxlength: '40',
            i18nPlaceholder: 'review.renamePlaceholder' });
        /** @param {string} path @param {Record<string, unknown>} body */
        const edit = async (path, body) => {
            message.hidden = true;
            try {
                /** @type {ShownPlan} */
                const edited = await post(`/bus/plans/${plan.planId}/${path}`, { version, ...body });
                state.shown = edited;
                onShow(edited);
                state.rows = await get(`/bus/schools/${state.schoolId}/plans`);
                drawList();
                drawEdits();
                say('review.edited', { n: edited.version ?? version + 1 });
            } catch (error) { fail(error); }
        };
        edits.append(
            h('h3', { i18n: 'review.editTitle', i18nParams: { n: version } }),
            h('div', { class: 'plan-edit-row' },
                h('label', { for: 'edit-household', i18n: 'review.household' }), household,
                h('label', { for: 'edit-stop', i18n: 'review.toStop' }), stop,
                h('button', { type: 'button', id: 'edit-move', i18n: 'review.move',
                    onclick: () => edit('move-household', { householdId: household.value,
                        stopId: stop.value }) })),
            h('div', { class: 'plan-edit-row' },
                h('label', { for: 'move-stop', i18n: 'review.moveStop' }), moveRun, moveStop,
                h('label', { for: 'move-stop-line', i18n: 'review.toLine' }), moveLine,
                h('button', { type: 'button', id: 'edit-move-stop', i18n: 'review.moveStopButton',
                    onclick: () => edit('move-stop', { run: moveRun.value, stopId: moveStop.value,
                        line: Number(moveLine.value) }) })),
            h('div', { class: 'plan-edit-row' },
                h('label', { for: 'rename-stop', i18n: 'review.renameStop' }), renameStop, name,
                h('button', { type: 'button', id: 'edit-rename', i18n: 'review.rename',
                    onclick: () => edit('rename-stop', { stopId: renameStop.value,
                        name: name.value }) })),
            h('div', { class: 'plan-edit-row', id: 'plan-lock' },
                h('span', { i18n: 'review.lock' }), ...locks,
                h('button', { type: 'button', id: 'edit-replan', i18n: 'review.replan',
                    onclick: replan })));
    };

    return {
        element,
        /**
         * Lists the school's plans; `shown` is the plan the page shows.
         * @param {string} schoolId
         * @param {ShownPlan | null} shown
         */
        async load(schoolId, shown) {
            state.schoolId = schoolId;
            state.shown = shown;
            replaceChildren(comparison);
            let rows;
            try {
                rows = await get(`/bus/schools/${schoolId}/plans`);
            } catch (error) {
                fail(error);
                return;
            }
            // another school was picked meanwhile: its own load draws the list
            if (state.schoolId !== schoolId) return;
            state.rows = rows;
            drawList();
            drawEdits();
            // a draft on screen is set beside what parents see, without asking
            const row = state.rows.find((r) => r.planId === shown?.planId);
            if (row?.state === 'draft' && (published('evening') ?? published('morning'))) {
                await compareWithPublished(row.planId);
            }
        },
    };
}

/**
 * The running job as a progress bar: the time used of the optimizer's limit, the phase, the best
 * plan so far; with a cancel button.
 * @param {HTMLElement} container
 * @param {PlanJob & { elapsedSeconds?: number, progress?: { limitSeconds?: number } | null }} job
 * @param {() => void} onCancel
 */
export function drawProgress(container, job, onCancel) {
    const limit = job.progress?.limitSeconds ?? 0;
    const elapsed = job.elapsedSeconds ?? 0;
    const percent = limit > 0 ? Math.min(99, Math.round(100 * elapsed / (limit + 5))) : 0;
    let bar = container.querySelector('progress');
    if (!bar) {
        bar = h('progress', { id: 'bus-progress', max: '100', value: '0' });
        replaceChildren(container, bar, h('span', { id: 'bus-progress-text' }),
            h('button', { type: 'button', id: 'bus-cancel', i18n: 'review.cancel',
                onclick: onCancel }));
    }
    bar.value = percent;
    const text = /** @type {HTMLElement} */ (container.querySelector('#bus-progress-text'));
    // the limit is known once the job has read the school's rules
    if (limit > 0) {
        bindText(text, 'review.progress', { used: Math.round(elapsed), limit: Math.round(limit),
            percent });
    } else bindText(text, 'review.progressStarting');
    container.hidden = false;
}

/**
 * Asks the server to cancel the job.
 * @param {string} jobId
 */
export const cancelJob = (jobId) => post(`/bus/plan-jobs/${jobId}/cancel`, {});
