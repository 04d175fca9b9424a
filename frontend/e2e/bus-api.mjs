// The school-bus API as the browser tests set it up: one call that fails on any answer but 2xx,
// the demo coordinator's token, the demo school once the road network has loaded, and a plan
// job waited for to its end. Shared by bus, coordinator-plans, coordinator-desk and route-sheet.
import assert from 'node:assert/strict';
import { BASE_URL, DEMO_PASSWORD } from './browser.mjs';

/** Calls /api/v1`path` with a bearer token; fails on any answer but 2xx; answers the JSON. */
export async function callApi(method, path, body, token) {
    const response = await fetch(`${BASE_URL}/api/v1${path}`, {
        method,
        headers: { 'Content-Type': 'application/json',
            ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: body ? JSON.stringify(body) : undefined,
    });
    assert.ok(response.ok, `${method} ${path}: ${response.status} ${await response.clone().text()}`);
    return response.json();
}

/** The demo coordinator's session token. */
export async function coordinatorToken() {
    return (await callApi('POST', '/auth/login',
        { username: 'coord1', password: DEMO_PASSWORD })).token;
}

/** The demo school (400 households, 10 buses), waited for while the road network loads. */
export async function demoSchool(token) {
    let school;
    for (let tries = 0; tries < 240 && !school; tries += 1) {
        school = (await callApi('GET', '/bus/schools', null, token))
            .find((s) => s.households === 400 && s.buses === 10);
        if (!school) await new Promise((resolve) => { setTimeout(resolve, 500); });
    }
    assert.ok(school, 'the bus demo loaded');
    return school;
}

/** Waits until the plan job is over (done, failed or cancelled); answers it. */
export async function finishedJob(token, job) {
    let now = job;
    while (!['done', 'failed', 'cancelled'].includes(now.status)) {
        await new Promise((resolve) => { setTimeout(resolve, 500); });
        now = await callApi('GET', `/bus/plan-jobs/${job.id}`, null, token);
    }
    return now;
}
