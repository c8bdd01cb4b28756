export const id = 694;
export const ids = [694];
export const modules = {

/***/ 2694:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   answerRulesQuestion: () => (/* binding */ answerRulesQuestion)
/* harmony export */ });
/* harmony import */ var _checkers__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9392);
/* harmony import */ var _engine_scan__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6484);
/* harmony import */ var _engine_rule_ids__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(6013);
/* harmony import */ var _action_version__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4710);
/* harmony import */ var _report_common__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4069);
/* harmony import */ var _report_docs_url__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4607);
/* harmony import */ var _run__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4175);
// `--explain RULE` and `--list-rules`: the rule catalogue from the terminal, without a scan.







function answerRulesQuestion(question, io) {
    const rules = (0,_engine_scan__WEBPACK_IMPORTED_MODULE_1__/* .allRules */ .V7)(_checkers__WEBPACK_IMPORTED_MODULE_0__/* .CHECKERS */ .P);
    const docsBaseUrl = (0,_report_docs_url__WEBPACK_IMPORTED_MODULE_4__/* .rulesDocsUrl */ .qq)(io.env, _action_version__WEBPACK_IMPORTED_MODULE_2__/* .VERSION */ .x);
    const info = (rule) => {
        const docs = (0,_report_common__WEBPACK_IMPORTED_MODULE_3__/* .ruleDocsUrl */ .hS)(rule.id, docsBaseUrl);
        return {
            id: rule.id,
            checker: (0,_report_common__WEBPACK_IMPORTED_MODULE_3__/* .checkerOfRule */ .Br)(rule.id),
            severity: rule.severity,
            enabledByDefault: !rule.defaultOff,
            title: rule.title,
            help: rule.help.trim(),
            ...(docs && { docs }),
            ...(rule.example && { example: rule.example }),
        };
    };
    const json = question.format === 'json';
    if (question.kind === 'list-rules') {
        const list = [...rules].sort((a, b) => a.id.localeCompare(b.id)).map(info);
        if (json)
            io.stdout(`${JSON.stringify(list.map(({ example: _e, help: _h, ...rest }) => rest), null, 2)}\n`);
        else
            io.stdout(ruleTable(list));
        return _run__WEBPACK_IMPORTED_MODULE_5__/* .EXIT_CLEAN */ .XW;
    }
    const rule = rules.find((r) => r.id === question.ruleId || r.aliases?.includes(question.ruleId));
    if (!rule) {
        const ids = rules.map((r) => r.id);
        io.stderr(`deploy-lint: --explain: there is no rule ${question.ruleId}.${(0,_engine_rule_ids__WEBPACK_IMPORTED_MODULE_6__/* .didYouMean */ .au)(question.ruleId, ids)} deploy-lint --list-rules lists them all.\n`);
        return _run__WEBPACK_IMPORTED_MODULE_5__/* .EXIT_USAGE */ .Ri;
    }
    io.stdout(json ? `${JSON.stringify(info(rule), null, 2)}\n` : explanation(info(rule)));
    return _run__WEBPACK_IMPORTED_MODULE_5__/* .EXIT_CLEAN */ .XW;
}
function ruleTable(list) {
    const idWidth = Math.max(...list.map((r) => r.id.length));
    const lines = list.map((r) => `${r.id.padEnd(idWidth)}  ${r.severity.padEnd(8)}  ${(r.enabledByDefault ? 'on' : 'off').padEnd(3)}  ${r.title}`);
    const header = `${'rule'.padEnd(idWidth)}  severity  on?  title`;
    return `${[header, ...lines].join('\n')}\n\n${list.length} rules. deploy-lint --explain RULE prints one in full.\n`;
}
function explanation(rule) {
    const indent = (code) => code
        .replace(/\n+$/, '')
        .split('\n')
        .map((line) => (line ? `    ${line}` : ''))
        .join('\n');
    const parts = [
        `${rule.id} (${rule.severity}${rule.enabledByDefault ? '' : ', off by default'})`,
        rule.title,
        '',
        rule.help,
    ];
    if (rule.example) {
        if (rule.example.config)
            parts.push('', 'With this .deploy-lint.yml:', '', indent(rule.example.config));
        for (const [file, text] of Object.entries(rule.example.files ?? {})) {
            parts.push('', `Beside ${file}:`, '', indent(text));
        }
        parts.push('', `Fails (${rule.example.file}):`, '', indent(rule.example.bad));
        parts.push('', 'Fixed:', '', indent(rule.example.good));
    }
    if (rule.docs)
        parts.push('', `Docs: ${rule.docs}`);
    return `${parts.join('\n')}\n`;
}


/***/ })

};
