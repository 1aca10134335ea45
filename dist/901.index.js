export const id = 901;
export const ids = [901];
export const modules = {

/***/ 2901:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   post: () => (/* binding */ post)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4952);
/* harmony import */ var _connection_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7531);
/* harmony import */ var _feldera_client_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1076);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2053);
/* harmony import */ var _report_markdown_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(4285);
/* harmony import */ var _log_log_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5384);
/* harmony import */ var _run_run_end_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3776);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(8862);
/* harmony import */ var _run_stop_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(6941);
/* harmony import */ var _log_text_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(3271);










/** The post step waits this long for `Stopped`. */
const STOP_AT_JOB_END_MS = 60_000;
/**
 * The post step (action.yml `runs.post`, `post-if: always()`): with `stop-at-job-end: true`, stops the
 * pipelines the main step started, whatever the job's result, side by side within 60 s. It reads the inputs and the environment
 * again for the address and the credential. It never fails the job: every problem is a warning.
 */
async function post() {
    try {
        await stopAtJobEnd();
    }
    catch (error) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`stop-at-job-end: ${(0,_log_text_js__WEBPACK_IMPORTED_MODULE_7__/* .messageOf */ .bD)(error)}`);
    }
}
async function stopAtJobEnd() {
    // Only this input decides whether anything is sent; the others are read once there is something to stop.
    if ((0,_inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .parseBoolean */ .yG)('stop-at-job-end', _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4('stop-at-job-end').trim() || 'false', []) !== true)
        return;
    const started = startedPipelines(_actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getState */ .Gu(_state_js__WEBPACK_IMPORTED_MODULE_8__/* .STARTED_STATE */ .C));
    if (started.length === 0) {
        (0,_log_log_js__WEBPACK_IMPORTED_MODULE_4__/* .info */ .pq)('stop-at-job-end: this step started no pipeline, so there is none to stop.');
        return;
    }
    // The main step read these inputs before it started anything: they are valid.
    const { config } = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .readConfig */ .Xg)({ getInput: (name) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(name), env: process.env, onSecret: (secret) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq(secret) });
    // One budget for all of them, stopped side by side; a cancel cuts it short.
    const end = (0,_run_run_end_js__WEBPACK_IMPORTED_MODULE_5__/* .runEnd */ .l)(STOP_AT_JOB_END_MS, (0,_log_text_js__WEBPACK_IMPORTED_MODULE_7__/* .formatDuration */ .a3)(STOP_AT_JOB_END_MS));
    const connection = (0,_connection_js__WEBPACK_IMPORTED_MODULE_1__/* .connect */ .N)(config, end.signal);
    try {
        for (const name of started)
            (0,_log_log_js__WEBPACK_IMPORTED_MODULE_4__/* .info */ .pq)(`Stopping Feldera pipeline ${name} at the end of the job (stop-at-job-end: true).`);
        const problems = await Promise.all(started.map((name) => (0,_run_stop_js__WEBPACK_IMPORTED_MODULE_6__/* .stopPipeline */ .J)(new _feldera_client_js__WEBPACK_IMPORTED_MODULE_2__/* .PipelineClient */ .I(connection.http, name), STOP_AT_JOB_END_MS, end.cancelled)));
        const lines = started.map((name, i) => {
            const problem = problems[i];
            const text = problem ? `Could not stop pipeline ${name} at the end of the job: ${problem}.` : `Pipeline ${name} was stopped at the end of the job (stop-at-job-end: true).`;
            if (problem)
                _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(text, { title: `Feldera pipeline ${name} not stopped` });
            else
                (0,_log_log_js__WEBPACK_IMPORTED_MODULE_4__/* .info */ .pq)(text);
            return `${problem ? '⚠️' : '⏹️'} ${(0,_report_markdown_js__WEBPACK_IMPORTED_MODULE_9__/* .inline */ .mG)(text, 2000)}`;
        });
        await _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z
            .addRaw(`\n${lines.join('<br>\n')}\n`)
            .write()
            .catch(() => undefined);
    }
    finally {
        end.dispose();
        await connection.close();
    }
}
function startedPipelines(state) {
    try {
        const names = JSON.parse(state || '[]');
        return Array.isArray(names) ? names.filter((name) => typeof name === 'string') : [];
    }
    catch {
        return [];
    }
}


/***/ }),

/***/ 4285:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DV: () => (/* binding */ codeBlock),
/* harmony export */   Jj: () => (/* binding */ cut),
/* harmony export */   U9: () => (/* binding */ count),
/* harmony export */   Uj: () => (/* binding */ fit),
/* harmony export */   mG: () => (/* binding */ inline),
/* harmony export */   tp: () => (/* binding */ table)
/* harmony export */ });
// Markdown for the job summary: server text made plain text, and the shapes it sits in.
/** `14820` → `14,820`. */
function count(n) {
    return n.toLocaleString('en-US');
}
function cut(text, maxChars) {
    return text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text;
}
function table(header, rows) {
    const line = (cells) => `| ${cells.join(' | ')} |`;
    return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
/**
 * Server text as markdown text, cut to `maxChars`: no HTML, no link or image of its own, no emphasis,
 * code, strike-through or math, no table break, its lines kept in its table cell or list item. A
 * backslash before each character that could start one (2 bytes, where an entity takes 5), and only
 * there: a `_` between letters or digits, a `&` that begins no entity and a `#` inside a word start
 * nothing, and names and addresses are full of them. It always follows the action's own words on a
 * line, so nothing in it can start a block (a heading, a list, a quote); a bare address may show as
 * a link, to where it says.
 */
function inline(text, maxChars) {
    return cut(text, maxChars)
        .replace(/[\\`*[\]<|~$]|&(?=#?\w+;)|(?<=^|\s)#|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, (char) => `\\${char}`)
        .replace(/\r\n|\r|\n/g, '<br>');
}
/** A fenced block that server text cannot close: the fence is longer than any run of backticks in it. */
function codeBlock(text, indent = '') {
    // Any line ending ends a line of markdown: one left in would leave the block's indentation.
    const lines = text.flatMap((line) => line.split(/\r\n|\r|\n/));
    const longest = Math.max(2, ...lines.flatMap((line) => [...line.matchAll(/`+/g)].map((match) => match[0].length)));
    const fence = '`'.repeat(longest + 1);
    return [`${fence}text`, ...lines, fence].map((line) => indent + line).join('\n');
}
/** The first items that fit in `budget` bytes, and how many did not. */
function fit(items, budget) {
    const kept = [];
    let used = 0;
    for (const item of items) {
        used += Buffer.byteLength(item) + 2;
        if (used > budget)
            break;
        kept.push(item);
    }
    return { kept, more: items.length - kept.length };
}


/***/ })

};
