export const id = 637;
export const ids = [637];
export const modules = {

/***/ 99637:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  report: () => (/* binding */ report)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 11 modules
var core = __webpack_require__(91659);
// EXTERNAL MODULE: ./src/model/lifecycle.ts
var lifecycle = __webpack_require__(80973);
// EXTERNAL MODULE: ./src/log/log.ts
var log_log = __webpack_require__(75384);
// EXTERNAL MODULE: ./src/log/phase-log.ts
var phase_log = __webpack_require__(25414);
// EXTERNAL MODULE: ./src/phases/run.ts
var phases_run = __webpack_require__(5109);
// EXTERNAL MODULE: ./src/model/outcome.ts + 1 modules
var outcome = __webpack_require__(53993);
// EXTERNAL MODULE: ./src/feldera/platform.ts
var platform = __webpack_require__(36686);
// EXTERNAL MODULE: ./src/report/statement.ts
var statement = __webpack_require__(67999);
// EXTERNAL MODULE: ./src/text/text.ts
var text_text = __webpack_require__(98544);
// EXTERNAL MODULE: ./src/model/approval.ts
var model_approval = __webpack_require__(58762);
// EXTERNAL MODULE: ./src/model/plan.ts
var model_plan = __webpack_require__(67978);
// EXTERNAL MODULE: ./src/model/compilation.ts
var compilation = __webpack_require__(24362);
// EXTERNAL MODULE: ./src/report/connectors.ts
var report_connectors = __webpack_require__(53952);
// EXTERNAL MODULE: ./src/report/outputs.ts
var outputs = __webpack_require__(65468);
// EXTERNAL MODULE: ./src/text/markdown.ts
var text_markdown = __webpack_require__(86590);
// EXTERNAL MODULE: ./src/model/transition.ts
var transition = __webpack_require__(31053);
// EXTERNAL MODULE: ./src/model/events.ts
var model_events = __webpack_require__(23576);
;// CONCATENATED MODULE: ./src/report/timeline.ts



/** A status that flips for an hour makes thousands of rows: the first and the last are kept. */
const TIMELINE_ROWS = 40;
/** The longest a status is shown, as the summary's other names. */
const STATUS_CHARS = 200;
/** Marks a status Feldera recorded that no status read of the step showed. */
const ONLY_IN_EVENTS = "only in Feldera's events";
/**
 * The table of statuses: by Feldera's clock where its events were read (`events`), with a line that
 * says so and when the step started; by the step's reads otherwise.
 */
function timelineTable(timeline, events, startedAtEpochMs) {
    const rows = (0,model_events/* timelineRows */.LY)(timeline, events, startedAtEpochMs);
    const cells = rows.map((row) => [statusCell(row), beganCell(row), lastedCell(row)]);
    if (cells.length > TIMELINE_ROWS) {
        const half = TIMELINE_ROWS / 2;
        const more = `${(0,text_markdown/* count */.U9)(cells.length - TIMELINE_ROWS)} more changes`;
        cells.splice(half, cells.length - TIMELINE_ROWS, ['…', more, '']);
    }
    const markdown = (0,text_markdown/* table */.tp)(['Status', 'Began', 'Lasted'], cells);
    if (!rows.some((row) => row.began.clock === 'feldera'))
        return markdown;
    const stepRow = rows.some((row) => row.began.clock === 'step') ? ", except a `+` row: the step's reads" : '';
    const started = `The step started at ${utc(startedAtEpochMs)} by the runner's clock.`;
    return `${markdown}\n\nBy Feldera's clock, from its events${stepRow}. ${started}`;
}
function statusCell({ status, of, progress, began, onlyInEvents, errorAt }) {
    const marks = onlyInEvents ? [ONLY_IN_EVENTS] : [];
    // The runner often records the error with the status it brings: then the row's time is the error's.
    if (errorAt !== undefined)
        marks.push(began.clock === 'feldera' && began.atMs === errorAt ? 'deployment error' : `deployment error at ${utc(errorAt)}`);
    const text = (0,text_markdown/* inline */.mG)(of === 'program' ? `program ${status}` : (progress ?? status), STATUS_CHARS);
    return marks.length > 0 ? `${text} (${marks.join('; ')})` : text;
}
function beganCell({ began }) {
    return began.clock === 'feldera' ? utc(began.atMs) : `+${(0,text_text/* formatDuration */.a3)(began.sinceStartMs)}`;
}
function lastedCell({ lasted }) {
    if (lasted === 'until-end')
        return 'until the step ended';
    // The status the step found, with nothing but Feldera's events after it: no read of the step ended it.
    return lasted === undefined ? 'unknown' : (0,text_text/* formatDuration */.a3)(lasted);
}
/** `10:42:03.5 UTC`: a moment to the tenth of a second. */
function utc(ms) {
    return `${new Date(ms).toISOString().slice(11, 21)} UTC`;
}

// EXTERNAL MODULE: ./src/report/last-word.ts
var last_word = __webpack_require__(44325);
;// CONCATENATED MODULE: ./src/report/release.ts



const CHANGES = {
    none: 'none: the pipeline already had this program',
    updated: 'updated',
    created: 'created: the pipeline did not exist',
    'rolled-back': 'rolled back: the new program did not compile',
};
/**
 * The summary's section on the program (update-program: true): the file, the versions, what changed,
 * the stop, the compile, the downtime. `diffTable` draws the changes as the approval diff's are.
 */
function releaseSection(release, downtime, diffTable) {
    const facts = [['Program', (0,text_markdown/* inline */.mG)(release.sqlFile, 200)]];
    facts.push([
        'Change',
        release.change ? CHANGES[release.change] : 'none made: the step ended before it changed anything',
    ]);
    if (release.versionBefore !== undefined || release.versionAfter !== undefined) {
        const after = release.versionAfter === undefined ? '' : ` → ${release.versionAfter}`;
        facts.push(['Program version', `${release.versionBefore ?? 'new'}${after}`]);
    }
    if (release.unchecked)
        facts.push(['Checked before the stop', `no: ${(0,text_markdown/* inline */.mG)(release.unchecked, 1000)}`]);
    else if (release.diff)
        facts.push([
            'Checked before the stop',
            `yes: ${(0,text_markdown/* inline */.mG)((0,model_plan/* planChanges */.XA)(release.diff) || 'no change to tables, views or connectors', 1000)}`,
        ]);
    if (release.stop) {
        const how = release.stop.force
            ? 'without a checkpoint (force-stop: true)'
            : 'with a checkpoint (force-stop: false)';
        const took = release.stop.tookMs === undefined ? 'not seen Stopped' : `Stopped in ${(0,text_text/* formatDuration */.a3)(release.stop.tookMs)}`;
        facts.push(['Stop', `${how}, ${took}`]);
    }
    if (release.compile) {
        facts.push(['Compile', `${(0,text_text/* formatDuration */.a3)(release.compile.tookMs)}, longest phase ${release.compile.longest}`]);
    }
    if (release.rollback) {
        facts.push([
            'Rollback',
            release.rollback.restored
                ? `the previous program (version ${release.versionBefore}) is configured again`
                : `failed: ${(0,text_markdown/* inline */.mG)(release.rollback.problem ?? '', 1000)}`,
        ]);
    }
    if (downtime)
        facts.push(['Downtime', `${downtime}s, from the stop to the target seen again (or to the step's end)`]);
    const list = facts.map(([label, value]) => `- **${label}**: ${value}`).join('\n');
    const changes = release.diff && (0,model_plan/* planChanges */.XA)(release.diff) ? `\n\n${diffTable(release.diff)}` : '';
    return `#### Program update\n\n${list}${changes}`;
}

;// CONCATENATED MODULE: ./src/report/summary.ts









/** GitHub drops a step's job summary whole when it is larger than this. */
const SUMMARY_LIMIT_BYTES = 1024 * 1024;
/**
 * What each part may take of that limit, in bytes, whatever the server sent: together well under it.
 * The facts and the timeline are bounded by their rows and the length of each value.
 */
const BUDGET_BYTES = {
    approvalDiff: 192 * 1024,
    compilerMessages: 96 * 1024,
    compilerOutput: 96 * 1024,
    logTail: 256 * 1024,
};
/** The longest any one value is shown: a name, a message, a line. */
const VALUE_CHARS = { name: 200, line: 1000, message: 4000 };
const SNIPPET_LINES = 20;
/** The job summary's markdown: the result in its heading, then what happened, when, and why. */
function summaryMarkdown(facts) {
    const { outcome, progress, diagnosis } = facts;
    const sections = [`### ${heading(facts)}`];
    if (outcome.result === 'awaiting-approval')
        sections.push(howToApprove(facts));
    sections.push(factList(facts));
    if (facts.plan)
        sections.push(planSection(facts.plan.diff));
    if (facts.release)
        sections.push(releaseSection(facts.release, facts.downtime ?? '', diffTable));
    if (facts.health.last)
        sections.push((0,report_connectors/* connectorsMarkdown */.kv)(facts.health.last, facts.health.baseline, facts.unannotated));
    if (progress.timeline.length > 0) {
        const timeline = timelineTable(progress.timeline, diagnosis.events, progress.startedAtEpochMs);
        sections.push(`#### Statuses seen\n\n${timeline}`);
    }
    if (progress.approvalDiff) {
        const title = facts.approval?.approved ? 'Changes approved by this step' : 'Changes awaiting approval';
        sections.push(`#### ${title}\n\n${diffTable(progress.approvalDiff)}`);
    }
    const compilation = diagnosis.compilation;
    if (compilation && (compilation.annotations.length > 0 || compilation.excerpt)) {
        const messages = (0,text_markdown/* fit */.Uj)(compilation.annotations.map((annotation) => {
            const where = annotation.file
                ? `${(0,text_markdown/* inline */.mG)(annotation.file, VALUE_CHARS.name)}:${annotation.startLine}:${annotation.startColumn}: `
                : '';
            const [first = '', ...snippet] = annotation.message.split(/\r\n|\r|\n/);
            const block = snippet.length > 0
                ? `\n\n${(0,text_markdown/* codeBlock */.DV)(snippet.slice(0, SNIPPET_LINES).map((line) => (0,text_markdown/* cut */.Jj)(line, VALUE_CHARS.line)), '  ')}`
                : '';
            return `- **${annotation.level}** ${where}${(0,text_markdown/* inline */.mG)(first, VALUE_CHARS.message)}${block}`;
        }), BUDGET_BYTES.compilerMessages);
        if (messages.more > 0)
            messages.kept.push(`- …and ${(0,text_markdown/* count */.U9)(messages.more)} more`);
        const output = (0,text_markdown/* fit */.Uj)(compilation.excerpt?.split('\n').map((line) => (0,text_markdown/* cut */.Jj)(line, VALUE_CHARS.line)) ?? [], BUDGET_BYTES.compilerOutput);
        if (output.more > 0)
            output.kept.push(`…and ${(0,text_markdown/* count */.U9)(output.more)} more lines`);
        const excerpt = output.kept.length > 0 ? (0,text_markdown/* codeBlock */.DV)(output.kept) : '';
        sections.push(['#### Compiler messages', messages.kept.join('\n'), excerpt].filter(Boolean).join('\n\n'));
    }
    const logTail = diagnosis.logTail;
    if (logTail && logTail.lines.length === 0)
        sections.push(`#### Pipeline log\n\n${EMPTY_LOG}`);
    else if (logTail) {
        // The end of the log says why it stopped: keep the last lines that fit.
        const { kept, more } = (0,text_markdown/* fit */.Uj)(logTail.lines.map((line) => (0,text_markdown/* cut */.Jj)(line, VALUE_CHARS.line)).reverse(), BUDGET_BYTES.logTail);
        const shown = { lines: kept.reverse(), truncated: logTail.truncated || more > 0 };
        sections.push(`#### ${logTailTitle(shown)}\n\n${(0,text_markdown/* codeBlock */.DV)(shown.lines)}`);
    }
    const feldera = facts.feldera ? ` · Feldera ${(0,text_markdown/* inline */.mG)(facts.feldera, VALUE_CHARS.name)}` : '';
    sections.push(`<sub>Credential: ${(0,text_markdown/* inline */.mG)(facts.credential, VALUE_CHARS.line)}${feldera}</sub>`);
    return `${sections.join('\n\n')}\n`;
}
/** Said in the log and the summary when a log read found nothing before its limit. */
const EMPTY_LOG = "The pipeline's log was empty.";
/** `Pipeline log (last 200 lines)`: the heading of the log tail, in the log and in the summary. */
function logTailTitle({ lines, truncated }) {
    return `Pipeline log (${truncated ? 'last ' : ''}${lines.length} lines)`;
}
/**
 * The three ways to approve, in the warning, the log's last line and the summary. When expected-diff
 * refused the changes, auto-approve would refuse them again: the way is a new plan, reviewed.
 */
function approvalWays(pipelineName, consoleLink, notExpected = false) {
    const again = notExpected
        ? 'or plan again (plan: true), review the new plan-diff, and run this action again with it as expected-diff'
        : 'or run this action again with auto-approve: true';
    return `approve the changes in ${consoleLink}, with \`fda approve ${pipelineName}\`, ${again}`;
}
/** A diff's changes, a row per kind with its names, each list's share of the budget; and why Feldera could not tell, if so. */
function diffTable(diff) {
    const changes = (0,model_approval/* diffChanges */.Xw)(diff);
    const share = BUDGET_BYTES.approvalDiff / Math.max(1, changes.length);
    const rows = changes.map(({ what, change, names, count: all }) => {
        const { kept } = (0,text_markdown/* fit */.Uj)(names.map((name) => (0,text_markdown/* inline */.mG)(name, VALUE_CHARS.name)), share);
        const more = all - kept.length;
        return [`${what}s ${change}`, [...kept, ...(more > 0 ? [`…and ${(0,text_markdown/* count */.U9)(more)} more`] : [])].join(', ')];
    });
    const error = diff.program_diff_error
        ? `\n\nThe program diff failed: ${(0,text_markdown/* inline */.mG)(diff.program_diff_error, VALUE_CHARS.message)}`
        : '';
    return `${rows.length > 0 ? (0,text_markdown/* table */.tp)(['Change', 'Names'], rows) : 'No changes listed.'}${error}`;
}
/** The plan: what would change, and what that means at the next start. */
function planSection(diff) {
    const meaning = (0,model_plan/* nextStartMeaning */.vE)(diff)
        .map((line) => `- ${line}`)
        .join('\n');
    if (!(0,model_plan/* changed */.tD)(diff))
        return `#### Plan: no change\n\n${meaning}`;
    return `#### Plan: ${(0,text_markdown/* inline */.mG)((0,model_plan/* planChanges */.XA)(diff), VALUE_CHARS.message)}\n\n${diffTable(diff)}\n\n**At the next start**\n\n${meaning}`;
}
function heading({ pipelineName, outcome, progress, plan, planning, converged }) {
    const name = (0,text_markdown/* inline */.mG)((0,text_text/* readableNames */.Vv)(pipelineName), VALUE_CHARS.name);
    const status = (0,text_markdown/* inline */.mG)(progress.last?.deployment_status ?? 'unknown', VALUE_CHARS.name);
    switch (outcome.result) {
        case 'reached':
            return `✅ ${name} is ${status}`;
        case 'accepted':
            return `✅ ${name} ${ACCEPTED[converged?.transition ?? 'start']} (${status})`;
        case 'awaiting-approval':
            return `⏸️ ${name} awaits approval`;
        case 'planned':
            return `📋 ${name}: ${(0,text_markdown/* inline */.mG)((plan && (0,model_plan/* planChanges */.XA)(plan.diff)) || 'no change', VALUE_CHARS.message)}`;
        case 'failed':
            return `❌ ${name} ${(0,last_word/* notDone */.Gj)(planning === true)}: ${(0,text_markdown/* inline */.mG)(outcome.code, VALUE_CHARS.name)}`;
    }
}
/** The heading with `wait: false`: what the call accepted is doing. */
const ACCEPTED = {
    start: 'is starting',
    resume: 'is resuming',
    pause: 'is pausing',
    activate: 'is activating',
    none: 'was left as it was, not waited for',
};
function howToApprove({ pipelineName, pipelineUrl, progress, approval }) {
    const changes = progress.approvalDiff
        ? (0,text_markdown/* inline */.mG)((0,model_approval/* countChanges */.xS)(progress.approvalDiff), VALUE_CHARS.message)
        : 'its program or connectors changed';
    const ways = approvalWays(pipelineName, `the [Feldera console](${pipelineUrl})`, approval?.notExpected !== undefined);
    return `The pipeline is not running: ${changes} since its checkpoint, and it waits for approval to bootstrap them. To go on, ${ways}.`;
}
/** Only the facts that say something: no empty values, nothing the heading said already. */
function factList({ pipelineName, pipelineUrl, target, outcome, progress, stopped, converged, approval, release, supportBundle, plan, }) {
    const facts = [];
    if (outcome.result === 'failed') {
        facts.push(['Error', (0,text_markdown/* inline */.mG)(outcome.message, VALUE_CHARS.message)]);
        if (outcome.hint)
            facts.push(['Hint', (0,text_markdown/* inline */.mG)(outcome.hint, VALUE_CHARS.message)]);
    }
    // After a stop for the update, the start's first read is the Stopped the step made: the release says where it was.
    const before = release?.stop && release.found ? release.found : converged?.found;
    const between = release?.stop ? 'stopped for the update' : undefined;
    if (before && converged?.found && target)
        facts.push([
            'Transition',
            (0,text_markdown/* inline */.mG)((0,transition/* transitionText */.FA)(before, converged.decidedOn, converged.transition, target, new Date(), between), VALUE_CHARS.line),
        ]);
    if (plan)
        facts.push(['Proposed program', (0,text_markdown/* inline */.mG)(plan.sqlFile, VALUE_CHARS.name)]);
    if (approval?.notExpected)
        facts.push(['Not approved', (0,text_markdown/* inline */.mG)(`${approval.notExpected} (expected-diff)`, VALUE_CHARS.message)]);
    if (pipelineUrl)
        facts.push(['Console', `[${(0,text_markdown/* inline */.mG)(pipelineName, VALUE_CHARS.name)}](${pipelineUrl})`]);
    if (target && outcome.result !== 'reached')
        facts.push(['Target', target]);
    const last = progress.last;
    if (last && (outcome.result === 'failed' || outcome.result === 'accepted')) {
        const program = last.program_status === 'Success' ? '' : `, program ${last.program_status}`;
        facts.push([
            'Last status',
            (0,text_markdown/* inline */.mG)(`${last.deployment_status} (desired ${last.deployment_desired_status}${program})`, VALUE_CHARS.line),
        ]);
    }
    if (outcome.result === 'accepted')
        facts.push(['Waited', 'no (wait: false)']);
    if (approval?.approved)
        facts.push(['Approved by this step', `yes (${approval.approvedBy})`]);
    if (stopped)
        facts.push(['Stopped by this step', 'yes (stop-on-failure: true)']);
    if (supportBundle)
        facts.push(['Support bundle', bundleText(supportBundle)]);
    facts.push(['Elapsed', (0,text_text/* formatDuration */.a3)(progress.elapsedMs())]);
    return facts.map(([label, value]) => `- **${label}**: ${value}`).join('\n');
}
/** A link to the artifact, the file written outside GitHub, or why there is none. */
function bundleText({ name, url, path, problem }) {
    if (url)
        return `[${(0,text_markdown/* inline */.mG)(name, VALUE_CHARS.name)}](${url})`;
    if (path)
        return `written to \`${(0,text_markdown/* inline */.mG)(path, VALUE_CHARS.line)}\``;
    return `none: ${(0,text_markdown/* inline */.mG)(problem ?? '', VALUE_CHARS.message)}`;
}

;// CONCATENATED MODULE: ./src/report/several.ts




/** What the table and the headings may take: the rest is shared by the pipelines' details. */
const TABLE_BYTES = 64 * 1024;
/** Left free under GitHub's limit: the annotations GitHub does not show (report.ts), the post step's lines, the wrapping of each part. */
const MARGIN_BYTES = 128 * 1024;
const RESULTS = {
    reached: '✅ reached',
    accepted: '✅ accepted (not waited for)',
    'awaiting-approval': '⏸️ awaits approval',
    planned: '📋 planned',
    failed: '❌ failed',
};
/**
 * The job summary of several pipelines: one table with a row each, failures first, then each
 * pipeline's own summary in a collapsed `<details>`. The table is never shortened; a pipeline's
 * details keep their first parts that fit its share of GitHub's 1 MiB, and say so.
 */
function severalSummary(runs, elapsedMs) {
    const failed = runs.filter(({ outcome }) => outcome.result === 'failed').length;
    const awaiting = runs.filter(({ outcome }) => outcome.result === 'awaiting-approval').length;
    const planning = runs.some(({ planning }) => planning);
    const heading = `### ${failed > 0 ? '❌' : awaiting > 0 ? '⏸️' : planning ? '📋' : '✅'} ${runs.length} Feldera pipelines: ${[
        `${runs.length - failed - awaiting} ${planning ? 'planned' : 'started'}`,
        ...(awaiting > 0 ? [`${awaiting} await approval`] : []),
        ...(failed > 0 ? [`${failed} failed`] : []),
    ].join(', ')} in ${(0,text_text/* formatDuration */.a3)(elapsedMs)}`;
    const ordered = [...runs].sort((a, b) => rank(a) - rank(b));
    const rows = ordered.map(({ pipelineName, pipelineUrl, target, outcome, progress, plan, converged }) => {
        const name = pipelineUrl ? `[${(0,text_markdown/* inline */.mG)(pipelineName, 100)}](${pipelineUrl})` : (0,text_markdown/* inline */.mG)(pipelineName, 100);
        const code = outcome.result === 'failed' ? (0,text_markdown/* inline */.mG)(outcome.code, 100) : '';
        const elapsed = (0,text_text/* formatDuration */.a3)(progress.elapsedMs());
        // A plan reads no status: its changes take their place.
        if (planning)
            return [
                name,
                RESULTS[outcome.result],
                plan ? (0,text_markdown/* inline */.mG)((0,model_plan/* planChanges */.XA)(plan.diff) || 'no change', 1000) : '',
                elapsed,
                code,
            ];
        return [
            name,
            target ?? '',
            RESULTS[outcome.result],
            (0,text_markdown/* inline */.mG)(progress.last?.deployment_status ?? 'none read', 100),
            converged?.transition ?? '',
            elapsed,
            code,
        ];
    });
    const columns = planning
        ? ['Pipeline', 'Result', 'Changes', 'Elapsed', 'Error code']
        : ['Pipeline', 'Target', 'Result', 'Last status', 'Transition', 'Elapsed', 'Error code'];
    const overview = `${heading}\n\n${(0,text_markdown/* table */.tp)(columns, rows)}`;
    const share = Math.max(0, (SUMMARY_LIMIT_BYTES - MARGIN_BYTES - Math.max(TABLE_BYTES, Buffer.byteLength(overview))) / runs.length);
    const details = ordered.map((facts) => {
        // Whole parts (`####` sections, each closed in itself) of the pipeline's summary.
        const { kept, more } = (0,text_markdown/* fit */.Uj)(summaryMarkdown(facts)
            .trimEnd()
            .split(/\n\n(?=#### |<sub>)/), share);
        const cut = more > 0
            ? `\n\n…and ${(0,text_markdown/* count */.U9)(more)} more parts, left out to keep the summary under GitHub's limit: the step's log has them.`
            : '';
        return `<details><summary>${(0,text_markdown/* inline */.mG)(facts.pipelineName, 100)}: ${RESULTS[facts.outcome.result]}</summary>\n\n${kept.join('\n\n')}${cut}\n\n</details>`;
    });
    return `${[overview, ...details].join('\n\n')}\n`;
}
function rank({ outcome }) {
    return outcome.result === 'failed' ? 0 : outcome.result === 'awaiting-approval' ? 1 : 2;
}

// EXTERNAL MODULE: ./src/report/step-summary.ts
var step_summary = __webpack_require__(49211);
;// CONCATENATED MODULE: ./src/report/report.ts



















/** The annotations past those GitHub shows take at most this much of the summary. */
const NOT_SHOWN_BYTES = 64 * 1024;
/**
 * Sets the outputs, prints the diagnosis, annotates the result and appends the job summary, all
 * synchronously: a cancel that comes meanwhile cannot leave half a report.
 */
function report(facts) {
    core/* debug */.Yz(`Credential: ${facts.credential}`);
    const views = facts.runs.map((run) => ({
        run,
        record: run.record ?? (0,phases_run/* recordOf */.zv)(outcome/* UNDECIDED */.Cz),
        outcome: (0,statement/* statedOutcome */.U)(run, facts.platform),
    }));
    const outcomes = views.map(({ outcome }) => outcome);
    const values = (0,outputs/* outputValues */.uN)(facts.runs, outcomes, facts.elapsedMs(), facts.config !== undefined);
    for (const name of outputs/* OUTPUT_NAMES */.P0)
        core/* setOutput */.uH(name, values[name]);
    const planning = facts.planning;
    // A plan has no status to reach.
    const target = facts.config && !planning ? (0,lifecycle/* targetStatus */.u)(facts.config.initial) : undefined;
    const several = facts.runs.length > 1;
    const summaries = views.map((view) => {
        const { warnings, connectors, after } = runWarnings(view);
        return {
            view,
            before: [...warnings, ...(view.record.diagnosis.compilation?.annotations ?? [])],
            after,
            verdict: resultOf(view, target, planning),
            unannotated: connectors.unannotated,
        };
    });
    // GitHub shows 10 annotations of each level: the results first (failures in the order given), then the rest.
    const verdicts = summaries.flatMap(({ verdict }) => verdict.annotations);
    const { texts, dropped } = choose([...verdicts, ...summaries.flatMap(({ before, after }) => [...before, ...after])]);
    if (several) {
        // The details after the waiting, then the annotations.
        for (const { view } of summaries)
            printDiagnosis(view, true);
        annotate(summaries.flatMap(({ before, after, verdict }) => [...verdict.annotations, ...before, ...after]), texts);
    }
    else {
        for (const { view, before, after, verdict } of summaries) {
            annotate(before, texts);
            printDiagnosis(view, false);
            annotate(verdict.annotations, texts);
            annotate(after, texts);
        }
    }
    for (const line of summaries.flatMap(({ verdict }) => verdict.lines))
        (0,log_log/* info */.pq)(line);
    if (process.env.GITHUB_STEP_SUMMARY) {
        const each = summaries.map(({ view, unannotated }) => ({
            ...runFacts(view, target, planning, facts),
            unannotated,
        }));
        const [only] = each;
        const markdown = (only && !several ? summaryMarkdown(only) : severalSummary(each, facts.elapsedMs())) + notShown(dropped);
        // The summary is extra: failing to write it must not hide the real result.
        const problem = (0,step_summary/* appendSummary */.f)(markdown);
        if (problem)
            core/* warning */.$e(`Could not write the job summary: ${problem}`, { title: 'Job summary not written' });
    }
}
function runFacts({ run, record, outcome }, target, planning, facts) {
    return {
        pipelineName: run.name,
        pipelineUrl: run.pipelineUrl,
        target,
        outcome,
        progress: run.progress,
        diagnosis: record.diagnosis,
        credential: facts.credential,
        feldera: facts.platform && (0,platform/* describePlatform */.d)(facts.platform),
        health: record.health,
        stopped: record.stop?.stopped ?? false,
        converged: record.converged,
        approval: record.approval,
        supportBundle: record.supportBundle,
        plan: record.plan,
        planning,
        release: record.release,
        downtime: (0,outputs/* downtimeSeconds */.N_)(record, run.progress.elapsedMs()),
    };
}
/** Warnings about the reads after the outcome, the health check, and each endpoint with a problem. */
function runWarnings({ run: { name }, record: { diagnosis, health, stop, supportBundle } }) {
    const stopProblem = stop && !stop.stopped ? stop.problem : undefined;
    const connectors = (0,report_connectors/* connectorWarnings */.X5)(health.problems, name);
    const warnings = [
        ...diagnosis.problems.map((problem) => ({
            level: 'warning',
            message: problem,
            title: (0,text_text/* pipelineLabel */.nE)(name),
        })),
        ...health.notes.map((note) => ({
            level: 'warning',
            message: note,
            title: `${(0,text_text/* pipelineLabel */.nE)(name)}: health not fully checked`,
        })),
        ...connectors.annotations.map(({ title, message }) => ({ level: 'warning', title, message })),
        ...(stopProblem
            ? [
                {
                    level: 'warning',
                    message: `Could not stop pipeline ${name} (stop-on-failure: true): ${stopProblem}.`,
                    title: `${(0,text_text/* pipelineLabel */.nE)(name)} not stopped`,
                },
            ]
            : []),
    ];
    // After the result's own annotation: evidence that could not be had never comes before the failure.
    const after = [
        ...(diagnosis.eventsProblem
            ? [{ level: 'warning', message: diagnosis.eventsProblem, title: `${(0,text_text/* pipelineLabel */.nE)(name)}: no events` }]
            : []),
        ...(supportBundle?.problem
            ? [
                {
                    level: 'warning',
                    message: supportBundle.problem,
                    title: `${(0,text_text/* pipelineLabel */.nE)(name)}: no support bundle`,
                },
            ]
            : []),
    ];
    return { warnings, connectors, after };
}
/** The annotation that gives the result, and the log's last words on it. */
function resultOf({ run: { name, progress, pipelineUrl }, record: { diagnosis, plan, approval }, outcome }, target, planning) {
    const elapsed = (0,text_text/* formatDuration */.a3)(progress.elapsedMs());
    switch (outcome.result) {
        case 'reached':
            return { annotations: [], lines: [`Pipeline ${name} is ${progress.last?.deployment_status} after ${elapsed}.`] };
        case 'planned':
            return {
                annotations: [],
                lines: [`Plan of pipeline ${name}: ${(plan && (0,model_plan/* planChanges */.XA)(plan.diff)) || 'no change'}.`],
            };
        case 'accepted':
            return {
                annotations: [],
                lines: [
                    `Pipeline ${name} is starting (${progress.last?.deployment_status}); not waiting for it (wait: false).`,
                ],
            };
        case 'awaiting-approval': {
            const changes = progress.approvalDiff ? (0,model_approval/* countChanges */.xS)(progress.approvalDiff) : 'its program or connectors changed';
            const ways = approvalWays(name, `the Feldera console (${pipelineUrl})`, approval?.notExpected !== undefined);
            const message = `Pipeline ${name} is AwaitingApproval: ${changes} since its checkpoint. To go on, ${ways}.`;
            // The log's last word: the step is green, but the pipeline is not up.
            return {
                annotations: [{ level: 'warning', message, title: `${(0,text_text/* pipelineLabel */.nE)(name)} awaits approval` }],
                lines: [`Pipeline ${name} is not ${target ?? 'up'}: it awaits approval. To go on, ${ways}.`],
            };
        }
        case 'failed': {
            const firstError = diagnosis.compilation?.firstError && `First error: ${diagnosis.compilation.firstError}`;
            const message = (0,statement/* sentences */.h)(outcome.message, firstError, outcome.hint && `Hint: ${outcome.hint}`);
            return { annotations: [{ level: 'error', message, title: (0,last_word/* failureTitle */.nV)(name, planning) }], lines: [] };
        }
    }
}
/**
 * The compiler's output and the log's tail: one pipeline's in collapsed groups of their own; with
 * several, each pipeline's in one group after the waiting, with its approval diff.
 */
function printDiagnosis({ run: { name, log }, record: { diagnosis } }, several) {
    const { compilation, logTail } = diagnosis;
    const parts = [];
    if (compilation?.excerpt)
        parts.push(['Compiler output', compilation.excerpt.split('\n')]);
    if (logTail && logTail.lines.length > 0)
        parts.push([logTailTitle(logTail), logTail.lines]);
    const emptyLog = logTail?.lines.length === 0;
    if (!several) {
        for (const [title, lines] of parts)
            (0,log_log/* untrusted */.bp)(title, lines);
        if (emptyLog)
            (0,log_log/* info */.pq)(EMPTY_LOG);
        return;
    }
    const details = log instanceof phase_log/* PrefixedLog */.s ? log.details : [];
    if (details.length === 0 && parts.length === 0 && !emptyLog)
        return;
    log_log/* stepLog */.tV.startGroup(`${name}: details`);
    for (const line of details)
        (0,log_log/* info */.pq)(line);
    for (const [title, lines] of parts) {
        (0,log_log/* info */.pq)(`${title}:`);
        (0,log_log/* untrustedLines */.mU)(lines);
    }
    if (emptyLog)
        (0,log_log/* info */.pq)(EMPTY_LOG);
    log_log/* stepLog */.tV.endGroup();
}
/**
 * What GitHub will show, `MAX_ANNOTATIONS` of each level in the order of priority, each with the text
 * to print (the last of a level says how many more the summary holds), and what it will not.
 */
function choose(byPriority) {
    const texts = new Map();
    const dropped = [];
    for (const level of ['error', 'warning']) {
        const all = byPriority.filter((annotation) => annotation.level === level);
        const shown = all.slice(0, compilation/* MAX_ANNOTATIONS */.K);
        const more = all.length - shown.length;
        shown.forEach((annotation, i) => texts.set(annotation, more > 0 && i === shown.length - 1
            ? `${annotation.message} (…and ${more} more ${level}s: see the job summary.)`
            : annotation.message));
        dropped.push(...all.slice(compilation/* MAX_ANNOTATIONS */.K));
    }
    return { texts, dropped };
}
/** The annotations GitHub will show, in the order given. */
function annotate(annotations, texts) {
    for (const annotation of annotations) {
        const text = texts.get(annotation);
        if (text === undefined)
            continue;
        const { level, message: _message, ...properties } = annotation;
        if (level === 'error')
            core/* error */.z3(text, properties);
        else
            core/* warning */.$e(text, properties);
    }
}
/** The summary's list of what GitHub would not show as annotations. */
function notShown(dropped) {
    if (dropped.length === 0)
        return '';
    const items = dropped.map(({ level, title, message }) => `- **${level}** ${(0,text_markdown/* inline */.mG)(title, 200)}: ${(0,text_markdown/* inline */.mG)(message, 1000)}`);
    const { kept, more } = (0,text_markdown/* fit */.Uj)(items, NOT_SHOWN_BYTES);
    if (more > 0)
        kept.push(`- …and ${(0,text_markdown/* count */.U9)(more)} more`);
    return `\n#### Annotations GitHub does not show (it shows ${compilation/* MAX_ANNOTATIONS */.K} of each level)\n\n${kept.join('\n')}\n`;
}


/***/ })

};
