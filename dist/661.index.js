export const id = 661;
export const ids = [661];
export const modules = {

/***/ 86661:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   post: () => (/* binding */ post)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(91659);
/* harmony import */ var _connection_connection_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(27867);
/* harmony import */ var _feldera_client_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(41387);
/* harmony import */ var _model_inputs_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4405);
/* harmony import */ var _text_markdown_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(86590);
/* harmony import */ var _log_log_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(75384);
/* harmony import */ var _cancellation_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(34632);
/* harmony import */ var _report_step_summary_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(49211);
/* harmony import */ var _report_state_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(77343);
/* harmony import */ var _phases_stop_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(15634);
/* harmony import */ var _text_text_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(98544);











/** The post step waits this long for `Stopped`. */
const STOP_AT_JOB_END_MS = 60_000;
/**
 * The post step (action.yml `runs.post`, `post-if: always()`): with `stop-at-job-end: true`, stops the
 * pipelines the main step started, whatever the job's result, side by side within 60 s. It reads the inputs and the environment
 * again for the address and the credential. It never fails the job: every problem is a warning.
 */
async function post(cancel) {
    try {
        await stopAtJobEnd(cancel);
    }
    catch (error) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`stop-at-job-end: ${(0,_text_text_js__WEBPACK_IMPORTED_MODULE_8__/* .messageOf */ .bD)(error)}`, { title: 'stop-at-job-end' });
    }
}
async function stopAtJobEnd(cancel) {
    // Only this input decides whether anything is sent; the others are read once there is something to stop.
    const asked = (0,_model_inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .inputText */ .AN)('stop-at-job-end', { getInput: (name) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(name), env: process.env });
    if ((0,_model_inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .parseBoolean */ .yG)('stop-at-job-end', asked, []) !== true)
        return;
    const started = startedPipelines(_actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getState */ .Gu(_report_state_js__WEBPACK_IMPORTED_MODULE_9__/* .STARTED_STATE */ .C));
    if (started.length === 0) {
        (0,_log_log_js__WEBPACK_IMPORTED_MODULE_4__/* .info */ .pq)('stop-at-job-end: this step started no pipeline, so there is none to stop.');
        return;
    }
    // The main step read these inputs before it started anything: they are valid.
    const { config } = (0,_model_inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .readConfig */ .Xg)({
        getInput: (name) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(name),
        env: process.env,
        onSecret: (secret) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq(secret),
    });
    // One budget for all of them, stopped side by side; a cancel cuts it short.
    const end = (0,_cancellation_js__WEBPACK_IMPORTED_MODULE_5__/* .runEnd */ .l)(STOP_AT_JOB_END_MS, (0,_text_text_js__WEBPACK_IMPORTED_MODULE_8__/* .formatDuration */ .a3)(STOP_AT_JOB_END_MS), cancel.signal);
    let said = false;
    cancel.atDeadline(() => {
        if (said)
            return;
        const text = `stop-at-job-end: the run was cancelled before ${started.join(', ')} could be seen Stopped.`;
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(text, { title: 'stop-at-job-end' });
        (0,_report_step_summary_js__WEBPACK_IMPORTED_MODULE_6__/* .appendSummary */ .f)(`\n⚠️ ${(0,_text_markdown_js__WEBPACK_IMPORTED_MODULE_10__/* .inline */ .mG)(text, 2000)}\n`);
        // The post step never fails the job.
        process.exitCode = 0;
    });
    const connection = (0,_connection_connection_js__WEBPACK_IMPORTED_MODULE_1__/* .connect */ .N)(config, end.signal);
    try {
        for (const name of started)
            (0,_log_log_js__WEBPACK_IMPORTED_MODULE_4__/* .info */ .pq)(`Stopping Feldera pipeline ${name} at the end of the job (stop-at-job-end: true).`);
        const problems = await Promise.all(started.map((name) => (0,_phases_stop_js__WEBPACK_IMPORTED_MODULE_7__/* .stopPipeline */ .J)(new _feldera_client_js__WEBPACK_IMPORTED_MODULE_2__/* .PipelineClient */ .I(connection.http, name), STOP_AT_JOB_END_MS, end.cancelled)));
        const lines = started.map((name, i) => {
            const problem = problems[i];
            const text = problem
                ? `Could not stop pipeline ${name} at the end of the job: ${problem}.`
                : `Pipeline ${name} was stopped at the end of the job (stop-at-job-end: true).`;
            if (problem)
                _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(text, { title: `${(0,_text_text_js__WEBPACK_IMPORTED_MODULE_8__/* .pipelineLabel */ .nE)(name)} not stopped` });
            else
                (0,_log_log_js__WEBPACK_IMPORTED_MODULE_4__/* .info */ .pq)(text);
            return `${problem ? '⚠️' : '⏹️'} ${(0,_text_markdown_js__WEBPACK_IMPORTED_MODULE_10__/* .inline */ .mG)(text, 2000)}`;
        });
        said = true;
        (0,_report_step_summary_js__WEBPACK_IMPORTED_MODULE_6__/* .appendSummary */ .f)(`\n${lines.join('<br>\n')}\n`);
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


/***/ })

};
