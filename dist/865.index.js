export const id = 865;
export const ids = [865];
export const modules = {

/***/ 27867:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  N: () => (/* binding */ connect)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 11 modules
var core = __webpack_require__(91659);
// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(46752);
// EXTERNAL MODULE: ./src/feldera/credentials.ts
var credentials = __webpack_require__(77947);
// EXTERNAL MODULE: ./src/feldera/abortable.ts
var abortable = __webpack_require__(40987);
// EXTERNAL MODULE: ./src/text/text.ts
var text_text = __webpack_require__(98544);
;// CONCATENATED MODULE: ./src/connection/oidc.ts



/** A token is renewed this long before its `exp` (half its life when it is short): a request takes time too. */
const RENEW_MARGIN_MS = 60_000;
/**
 * Bearer tokens from GitHub's OIDC provider, renewed before they expire (a bootstrap can outlast
 * one) and when Feldera refuses one. `getIdToken` is the runner's token service.
 */
function oidcCredentials(audience, getIdToken) {
    const issued = [];
    let current;
    let pending;
    const fetchToken = async () => {
        let token;
        try {
            token = await getIdToken(audience);
        }
        catch (error) {
            const reason = (0,text_text/* messageOf */.bD)(error);
            throw new credentials/* CredentialError */.oA('OidcTokenUnavailable', `Could not get an ID token for audience ${audience}: ${reason}`, issued.length > 0);
        }
        issued.push(token);
        const claims = claimsOf(token);
        const lifetimeMs = claims.exp === undefined ? Infinity : claims.exp * 1000 - Date.now();
        current = { token, claims, renewAt: Date.now() + lifetimeMs - Math.min(RENEW_MARGIN_MS, lifetimeMs / 2) };
    };
    // One fetch at a time, however many requests ask; each waits no longer than its own signal.
    const renew = async (signal) => {
        pending ??= fetchToken().finally(() => (pending = undefined));
        await (0,abortable/* raceAbort */.Mu)(pending, signal);
        return true;
    };
    return {
        token: async (signal) => {
            if (!current || Date.now() >= current.renewAt)
                await renew(signal);
            // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- renew() resolved, so fetchToken set it
            return current.token;
        },
        renew,
        secrets: () => [...issued],
        claims: () => current?.claims,
    };
}
/** The payload of a JWT, unverified: Feldera checks the signature; the action only reads names and `exp`. */
function claimsOf(jwt) {
    try {
        const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
        return {
            iss: typeof payload.iss === 'string' ? payload.iss : undefined,
            sub: typeof payload.sub === 'string' ? payload.sub : undefined,
            aud: typeof payload.aud === 'string' || Array.isArray(payload.aud) ? payload.aud : undefined,
            exp: typeof payload.exp === 'number' ? payload.exp : undefined,
        };
    }
    catch {
        return {};
    }
}
/** `issuer …, subject …, audience …`: what a trust relationship must match. */
function describeClaims(claims) {
    const audience = Array.isArray(claims?.aud) ? claims.aud.join(', ') : claims?.aud;
    return `issuer ${claims?.iss ?? '(none)'}, subject ${claims?.sub ?? '(none)'}, audience ${audience ?? '(none)'}`;
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
;// CONCATENATED MODULE: ./src/connection/oidc-token-file.ts



/** Where feldera/oidc-auth-action tells later steps its token file is. */
const TOKEN_FILE_VARIABLE = 'FELDERA_OIDC_TOKEN_FILE';
/**
 * The ID token in the file feldera/oidc-auth-action keeps fresh for the whole job (it rewrites it
 * atomically on each refresh): read before every request, as that action asks of its clients, and
 * so again after a 401. `onToken` hears of each new token before it is sent, so that the runner
 * masks it.
 */
function tokenFileCredentials(path, onToken) {
    const read = [];
    let claims;
    // Once a token was read, a file that fails is a blip worth retrying; before, nothing can authenticate.
    const unavailable = (what) => new credentials/* CredentialError */.oA('OidcTokenUnavailable', `Could not read the OIDC token: ${TOKEN_FILE_VARIABLE} is ${path}, which ${what}. feldera/oidc-auth-action writes that file and keeps it fresh until the job ends: run it earlier in this job, or unset ${TOKEN_FILE_VARIABLE} and give api-key or oidc-audience.`, read.length > 0);
    return {
        token: async (signal) => {
            let text;
            try {
                text = await (0,promises_.readFile)(path, { encoding: 'utf8', signal });
            }
            catch (error) {
                if (signal.aborted)
                    throw signal.reason;
                const code = error.code;
                throw unavailable(code === 'ENOENT'
                    ? 'does not exist'
                    : `cannot be read (${typeof code === 'string' ? code : 'unknown error'})`);
            }
            const token = text.trim();
            if (!token)
                throw unavailable('is empty');
            if (!read.includes(token)) {
                onToken(token);
                read.push(token);
            }
            claims = claimsOf(token);
            return token;
        },
        // The refresher may have replaced a token Feldera refused: the next attempt reads the file again.
        renew: async () => true,
        secrets: () => [...read],
        claims: () => claims,
    };
}

;// CONCATENATED MODULE: ./src/connection/auth.ts



const PERMISSIONS_FOR_OIDC = 'permissions:\n  id-token: write\n  contents: read';
const TRUST = 'these must match a trust relationship of the tenant (fda oidc-trust create), and a token that resolves to several tenants needs the tenant input.';
/** `onSecret` hears of every token read from a file, before it is sent. */
function authFor(config, env, getIdToken, onSecret) {
    if (config.oidcAudience) {
        // Checked at the first request, before anything is sent to Feldera.
        const fromRunner = (audience) => env.ACTIONS_ID_TOKEN_REQUEST_URL
            ? getIdToken(audience)
            : Promise.reject(new Error(`the runner offers none (ACTIONS_ID_TOKEN_REQUEST_URL is not set). Give the job:\n${PERMISSIONS_FOR_OIDC}`));
        const oidc = oidcCredentials(config.oidcAudience, fromRunner);
        return {
            credentials: oidc,
            describe: () => `OIDC token (${describeClaims(oidc.claims())})`,
            refusalHint: () => `Feldera refused the ID token with ${describeClaims(oidc.claims())}: ${TRUST}`,
        };
    }
    if (config.oidcTokenFile) {
        const file = tokenFileCredentials(config.oidcTokenFile, onSecret);
        return {
            credentials: file,
            describe: () => `OIDC token file (${describeClaims(file.claims())})`,
            refusalHint: () => `Feldera refused the ID token of ${TOKEN_FILE_VARIABLE} with ${describeClaims(file.claims())}: ${TRUST} feldera/oidc-auth-action's audience input sets the audience.`,
        };
    }
    if (config.apiKey)
        return { credentials: (0,credentials/* apiKeyCredentials */._g)(config.apiKey), describe: () => 'API key', refusalHint: () => undefined };
    return { credentials: credentials/* NO_CREDENTIALS */.zw, describe: () => 'none', refusalHint: () => undefined };
}

;// CONCATENATED MODULE: ./src/connection/connection.ts



/** The same for the main step and the post step, from the inputs and the environment. */
function connect(config, signal, debug = (line) => core/* debug */.Yz(line)) {
    const auth = authFor(config, process.env, (audience) => core/* getIDToken */.V9(audience), (secret) => core/* setSecret */.Pq(secret));
    // The proxies of the environment, as inputs.ts read and checked them; a plain Agent when none is set.
    const dispatcher = new undici.EnvHttpProxyAgent(config.proxy);
    return {
        auth,
        http: {
            baseUrl: config.apiUrl,
            credentials: auth.credentials,
            tenant: config.tenant,
            requestTimeoutMs: config.requestTimeoutMs,
            signal,
            dispatcher,
            debug,
        },
        close: () => dispatcher.destroy(connection_closed()).catch(() => undefined),
    };
}
/** Node formats the stack of the error a socket is destroyed with: this one's is written, not formatted (ms, cold). */
function connection_closed() {
    const error = new Error('the step closed its connection to Feldera');
    error.stack = `Error: ${error.message}`;
    return error;
}


/***/ }),

/***/ 40987:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   As: () => (/* binding */ ownBudget),
/* harmony export */   Dc: () => (/* binding */ graceAfter),
/* harmony export */   Mu: () => (/* binding */ raceAbort),
/* harmony export */   mr: () => (/* binding */ endedBy),
/* harmony export */   yy: () => (/* binding */ sleep)
/* harmony export */ });
// The one way the step waits while the run may end: a timer or a promise raced against an AbortSignal,
// whose reason (the budget spent, a cancel) is what the wait throws.
/** Resolves after `ms`, or rejects with `signal.reason` as soon as it is aborted. */
function sleep(ms, signal) {
    return new Promise((resolve, reject) => {
        if (signal.aborted)
            return reject(signal.reason);
        const onAbort = () => {
            clearTimeout(timer);
            reject(signal.reason);
        };
        const timer = setTimeout(() => {
            signal.removeEventListener('abort', onAbort);
            resolve();
        }, ms);
        signal.addEventListener('abort', onAbort, { once: true });
    });
}
/**
 * Settles as `promise` does, or rejects with `signal.reason` as soon as it is aborted: for work that
 * takes no signal of its own. The promise is left behind then, its rejection handled.
 */
function raceAbort(promise, signal) {
    if (signal.aborted) {
        promise.catch(() => undefined);
        return Promise.reject(signal.reason);
    }
    return new Promise((resolve, reject) => {
        const onAbort = () => reject(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
}
/**
 * A budget of its own: aborted `ms` from now with a `TimeoutError` (as `AbortSignal.timeout`, a timer
 * that never keeps the process alive), or as soon as one of `signals` is, with its reason.
 */
function ownBudget(ms, ...signals) {
    // AbortSignal.timeout takes whole milliseconds only; a budget left over from performance.now() is not.
    return AbortSignal.any([...signals, AbortSignal.timeout(Math.max(0, Math.ceil(ms)))]);
}
/** Aborted `graceMs` after `signal` is (that long from now if it is already): a timer that never keeps the process alive. */
function graceAfter(signal, graceMs) {
    const controller = new AbortController();
    const start = () => setTimeout(() => controller.abort(signal.reason), graceMs).unref();
    if (signal.aborted)
        start();
    else
        signal.addEventListener('abort', start, { once: true });
    return controller.signal;
}
/** Whether `error` is the reason `signal` was aborted with: the wait's own end, not a failure of what it waited for. */
function endedBy(signal, error) {
    return signal.aborted && error === signal.reason;
}


/***/ }),

/***/ 90273:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S: () => (/* binding */ readExcerpt),
/* harmony export */   V: () => (/* binding */ readJson)
/* harmony export */ });
/* harmony import */ var _bounded_json_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(41907);

/** What is kept of a body that is not JSON, for an excerpt of its first characters. */
const EXCERPT_BYTES = 16 << 10;
/**
 * Reads the whole body, however long, keeping a bounded copy of its value; only the request's
 * timeout ends a body that never ends. A body that is not JSON is read no further than its head.
 */
async function readJson(response, options) {
    const parser = new _bounded_json_js__WEBPACK_IMPORTED_MODULE_0__/* .BoundedJson */ .em(options);
    const head = new Head(EXCERPT_BYTES);
    let json = true;
    for await (const chunk of (response.body ?? [])) {
        head.add(chunk);
        if (json)
            json = written(parser, chunk);
        // Leaving the loop cancels the stream.
        if (!json && head.full())
            break;
    }
    return { json: json ? ended(parser) : undefined, head: head.text(options.secrets ?? []) };
}
/** The body's first characters (an error page, say), the rest not read. */
async function readExcerpt(response, secrets) {
    const head = new Head(EXCERPT_BYTES);
    for await (const chunk of (response.body ?? [])) {
        head.add(chunk);
        if (head.full())
            break;
    }
    return head.text(secrets);
}
function written(parser, chunk) {
    try {
        parser.write(chunk);
        return true;
    }
    catch (error) {
        if (error instanceof _bounded_json_js__WEBPACK_IMPORTED_MODULE_0__/* .NotJson */ .ac)
            return false;
        throw error;
    }
}
function ended(parser) {
    try {
        return parser.end();
    }
    catch (error) {
        if (error instanceof _bounded_json_js__WEBPACK_IMPORTED_MODULE_0__/* .NotJson */ .ac)
            return undefined;
        throw error;
    }
}
/** The first bytes of a body. */
class Head {
    chunks = [];
    bytes = 0;
    cut = false;
    maxBytes;
    constructor(maxBytes) {
        this.maxBytes = maxBytes;
    }
    add(chunk) {
        const room = this.maxBytes - this.bytes;
        if (chunk.byteLength > room)
            this.cut = true;
        if (room <= 0)
            return;
        const kept = chunk.subarray(0, room);
        this.chunks.push(kept);
        this.bytes += kept.byteLength;
    }
    full() {
        return this.bytes >= this.maxBytes;
    }
    /** A secret cut off at the end would not be redacted: as many characters go as the longest has. */
    text(secrets) {
        const text = new TextDecoder().decode(Buffer.concat(this.chunks));
        if (!this.cut && !this.full())
            return text;
        return text.slice(0, Math.max(0, text.length - Math.max(1, ...secrets.map((secret) => secret.length))));
    }
}


/***/ }),

/***/ 41907:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  em: () => (/* binding */ BoundedJson),
  s7: () => (/* binding */ JSON_LIMITS),
  ac: () => (/* reexport */ NotJson),
  dV: () => (/* binding */ droppedItems)
});

// UNUSED EXPORTS: formatSize

;// CONCATENATED MODULE: ./src/feldera/json-tokens.ts
// The tokens of bounded-json.ts that may run across chunks, read byte by byte: a string, kept up to
// a limit and cut with its size, and a number, checked against JSON's grammar.
/** The bytes are not JSON (or nest deeper than `maxDepth`). */
class NotJson extends Error {
    constructor(message) {
        super(message);
        this.name = 'NotJson';
    }
}
const ESCAPES = {
    0x22: '"',
    0x5c: '\\',
    0x2f: '/',
    0x62: '\b',
    0x66: '\f',
    0x6e: '\n',
    0x72: '\r',
    0x74: '\t',
};
// Where a string's next byte is: plain text, after a backslash, among the four hex digits of `\u`.
const PLAIN = 0;
const ESCAPE = 1;
const UNICODE = 2;
/** One string, a value or a key, read from the byte after its opening quote to its closing quote. */
class StringToken {
    decoder = new TextDecoder();
    secrets;
    /** A cut never splits a secret: this much beyond it is decoded, to see one crossing it. */
    margin;
    /** Its closing quote is read. */
    ended = false;
    /** Whether its text is kept at all. */
    kept = false;
    at = PLAIN;
    collecting = false;
    overflow = false;
    parts = [];
    chars = 0;
    keepChars = 0;
    /** Its size in the body, escapes included. */
    bytes = 0;
    unicode = 0;
    hexDigits = 0;
    constructor(secrets) {
        this.secrets = secrets;
        this.margin = Math.max(0, ...secrets.map((secret) => secret.length));
    }
    /** A new string, of which `keepChars` characters are kept when `kept`. */
    begin(kept, keepChars) {
        this.ended = false;
        this.kept = kept;
        this.at = PLAIN;
        this.collecting = kept;
        this.overflow = false;
        if (kept)
            this.parts = [];
        this.chars = 0;
        this.bytes = 0;
        this.keepChars = keepChars;
    }
    /** Reads the string's bytes from `from` to its closing quote (then `ended`) or the chunk's end; returns where it stopped. */
    read(chunk, from) {
        const n = chunk.length;
        let i = from;
        while (i < n && !this.ended) {
            if (this.at === PLAIN)
                i = this.run(chunk, i);
            else if (this.at === ESCAPE)
                this.escape(chunk[i++]);
            else
                this.hexDigit(chunk[i++]);
        }
        return i;
    }
    /** The text kept, cut when longer than its limit; empty when not kept. */
    text() {
        if (!this.kept)
            return '';
        if (this.collecting)
            this.parts.push(this.decoder.decode());
        const text = this.cut(this.parts.join(''));
        this.parts = [];
        return text;
    }
    /** Reads plain bytes up to the string's end, an escape or the chunk's end. */
    run(chunk, from) {
        const n = chunk.length;
        let i = from;
        for (; i < n; i++) {
            const byte = chunk[i];
            if (byte === 0x22 || byte === 0x5c || byte < 0x20)
                break;
        }
        this.bytes += i - from;
        if (this.collecting && i > from)
            this.collect(chunk, from, i);
        if (i === n)
            return n;
        const byte = chunk[i];
        if (byte === 0x22) {
            this.ended = true;
            return i + 1;
        }
        if (byte === 0x5c) {
            this.bytes++;
            this.at = ESCAPE;
            return i + 1;
        }
        throw new NotJson('a control character inside a string');
    }
    /** Decodes what is kept of a string, up to its limit and a margin that shows a secret crossing the cut. */
    collect(chunk, from, to) {
        let at = from;
        while (at < to) {
            const room = this.keepChars + this.margin - this.chars;
            if (room <= 0)
                return this.stopCollecting();
            // A character takes one byte or more: `room` bytes never give more than `room` characters.
            const end = Math.min(to, at + room);
            const text = this.decoder.decode(chunk.subarray(at, end), { stream: true });
            this.parts.push(text);
            this.chars += text.length;
            at = end;
        }
    }
    stopCollecting() {
        this.collecting = false;
        this.overflow = true;
        // A character split at the stop is beyond the cut: forget it.
        this.decoder.decode();
    }
    escape(byte) {
        this.bytes++;
        if (byte === 0x75) {
            this.unicode = 0;
            this.hexDigits = 0;
            this.at = UNICODE;
            return;
        }
        const char = ESCAPES[byte];
        if (char === undefined)
            throw new NotJson(`an unknown escape \\${String.fromCharCode(byte)}`);
        this.keepChar(char);
        this.at = PLAIN;
    }
    hexDigit(byte) {
        this.bytes++;
        const digit = byte >= 0x30 && byte <= 0x39
            ? byte - 0x30
            : byte >= 0x61 && byte <= 0x66
                ? byte - 0x57
                : byte >= 0x41 && byte <= 0x46
                    ? byte - 0x37
                    : -1;
        if (digit < 0)
            throw new NotJson('a \\u escape without four hex digits');
        this.unicode = this.unicode * 16 + digit;
        if (++this.hexDigits < 4)
            return;
        // Each escape is one UTF-16 unit; a surrogate pair's two escapes join in the text, as in JSON.parse.
        this.keepChar(String.fromCharCode(this.unicode));
        this.at = PLAIN;
    }
    keepChar(char) {
        if (!this.collecting)
            return;
        if (this.chars >= this.keepChars + this.margin)
            return this.stopCollecting();
        // What the decoder holds of a broken character comes before the escape, as in the body.
        const pending = this.decoder.decode();
        if (pending)
            this.parts.push(pending);
        this.parts.push(char);
        this.chars += pending.length + 1;
    }
    /** The kept text, cut at `keepChars` if longer, never inside a secret or a surrogate pair. */
    cut(text) {
        if (!this.overflow && text.length <= this.keepChars)
            return text;
        let end = Math.min(this.keepChars, text.length);
        for (let moved = true; moved;) {
            moved = false;
            for (const secret of this.secrets) {
                const at = text.indexOf(secret, Math.max(0, end - secret.length + 1));
                if (at !== -1 && at < end) {
                    end = at;
                    moved = true;
                }
            }
        }
        const last = text.charCodeAt(end - 1);
        if (last >= 0xd800 && last <= 0xdbff)
            end--;
        return `${text.slice(0, end)}…[cut: ${formatSize(this.bytes)}]`;
    }
}
// Where a number is in JSON's grammar; the last four may end it.
const N_MINUS = 0;
const N_DOT = 1;
const N_E = 2;
const N_E_SIGN = 3;
const N_ZERO = 4;
const N_INT = 5;
const N_FRAC = 6;
const N_EXP = 7;
/** A number longer than this (none of Feldera's) is read as null rather than kept. */
const MAX_NUMBER = 1024;
/** One number, read from its first byte to the first byte that is not of it. */
class NumberToken {
    /** Whether its value is kept. */
    kept = false;
    state = N_MINUS;
    text = '';
    length = 0;
    /** A new number, whose text is kept when `kept`. */
    begin(kept) {
        this.kept = kept;
        this.text = '';
        this.length = 0;
        this.state = N_MINUS;
    }
    /** Reads the number's bytes from `from`, checking JSON's grammar; returns where it stopped: the chunk's end, or the byte that ends it. */
    read(chunk, from) {
        const n = chunk.length;
        let i = from;
        let state = this.state;
        for (; i < n; i++) {
            const byte = chunk[i];
            const digit = byte >= 0x30 && byte <= 0x39;
            if (digit) {
                if (state === N_MINUS)
                    state = byte === 0x30 ? N_ZERO : N_INT;
                else if (state === N_DOT)
                    state = N_FRAC;
                else if (state === N_E || state === N_E_SIGN)
                    state = N_EXP;
                else if (state === N_ZERO)
                    break;
                continue;
            }
            if (byte === 0x2e && (state === N_ZERO || state === N_INT))
                state = N_DOT;
            else if ((byte === 0x65 || byte === 0x45) && (state === N_ZERO || state === N_INT || state === N_FRAC))
                state = N_E;
            else if ((byte === 0x2b || byte === 0x2d) && state === N_E)
                state = N_E_SIGN;
            else if (byte === 0x2d && state === N_MINUS && this.length === 0 && i === from)
                continue;
            else
                break;
        }
        this.state = state;
        if (this.kept && this.length + (i - from) <= MAX_NUMBER)
            this.text += String.fromCharCode(...chunk.subarray(from, i));
        this.length += i - from;
        return i;
    }
    /** Its value once it has ended: null when too long to keep; throws `NotJson` when it ended too soon (`-`, `1.`, `1e`). */
    value() {
        if (this.state < N_ZERO)
            throw new NotJson('a number cut short');
        return this.length <= MAX_NUMBER ? Number(this.text) : null;
    }
}
/** `'x'`, or `byte 0x0a`: a byte as a message shows it. */
function show(byte) {
    return byte >= 0x21 && byte <= 0x7e
        ? `'${String.fromCharCode(byte)}'`
        : `byte 0x${byte.toString(16).padStart(2, '0')}`;
}
/** `3.0 MB`: the size of what was cut, in the body's bytes. */
function formatSize(bytes) {
    if (bytes < 1000)
        return `${bytes} B`;
    const [value, unit] = bytes < 1e6 ? [bytes / 1e3, 'kB'] : bytes < 1e9 ? [bytes / 1e6, 'MB'] : [bytes / 1e9, 'GB'];
    return `${value.toFixed(1)} ${unit}`;
}

;// CONCATENATED MODULE: ./src/feldera/bounded-json.ts
// A JSON parser that reads a body as it arrives and keeps a bounded copy of its value: however large
// the answer, what is kept stays under `maxKept` (long strings cut with a marker, arrays and objects
// shortened), while the rest is still parsed, so that a body that is not JSON is still told as such.
// This file builds the values and keeps them within the limits; json-tokens.ts reads strings and numbers.


const JSON_LIMITS = { maxString: 64 << 10, maxItems: 10_000, maxDepth: 128, maxKept: 16 << 20 };
const dropped = new WeakMap();
/** How many items (of an array) or members (of an object) the parser skipped: the value's true size is its own plus these. */
function droppedItems(value) {
    return dropped.get(value) ?? 0;
}
// What the parser expects next.
const START = 0;
const BOM = 1;
const VALUE = 2;
const ARRAY_FIRST = 3;
const OBJECT_FIRST = 4;
const KEY = 5;
const COLON = 6;
const AFTER = 7;
const STRING = 8;
const NUMBER = 9;
const LITERAL = 10;
const DONE = 11;
/** What one kept value costs besides its text: enough to bound the objects and arrays built. */
const VALUE_COST = 16;
const BOM_BYTES = [0xef, 0xbb, 0xbf];
class BoundedJson {
    limits;
    keepItem;
    stack = [];
    top;
    state = START;
    result;
    /** What the kept values take, and what it was when the current item of the top-level array began. */
    kept = 0;
    itemStart = 0;
    bom = 0;
    // The token being read: a string (a value, or a key when `stringIsKey`), a number, a literal.
    string;
    stringIsKey = false;
    number = new NumberToken();
    literalKept = false;
    literal = '';
    literalAt = 0;
    constructor(options = {}) {
        this.limits = options.limits ?? JSON_LIMITS;
        this.keepItem = options.keepItem;
        this.string = new StringToken((options.secrets ?? []).filter((secret) => secret.length > 0));
    }
    /** Reads the next bytes of the body; throws `NotJson` at the first byte that cannot be JSON. */
    write(chunk) {
        const n = chunk.length;
        let i = 0;
        while (i < n) {
            switch (this.state) {
                case STRING:
                    i = this.string.read(chunk, i);
                    if (this.string.ended)
                        this.endString();
                    continue;
                case NUMBER:
                    i = this.number.read(chunk, i);
                    if (i < n)
                        this.endNumber();
                    continue;
                case LITERAL:
                    if (chunk[i] !== this.literal.charCodeAt(this.literalAt))
                        throw new NotJson(`an unexpected byte in ${this.literal}`);
                    i++;
                    if (++this.literalAt === this.literal.length)
                        this.finish(literalValue(this.literal), this.literalKept, VALUE_COST);
                    continue;
            }
            const byte = chunk[i];
            // JSON's whitespace: space, tab, line feed, carriage return.
            if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) {
                if (this.state === START)
                    this.state = VALUE;
                i++;
                continue;
            }
            if (this.structural(byte))
                i++;
        }
    }
    /** The value, once the body has ended; throws `NotJson` when the body ended before it. */
    end() {
        if (this.state === NUMBER)
            this.endNumber();
        if (this.state !== DONE)
            throw new NotJson('the body ends before its JSON does');
        return this.result;
    }
    /** Reads one byte between tokens, or begins a token; false when the byte is to be read again, as the first of a number. */
    structural(byte) {
        switch (this.state) {
            case START:
                // TextDecoder drops a byte order mark at the start; so does this.
                if (byte === BOM_BYTES[0]) {
                    this.state = BOM;
                    this.bom = 1;
                    return true;
                }
                this.state = VALUE;
                return this.value(byte);
            case BOM:
                if (byte !== BOM_BYTES[this.bom])
                    throw new NotJson('a broken byte order mark');
                if (++this.bom === BOM_BYTES.length)
                    this.state = VALUE;
                return true;
            case VALUE:
                return this.value(byte);
            case ARRAY_FIRST:
                if (byte !== 0x5d)
                    return this.value(byte);
                this.close();
                return true;
            case OBJECT_FIRST:
                if (byte === 0x7d)
                    this.close();
                else
                    this.key(byte);
                return true;
            case KEY:
                this.key(byte);
                return true;
            case COLON:
                if (byte !== 0x3a)
                    throw new NotJson('a key without a colon');
                this.state = VALUE;
                return true;
            case AFTER:
                if (byte === 0x2c)
                    this.state = this.top?.array ? VALUE : KEY;
                else if ((byte === 0x5d && this.top?.array) || (byte === 0x7d && this.top?.array === false))
                    this.close();
                else
                    throw new NotJson(`an unexpected ${show(byte)} after a value`);
                return true;
            default:
                throw new NotJson(`${show(byte)} after the end of the JSON`);
        }
    }
    value(byte) {
        if (byte === 0x22) {
            this.beginString(false, this.beginValue());
            return true;
        }
        if (byte === 0x7b || byte === 0x5b) {
            this.open(byte === 0x5b);
            return true;
        }
        if (byte === 0x2d || (byte >= 0x30 && byte <= 0x39)) {
            this.number.begin(this.beginValue());
            this.state = NUMBER;
            return false;
        }
        const literal = byte === 0x74 ? 'true' : byte === 0x66 ? 'false' : byte === 0x6e ? 'null' : undefined;
        if (literal === undefined)
            throw new NotJson(`an unexpected ${show(byte)} where a value should be`);
        this.literalKept = this.beginValue();
        this.literal = literal;
        this.literalAt = 1;
        this.state = LITERAL;
        return true;
    }
    key(byte) {
        if (byte !== 0x22)
            throw new NotJson(`an unexpected ${show(byte)} where a key should be`);
        const frame = this.top;
        this.beginString(true, frame.value !== undefined && frame.kept < this.limits.maxItems && this.kept < this.limits.maxKept);
    }
    /** Whether the value that begins now is kept: its container is, and has room for it. */
    beginValue() {
        const frame = this.top;
        if (frame === undefined)
            return true;
        if (this.keepItem && frame.array && this.stack.length === 1)
            this.itemStart = this.kept;
        if (frame.value === undefined)
            return false;
        if (!frame.array)
            return frame.key !== undefined;
        if (frame.kept < this.limits.maxItems && this.kept < this.limits.maxKept)
            return true;
        frame.dropped++;
        return false;
    }
    open(array) {
        const kept = this.beginValue();
        if (this.stack.length >= this.limits.maxDepth)
            throw new NotJson(`values nested deeper than ${this.limits.maxDepth} levels`);
        if (kept)
            this.kept += VALUE_COST;
        this.top = { value: kept ? (array ? [] : {}) : undefined, array, key: undefined, kept: 0, dropped: 0 };
        this.stack.push(this.top);
        this.state = array ? ARRAY_FIRST : OBJECT_FIRST;
    }
    close() {
        const frame = this.stack.pop();
        this.top = this.stack.at(-1);
        if (frame.value !== undefined && frame.dropped > 0)
            dropped.set(frame.value, frame.dropped);
        this.finish(frame.value, frame.value !== undefined, 0);
    }
    /** A value has been read: it goes into its container, or is the result. */
    finish(value, kept, cost) {
        const frame = this.top;
        if (frame === undefined) {
            this.result = value;
            this.state = DONE;
            return;
        }
        this.state = AFTER;
        if (!kept || frame.value === undefined)
            return;
        this.kept += cost;
        if (Array.isArray(frame.value)) {
            if (this.keepItem && this.stack.length === 1 && !this.keepItem(value)) {
                this.kept = this.itemStart;
                return;
            }
            frame.value.push(value);
        }
        else {
            bounded_json_define(frame.value, frame.key ?? '', value);
        }
        frame.kept++;
    }
    beginString(isKey, kept) {
        this.stringIsKey = isKey;
        this.string.begin(kept, Math.min(this.limits.maxString, Math.max(0, this.limits.maxKept - this.kept)));
        this.state = STRING;
    }
    endString() {
        const text = this.string.text();
        if (!this.stringIsKey)
            return this.finish(text, this.string.kept, VALUE_COST + text.length);
        const frame = this.top;
        if (this.string.kept) {
            frame.key = text;
            this.kept += text.length;
        }
        else {
            frame.key = undefined;
            if (frame.value !== undefined)
                frame.dropped++;
        }
        this.state = COLON;
    }
    endNumber() {
        this.finish(this.number.value(), this.number.kept, VALUE_COST);
    }
}
function literalValue(literal) {
    return literal === 'null' ? null : literal === 'true';
}
/** A member as JSON.parse makes it: `__proto__` is a key like any other, not the prototype. */
function bounded_json_define(object, key, value) {
    if (key === '__proto__')
        Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
    else
        object[key] = value;
}


/***/ }),

/***/ 41387:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  I: () => (/* binding */ PipelineClient)
});

// EXTERNAL MODULE: ./src/text/text.ts
var text_text = __webpack_require__(98544);
// EXTERNAL MODULE: ./src/feldera/json.ts
var json = __webpack_require__(94351);
;// CONCATENATED MODULE: ./src/feldera/events.ts
// The manager's monitor events (`GET /v0/pipelines/{name}/events?selector=status`, Feldera 0.292 and
// later): what the step needs of each, the server's strings made inert once, here.


/** Whether an item of the list was recorded at or after `sinceMs` (Feldera's clock): the others are not kept. */
function recordedSince(item, sinceMs) {
    return (0,json/* isObject */.G)(item) && typeof item.recorded_at === 'string' && Date.parse(item.recorded_at) >= sinceMs;
}
/**
 * The events as Feldera lists them, newest first. Each gets the status a status read would have
 * shown then (CombinedStatus::new in db/types/combined_status.rs): the resources status, or once the
 * resources are provisioned the runtime status (`Unavailable` when there is none yet). An item
 * without a time or a resources status says nothing, and is left out.
 */
function pipelineEvents(body, secrets) {
    if (!Array.isArray(body))
        throw new Error('the answer is not a list of events');
    const text = (value) => (typeof value === 'string' ? (0,text_text/* serverText */.Tn)(value, secrets, 100) : '');
    return body.filter(json/* isObject */.G).flatMap((event) => {
        const recordedAt = typeof event.recorded_at === 'string' ? Date.parse(event.recorded_at) : NaN;
        const resources = text(event.deployment_resources_status);
        if (Number.isNaN(recordedAt) || !resources)
            return [];
        const runtime = text(event.deployment_runtime_status);
        return [
            {
                recordedAt,
                deployment_status: resources === 'Provisioned' ? runtime || 'Unavailable' : resources,
                program_status: text(event.program_status),
                deployment_has_error: event.deployment_has_error === true,
            },
        ];
    });
}

// EXTERNAL MODULE: ./src/feldera/http.ts
var http = __webpack_require__(6965);
// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(46752);
// EXTERNAL MODULE: ./src/feldera/abortable.ts
var abortable = __webpack_require__(40987);
// EXTERNAL MODULE: ./src/feldera/errors.ts
var errors = __webpack_require__(29210);
// EXTERNAL MODULE: ./src/feldera/body.ts
var body = __webpack_require__(90273);
;// CONCATENATED MODULE: ./src/feldera/logs.ts






/** Reads the pipeline's log stream within `limits` and returns its last lines, each neutralised. */
async function readLogTail(options, path, limits) {
    const url = new URL(path, options.baseUrl);
    const stop = new AbortController();
    const signal = (0,abortable/* ownBudget */.As)(limits.totalMs, options.signal, stop.signal);
    // A time limit, the read's or the caller's, that cuts the read: what was read is the tail, maybe nothing.
    const timedOut = () => signal.reason?.name === 'TimeoutError';
    const response = await (0,undici.fetch)(url, {
        headers: await (0,http/* requestHeaders */.A1)(options, 'text/plain', signal),
        dispatcher: options.dispatcher,
        signal,
        redirect: 'manual',
    }).catch((error) => {
        if (timedOut())
            return undefined;
        throw error;
    });
    if (!response)
        return { lines: [], truncated: false };
    const secrets = options.credentials.secrets();
    if (response.status !== 200 || !response.body) {
        const text = await (0,body/* readExcerpt */.S)(response, secrets).catch(() => '');
        const message = `GET ${url.href} failed: ${response.status} ${(0,text_text/* serverText */.Tn)(text, secrets, 200)}`;
        throw new errors/* FelderaError */.kP('not-feldera', 'UnexpectedResponse', message, { status: response.status });
    }
    const lines = [];
    let dropped = false;
    let partial = '';
    let bytes = 0;
    const keep = (line) => {
        lines.push((0,text_text/* serverText */.Tn)(line, secrets, 1000));
        if (lines.length > limits.maxLines) {
            lines.shift();
            dropped = true;
        }
    };
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    const deadline = performance.now() + limits.totalMs;
    try {
        while (bytes < limits.maxBytes) {
            const leftMs = deadline - performance.now();
            const chunk = await readWithin(reader, Math.max(0, lines.length > 0 || partial ? Math.min(limits.idleMs, leftMs) : leftMs));
            if (!chunk)
                break;
            bytes += chunk.byteLength;
            const complete = (partial + decoder.decode(chunk, { stream: true })).split('\n');
            partial = complete.pop() ?? '';
            complete.forEach(keep);
        }
    }
    catch (error) {
        if (!timedOut() && lines.length === 0 && !partial)
            throw options.signal.aborted ? options.signal.reason : error;
    }
    finally {
        stop.abort();
    }
    if (partial)
        keep(partial);
    return { lines, truncated: dropped };
}
/** The next chunk, or `undefined` at the end of the stream or after `ms` without one. */
async function readWithin(reader, ms) {
    const idle = (0,abortable/* ownBudget */.As)(ms);
    try {
        const result = await (0,abortable/* raceAbort */.Mu)(reader.read(), idle);
        return result.done ? undefined : result.value;
    }
    catch (error) {
        if ((0,abortable/* endedBy */.mr)(idle, error))
            return undefined;
        throw error;
    }
}

// EXTERNAL MODULE: ./src/feldera/stats.ts
var stats = __webpack_require__(12598);
// EXTERNAL MODULE: ./src/feldera/status.ts
var feldera_status = __webpack_require__(54135);
// EXTERNAL MODULE: ./src/feldera/support-bundle.ts
var support_bundle = __webpack_require__(51811);
// EXTERNAL MODULE: ./src/feldera/bounded-json.ts + 1 modules
var bounded_json = __webpack_require__(41907);
;// CONCATENATED MODULE: ./src/feldera/client.ts










/** A program is read whole up to this size; a larger one is refused rather than cut. */
const PROGRAM_LIMITS = { ...bounded_json/* JSON_LIMITS */.s7, maxString: 32 << 20, maxKept: 96 << 20 };
const CUT = /…\[cut: [^\]]+\]$/;
/** The program fields of `selector=all`, kept as they are: they are sent back as they were (a rollback). */
function pipelineProgram(body, path) {
    const record = (0,json/* isObject */.G)(body) ? body : {};
    const text = (field) => {
        const value = record[field];
        if (value === null || value === undefined)
            return '';
        if (typeof value !== 'string' || CUT.test(value))
            throw new errors/* FelderaError */.kP('not-feldera', 'UnexpectedResponse', `GET ${path}: ${field} is not a whole string.`);
        return value;
    };
    const version = record.program_version;
    return {
        program_code: text('program_code'),
        udf_rust: text('udf_rust'),
        udf_toml: text('udf_toml'),
        program_version: typeof version === 'number' ? version : 0,
    };
}
/** The pipeline manager's calls for one pipeline (API.md section 1). */
class PipelineClient {
    http;
    pipelineName;
    path;
    statuses;
    /**
     * The next status read is this client's own: a shared list may be older than the call that came
     * just before, answered or refused. The first read, before any call, may come from the list.
     */
    ownRead = false;
    /** When this client's last own read was sent: a list asked for before it is older than what the run has seen. */
    ownReadAt = -Infinity;
    /** `statuses`: read the status from one list of all pipelines, shared with other clients. */
    constructor(http, pipelineName, statuses) {
        this.http = http;
        this.pipelineName = pipelineName;
        this.statuses = statuses;
        this.path = `v0/pipelines/${encodeURIComponent(pipelineName)}`;
    }
    async dismissError(retry) {
        await (0,http/* request */.Em)(this.http, 'POST', `${this.path}/dismiss_error`, retry);
    }
    /**
     * Only an error from before this start was dismissed (by `dismissError`), never one it causes.
     * The bootstrap flags are always sent: a repeat start compares them with the first one's.
     */
    async start(initial, bootstrap, retry) {
        const query = new URLSearchParams({
            initial,
            bootstrap_policy: bootstrap.policy,
            ...bootstrapFlags(bootstrap),
            dismiss_error: 'false',
        });
        this.ownRead = true;
        await (0,http/* request */.Em)(this.http, 'POST', `${this.path}/start?${query.toString()}`, retry);
    }
    /**
     * `/pause`, `/resume` and `/activate` set the pipeline process's own desired status: the manager
     * forwards them, and answers 503 while there is no process to forward to (API.md 1.2).
     */
    async pause(retry) {
        this.ownRead = true;
        await (0,http/* request */.Em)(this.http, 'POST', `${this.path}/pause`, retry);
    }
    async resume(retry) {
        this.ownRead = true;
        await (0,http/* request */.Em)(this.http, 'POST', `${this.path}/resume`, retry);
    }
    /** Out of standby, into `initial`; Feldera Enterprise only (the community edition answers 501 EnterpriseFeature). */
    async activate(initial, retry) {
        this.ownRead = true;
        await (0,http/* request */.Em)(this.http, 'POST', `${this.path}/activate?${new URLSearchParams({ initial }).toString()}`, retry);
    }
    /**
     * `force=true` by default: a graceful stop (a checkpoint first) is Enterprise-only and can hang on an
     * open transaction (API.md 1.4, 8); an update that keeps the state asks for it.
     */
    async stop(retry, force = true) {
        this.ownRead = true;
        await (0,http/* request */.Em)(this.http, 'POST', `${this.path}/stop?force=${String(force)}`, retry);
    }
    /**
     * The configured program, whole (a program cut by the reader's limits must never be compared or
     * restored), with the status; null when there is no such pipeline.
     */
    async program(retry) {
        let body;
        try {
            body = await (0,http/* request */.Em)(this.http, 'GET', `${this.path}?selector=all`, retry, { limits: PROGRAM_LIMITS });
        }
        catch (error) {
            if (error instanceof errors/* FelderaError */.kP && error.code === 'UnknownPipelineName')
                return null;
            throw error;
        }
        this.ownRead = false;
        return { program: pipelineProgram(body, this.path), status: (0,feldera_status/* pipelineStatus */.p)(body, this.secrets()) };
    }
    /** `PATCH`: only the fields given change; Feldera refuses a change of the program unless the pipeline is Stopped. */
    async update(fields, retry) {
        this.ownRead = true;
        await (0,http/* request */.Em)(this.http, 'PATCH', this.path, retry, { json: fields });
    }
    /** `PUT` of a pipeline that does not exist: created with these fields and Feldera's defaults for the rest. */
    async create(fields, retry) {
        this.ownRead = true;
        await (0,http/* request */.Em)(this.http, 'PUT', this.path, retry, { json: { name: this.pipelineName, ...fields } });
    }
    /** The pipeline takes the flags of the approve as they are, not those of the start. */
    async approve(bootstrap, retry) {
        await (0,http/* request */.Em)(this.http, 'POST', `${this.path}/approve?${new URLSearchParams(bootstrapFlags(bootstrap)).toString()}`, retry);
    }
    async status(retry) {
        if (this.statuses && !this.ownRead)
            return this.statuses.status(this.pipelineName, retry, this.ownReadAt);
        this.ownRead = false;
        this.ownReadAt = performance.now();
        const body = await (0,http/* request */.Em)(this.http, 'GET', `${this.path}?selector=status`, retry);
        return (0,feldera_status/* pipelineStatus */.p)(body, this.secrets());
    }
    /** The compiler's messages: only `selector=all` has them (API.md 3). */
    async programError(retry) {
        const body = (await (0,http/* request */.Em)(this.http, 'GET', `${this.path}?selector=all`, retry));
        return programError(body?.program_error, this.secrets());
    }
    /** The connectors' health and counters, with their recent errors; 503 until the pipeline process is up. */
    async stats(retry) {
        const body = await (0,http/* request */.Em)(this.http, 'GET', `${this.path}/stats?include_connector_errors=true`, retry);
        return (0,stats/* controllerStatus */.tr)(body, this.secrets());
    }
    /** `follow=false`: since Feldera 0.375 the stream ends after the buffered lines; older ones ignore it. */
    logs(limits) {
        return readLogTail(this.http, `${this.path}/logs?follow=false`, limits);
    }
    /**
     * The manager's monitor events, newest first (Feldera 0.292 and later; older ones answer an empty
     * 404). Only those recorded since `sinceMs`, on Feldera's clock, are kept of the ~720 it lists.
     */
    async events(sinceMs, retry) {
        const body = await (0,http/* request */.Em)(this.http, 'GET', `${this.path}/events?selector=status`, retry, {
            keepItem: (item) => recordedSince(item, sinceMs),
        });
        return pipelineEvents(body, this.secrets());
    }
    /** Into `file`; each part left out is sent as `false`, as Feldera takes every part by default. */
    supportBundle(parts, allParts, file, limits) {
        const query = new URLSearchParams(allParts.filter((part) => parts && !parts.includes(part)).map((part) => [part, 'false']));
        return (0,support_bundle/* downloadSupportBundle */.m)(this.http, `${this.path}/support_bundle${query.size > 0 ? `?${query.toString()}` : ''}`, file, limits);
    }
    /**
     * What `programCode`, compiled with `runtimeVersion` (else the platform's runtime), would change
     * against the pipeline's configured program; changes nothing (Feldera 0.324 and later).
     */
    async diff(programCode, runtimeVersion, retry) {
        const json = { program_code: programCode, ...(runtimeVersion ? { runtime_version: runtimeVersion } : {}) };
        const body = await (0,http/* request */.Em)(this.http, 'POST', `${this.path}/diff`, retry, { json });
        const diff = (0,feldera_status/* pipelineDiff */._)(body, this.secrets());
        if (!diff)
            throw new errors/* FelderaError */.kP('not-feldera', 'UnexpectedResponse', `POST ${this.path}/diff answered something that is not a PipelineDiff: is api-url the Feldera API?`);
        return diff;
    }
    /**
     * The compiler's messages about a proposed program, from `/diff`'s InvalidNewProgramSql: its
     * `details.error` holds them as JSON text (api/endpoints/pipeline_management.rs). Null when they
     * cannot be read (cut for its length, say).
     */
    proposalErrors(error) {
        const text = (0,json/* isObject */.G)(error.details) ? error.details.error : undefined;
        let messages;
        try {
            messages = typeof text === 'string' ? JSON.parse(text) : undefined;
        }
        catch {
            return null;
        }
        return Array.isArray(messages)
            ? programError({ sql_compilation: { exit_code: 1, messages } }, this.secrets())
            : null;
    }
    /** The same calls with another time limit per request: a `/diff` compiles the program it is sent. */
    withRequestTimeout(requestTimeoutMs) {
        return new PipelineClient({ ...this.http, requestTimeoutMs }, this.pipelineName);
    }
    /** The same calls under another signal: follow-up reads after the run's budget is spent. */
    withSignal(signal) {
        return new PipelineClient({ ...this.http, signal }, this.pipelineName);
    }
    secrets() {
        return this.http.credentials.secrets();
    }
}
function bootstrapFlags(bootstrap) {
    return { silent_bootstrap: String(bootstrap.silent), concurrent_bootstrap: String(bootstrap.concurrent) };
}
/**
 * `program_error`, with its text left multi-line (snippets, cargo output): whoever prints it must
 * neutralise each line. Only the key is taken out here.
 */
function programError(value, secrets) {
    if (!(0,json/* isObject */.G)(value))
        return null;
    const text = (value) => (0,text_text/* redact */.E$)(typeof value === 'string' ? value : '', secrets);
    const number = (n) => (typeof n === 'number' && Number.isFinite(n) ? n : 0);
    const sql = (0,json/* isObject */.G)(value.sql_compilation) ? value.sql_compilation : null;
    const rust = (0,json/* isObject */.G)(value.rust_compilation) ? value.rust_compilation : null;
    return {
        sql_compilation: sql && {
            exit_code: number(sql.exit_code),
            messages: (Array.isArray(sql.messages) ? sql.messages : []).filter(json/* isObject */.G).map((message) => ({
                start_line_number: number(message.start_line_number),
                start_column: number(message.start_column),
                end_line_number: number(message.end_line_number),
                end_column: number(message.end_column),
                warning: message.warning === true,
                error_type: text(message.error_type),
                message: text(message.message),
                snippet: typeof message.snippet === 'string' ? text(message.snippet) : null,
            })),
        },
        rust_compilation: rust && {
            exit_code: number(rust.exit_code),
            stdout: text(rust.stdout),
            stderr: text(rust.stderr),
        },
        system_error: typeof value.system_error === 'string' ? text(value.system_error) : null,
    };
}


/***/ }),

/***/ 77947:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _g: () => (/* binding */ apiKeyCredentials),
/* harmony export */   oA: () => (/* binding */ CredentialError),
/* harmony export */   zw: () => (/* binding */ NO_CREDENTIALS)
/* harmony export */ });
/**
 * No token could be had. `transient`: one was had before, so the source works and may again (a blip
 * of the runner's token service during a long wait); otherwise the step cannot authenticate at all.
 */
class CredentialError extends Error {
    code;
    transient;
    constructor(code, message, transient) {
        super(message);
        this.name = 'CredentialError';
        this.code = code;
        this.transient = transient;
    }
}
const NO_CREDENTIALS = {
    token: async () => undefined,
    renew: async () => false,
    secrets: () => [],
};
function apiKeyCredentials(apiKey) {
    return { token: async () => apiKey, renew: async () => false, secrets: () => [apiKey] };
}


/***/ }),

/***/ 29210:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $z: () => (/* binding */ hintOf),
/* harmony export */   CR: () => (/* binding */ isErrorResponse),
/* harmony export */   N_: () => (/* binding */ TransientError),
/* harmony export */   kP: () => (/* binding */ FelderaError)
/* harmony export */ });
/**
 * A request that failed for good. `message` reads well inside another sentence and names the
 * request; server text in it is already neutralised. `hint` is Feldera's `details.hint`; the
 * action adds its own hints, in its own words, where Feldera has none.
 */
class FelderaError extends Error {
    code;
    kind;
    status;
    hint;
    /** Feldera's `details`, as it sent them (not neutralised): for the caller that reads a field of them. */
    details;
    constructor(kind, code, message, options = {}) {
        super(message);
        this.name = 'FelderaError';
        this.kind = kind;
        this.code = code;
        this.status = options.status;
        this.hint = options.hint;
        this.details = options.details;
    }
}
/** A failure worth another attempt: a network error, a timeout, 408/429/502/503/504, a body that is not JSON. */
class TransientError extends Error {
    /** Feldera's `error_code` when the body was Feldera's (a 503 `LockTookTooLong`, say). */
    code;
    retryAfterMs;
    constructor(message, code, retryAfterMs) {
        super(message);
        this.name = 'TransientError';
        this.code = code;
        this.retryAfterMs = retryAfterMs;
    }
}
function isErrorResponse(body) {
    return (typeof body === 'object' &&
        body !== null &&
        typeof body.message === 'string' &&
        typeof body.error_code === 'string');
}
/** `details.hint`, which Feldera sets on some errors (`IllegalPipelineAction`). */
function hintOf(error) {
    const details = error.details;
    return typeof details?.hint === 'string' ? details.hint : undefined;
}


/***/ }),

/***/ 6965:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A1: () => (/* binding */ requestHeaders),
/* harmony export */   Em: () => (/* binding */ request)
/* harmony export */ });
/* unused harmony exports errorDescription, retryAfterMs */
/* harmony import */ var undici__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(46752);
/* harmony import */ var _text_text_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(98544);
/* harmony import */ var _abortable_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(40987);
/* harmony import */ var _body_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(90273);
/* harmony import */ var _credentials_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(77947);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(29210);






const TRANSIENT_STATUSES = new Set([408, 429, 502, 503, 504]);
const BACKOFF_BASE_MS = 1000;
const BACKOFF_CAP_MS = 30_000;
/** fda's longest wait between attempts: a server's Retry-After is obeyed up to this. */
const RETRY_AFTER_CAP_MS = 60_000;
const MIN_ATTEMPT_MS = 1000;
/**
 * One JSON request to the pipeline manager, retried by error class inside its window. The answer is
 * read whatever its size, with its long strings cut (bounded-json.ts); `keepItem` keeps only some
 * items of an answer that is a list; `json` is sent as the request's body.
 */
async function request(options, method, path, retry, extra = {}) {
    const url = new URL(path, options.baseUrl);
    const started = performance.now();
    let renewed = false;
    for (let attempt = 1;; attempt++) {
        // An attempt outlasts the window by a second at most: a host that never answers fails within it too.
        const windowLeftMs = retry.windowMs - (performance.now() - started);
        const timeoutMs = Math.ceil(Math.min(options.requestTimeoutMs, Math.max(MIN_ATTEMPT_MS, windowLeftMs)));
        const result = await attemptOnce(options, method, url, timeoutMs, extra);
        const elapsedMs = performance.now() - started;
        if ('body' in result) {
            if (attempt > 1)
                retry.onRecovered?.(attempt, elapsedMs);
            return result.body;
        }
        if ('failure' in result) {
            // A token that expired or was refused: one new token, one more try.
            if (result.failure.status === 401 && !renewed && (await options.credentials.renew(options.signal))) {
                renewed = true;
                continue;
            }
            throw result.failure;
        }
        const failure = result.transient;
        const leftMs = retry.windowMs - elapsedMs;
        if (leftMs <= 0) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .FelderaError */ .kP('gave-up', failure.code ?? 'Unreachable', `${method} ${url.href} failed ${attempt === 1 ? 'once' : `${attempt} times`} in ${(0,_text_text_js__WEBPACK_IMPORTED_MODULE_4__/* .formatDuration */ .a3)(elapsedMs)}; the last: ${failure.message}`);
        }
        // Full jitter keeps many runners from retrying in step. A Retry-After makes the wait longer, never
        // shorter: `Retry-After: 0` on every answer must not turn the retries into a busy loop.
        const backoffMs = Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
        const delayMs = Math.min(Math.max(failure.retryAfterMs ?? 0, backoffMs), leftMs);
        retry.onRetry?.(failure, delayMs, attempt);
        await (0,_abortable_js__WEBPACK_IMPORTED_MODULE_5__/* .sleep */ .yy)(delayMs, options.signal);
    }
}
async function attemptOnce(options, method, url, timeoutMs, { keepItem, json, limits }) {
    // undici's dispatcher timeouts bound each phase, not the whole request: a signal does.
    const signal = (0,_abortable_js__WEBPACK_IMPORTED_MODULE_5__/* .ownBudget */ .As)(timeoutMs, options.signal);
    const sentAt = performance.now();
    let secrets;
    let read;
    let response;
    try {
        const headers = await requestHeaders(options, 'application/json', signal);
        if (json !== undefined)
            headers['content-type'] = 'application/json';
        // Every token given out so far, the one just sent included.
        secrets = options.credentials.secrets();
        response = await (0,undici__WEBPACK_IMPORTED_MODULE_0__.fetch)(url, {
            method,
            headers,
            body: json === undefined ? undefined : JSON.stringify(json),
            dispatcher: options.dispatcher,
            signal,
            // A redirect would carry the key to wherever it points: refuse it and say where it pointed.
            redirect: 'manual',
        });
        // A body that never ends ends with the request's timeout.
        read = await (0,_body_js__WEBPACK_IMPORTED_MODULE_1__/* .readJson */ .V)(response, { secrets, keepItem, ...(limits ? { limits } : {}) });
    }
    catch (error) {
        if (options.signal.aborted)
            throw options.signal.reason;
        // Not the run's end: the attempt's own time limit.
        if (signal.aborted)
            return { transient: new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .TransientError */ .N_(`no complete answer within ${(0,_text_text_js__WEBPACK_IMPORTED_MODULE_4__/* .formatDuration */ .a3)(timeoutMs)}`) };
        if (error instanceof _credentials_js__WEBPACK_IMPORTED_MODULE_2__/* .CredentialError */ .oA) {
            if (error.transient)
                return { transient: new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .TransientError */ .N_(error.message) };
            throw error;
        }
        const cause = rootCause(error);
        // A refused certificate does not heal by itself: say so now rather than after the retry window.
        if (CERTIFICATE_ERROR.test(String(cause.code))) {
            const message = `${method} ${url.href} failed: the server's certificate was refused (${describeCause(cause)}).`;
            return { failure: new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .FelderaError */ .kP('certificate', 'Unreachable', message) };
        }
        return { transient: new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .TransientError */ .N_(describeCause(cause)) };
    }
    options.debug(`${method} ${url.href} → ${response.status} in ${Math.round(performance.now() - sentAt)}ms`);
    return answerOf(method, url, response, read, secrets);
}
/** What an answer that came whole means: its JSON, a transient failure to retry, or a final one. */
function answerOf(method, url, response, read, secrets) {
    const status = response.status;
    const body = read.json;
    const retryAfter = retryAfterMs(response.headers.get('retry-after'));
    if (status >= 200 && status < 300) {
        if (body !== undefined)
            return { body };
        return {
            transient: new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .TransientError */ .N_(`${status} with a body that is not JSON: ${(0,_text_text_js__WEBPACK_IMPORTED_MODULE_4__/* .serverText */ .Tn)(read.head, secrets, 200) || '(empty)'}`),
        };
    }
    if ((0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .isErrorResponse */ .CR)(body)) {
        const code = (0,_text_text_js__WEBPACK_IMPORTED_MODULE_4__/* .serverText */ .Tn)(body.error_code, secrets, 100);
        const described = `${method} ${url.href} failed: ${status} ${code}: ${(0,_text_text_js__WEBPACK_IMPORTED_MODULE_4__/* .serverText */ .Tn)(body.message, secrets)}`;
        if (TRANSIENT_STATUSES.has(status))
            return { transient: new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .TransientError */ .N_(described, code, retryAfter) };
        const hint = (0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .hintOf */ .$z)(body);
        return {
            failure: new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .FelderaError */ .kP('feldera', code, described, {
                status,
                hint: hint && (0,_text_text_js__WEBPACK_IMPORTED_MODULE_4__/* .serverText */ .Tn)(hint, secrets),
                details: body.details,
            }),
        };
    }
    // Not Feldera's JSON: a proxy or load balancer answered, or a body was cut short.
    const excerpt = (0,_text_text_js__WEBPACK_IMPORTED_MODULE_4__/* .serverText */ .Tn)(read.head, secrets, 200) || '(empty body)';
    if (status >= 500 || TRANSIENT_STATUSES.has(status)) {
        return {
            transient: new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .TransientError */ .N_(`${status} from ${url.host}, not Feldera's JSON: ${excerpt}`, undefined, retryAfter),
        };
    }
    if (status >= 300 && status < 400) {
        const location = (0,_text_text_js__WEBPACK_IMPORTED_MODULE_4__/* .serverText */ .Tn)(response.headers.get('location') ?? '(none)', secrets, 300);
        const message = `${method} ${url.href} was redirected (${status}) to ${location}; redirects are not followed.`;
        return { failure: new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .FelderaError */ .kP('redirect', 'UnexpectedResponse', message, { status }) };
    }
    // A bare 401 is the auth layer's refusal of a token (auth.rs): why is in its challenge, if anywhere.
    const refused = status === 401 ? errorDescription(response.headers.get('www-authenticate')) : undefined;
    const message = refused
        ? `${method} ${url.href} failed: 401, Feldera refused the token: "${(0,_text_text_js__WEBPACK_IMPORTED_MODULE_4__/* .serverText */ .Tn)(refused, secrets, 300)}"`
        : `${method} ${url.href} failed: ${status}, and the body is not Feldera's: ${excerpt}`;
    return {
        failure: new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .FelderaError */ .kP('not-feldera', status === 401 ? 'AuthenticationFailed' : 'UnexpectedResponse', message, {
            status,
        }),
    };
}
/** The headers of every request: what is accepted, the bearer token, the tenant. */
async function requestHeaders(options, accept, signal) {
    const headers = { accept };
    const token = await options.credentials.token(signal);
    if (token)
        headers.authorization = `Bearer ${token}`;
    if (options.tenant)
        headers['feldera-tenant'] = options.tenant;
    return headers;
}
/** `error_description` of a `WWW-Authenticate: Bearer …` challenge (RFC 6750), unquoted. */
function errorDescription(challenge) {
    const quoted = /\berror_description="((?:[^"\\]|\\.)*)"/.exec(challenge ?? '')?.[1];
    return quoted?.replace(/\\(.)/g, '$1');
}
/** `Retry-After` in seconds or as an HTTP date, up to a minute. */
function retryAfterMs(header) {
    if (header === null)
        return undefined;
    const value = header.trim();
    const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - Date.now();
    return Number.isNaN(ms) ? undefined : Math.min(RETRY_AFTER_CAP_MS, Math.max(0, ms));
}
const CERTIFICATE_ERROR = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/;
/** undici says `fetch failed`; the cause says why (ECONNREFUSED 127.0.0.1:9, ENOTFOUND, a reset). */
function rootCause(error) {
    const cause = error instanceof Error && error.cause ? error.cause : error;
    return cause instanceof AggregateError && cause.errors.length > 0 ? cause.errors[0] : cause;
}
function describeCause(cause) {
    if (!(cause instanceof Error))
        return String(cause);
    const code = cause.code;
    const text = (0,_text_text_js__WEBPACK_IMPORTED_MODULE_4__/* .serverText */ .Tn)(cause.message, [], 300);
    return typeof code === 'string' && !text.includes(code) ? `${code}: ${text}` : text;
}


/***/ }),

/***/ 94351:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ isObject)
/* harmony export */ });
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);


/***/ }),

/***/ 36686:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ readPlatform),
/* harmony export */   d: () => (/* binding */ describePlatform)
/* harmony export */ });
/* harmony import */ var _text_text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(98544);
/* harmony import */ var _abortable_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(40987);
/* harmony import */ var _http_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6965);



/** The read must never hold the step: it gets this long, and the run's end ends it sooner. */
const PLATFORM_READ_MS = 5000;
/**
 * Reads `/v0/config` beside the start, for the report. Older servers, proxies and every failure
 * give `undefined`, silently. It never renews the credential: the start's requests do that.
 */
async function readPlatform(http) {
    const options = {
        ...http,
        signal: (0,_abortable_js__WEBPACK_IMPORTED_MODULE_1__/* .ownBudget */ .As)(PLATFORM_READ_MS, http.signal),
        requestTimeoutMs: Math.min(http.requestTimeoutMs, PLATFORM_READ_MS),
        credentials: { ...http.credentials, renew: async () => false },
    };
    try {
        const body = (await (0,_http_js__WEBPACK_IMPORTED_MODULE_0__/* .request */ .Em)(options, 'GET', 'v0/config', { windowMs: PLATFORM_READ_MS }));
        const secrets = http.credentials.secrets();
        if (typeof body?.edition !== 'string' || typeof body.version !== 'string')
            return undefined;
        return { edition: (0,_text_text_js__WEBPACK_IMPORTED_MODULE_2__/* .serverText */ .Tn)(body.edition, secrets, 40), version: (0,_text_text_js__WEBPACK_IMPORTED_MODULE_2__/* .serverText */ .Tn)(body.version, secrets, 40) };
    }
    catch {
        return undefined;
    }
}
/** The Feldera versions this action is tested with (README, Feldera versions tested). */
const TESTED_VERSIONS = { oldest: '0.300.0', newest: '0.375.0' };
/** `0.337.0, Enterprise (tested: 0.300.0 to 0.375.0)`: which Feldera answered, and whether it is among the versions tested. */
function describePlatform(platform) {
    const range = `${TESTED_VERSIONS.oldest} to ${TESTED_VERSIONS.newest}`;
    const tested = compareVersions(platform.version, TESTED_VERSIONS.oldest) >= 0 &&
        compareVersions(platform.version, TESTED_VERSIONS.newest) <= 0;
    return `${platform.version}, ${platform.edition} (${tested ? `tested: ${range}` : `not tested: this action is tested with ${range}`})`;
}
/** Release numbers compared part by part; a part that is not a number (`0.380.0+enterprise`'s suffix) ends the comparison. */
function compareVersions(a, b) {
    const parts = (version) => version.split(/[.+-]/).slice(0, 3).map(Number);
    const [left, right] = [parts(a), parts(b)];
    for (let i = 0; i < 3; i++) {
        const difference = (left[i] ?? 0) - (right[i] ?? 0);
        if (Number.isNaN(difference))
            return NaN;
        if (difference !== 0)
            return difference;
    }
    return 0;
}


/***/ }),

/***/ 12598:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   k$: () => (/* binding */ MAX_ENDPOINTS),
/* harmony export */   tr: () => (/* binding */ controllerStatus)
/* harmony export */ });
/* unused harmony export MAX_ERRORS_KEPT */
/* harmony import */ var _text_text_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(98544);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(29210);
/* harmony import */ var _bounded_json_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(41907);
/* harmony import */ var _json_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(94351);




/** Endpoints kept of each direction: far more than a pipeline has, few enough for the outputs. */
const MAX_ENDPOINTS = 1000;
/** Errors kept of each list (Feldera sends up to 100 per tag, oldest first): the newest are the ones told. */
const MAX_ERRORS_KEPT = 3;
/** A field of the server's object itself, never one inherited (`__proto__`, `constructor`). */
const field = (record, name) => (Object.hasOwn(record, name) ? record[name] : undefined);
const count = (value) => typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
/**
 * Checks the body's shape and neutralises every string of the server's once, here. Only the three
 * required parts must be there; a field of the wrong type reads as absent, so that a newer or older
 * Feldera still gives the action what it can.
 */
function controllerStatus(body, secrets) {
    const record = (0,_json_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G)(body) ? body : {};
    const global = field(record, 'global_metrics');
    const inputs = field(record, 'inputs');
    const outputs = field(record, 'outputs');
    if (!(0,_json_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G)(global) || !Array.isArray(inputs) || !Array.isArray(outputs)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .FelderaError */ .kP('not-feldera', 'UnexpectedResponse', "The pipeline's statistics lack global_metrics, inputs or outputs: is api-url the Feldera API?");
    }
    const text = (value, maxLength) => typeof value === 'string' ? (0,_text_text_js__WEBPACK_IMPORTED_MODULE_3__/* .serverText */ .Tn)(value, secrets, maxLength) : '';
    const nullableText = (value) => typeof value === 'string' ? (0,_text_text_js__WEBPACK_IMPORTED_MODULE_3__/* .serverText */ .Tn)(value, secrets) : null;
    const health = (value) => (0,_json_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G)(value) && typeof field(value, 'status') === 'string'
        ? { status: text(field(value, 'status'), 40), description: nullableText(field(value, 'description')) }
        : null;
    const errors = (value) => Array.isArray(value)
        ? value
            .slice(-MAX_ERRORS_KEPT)
            .filter(_json_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G)
            .map((error) => ({ timestamp: text(field(error, 'timestamp'), 40), message: text(field(error, 'message')) }))
        : null;
    const endpoint = (value) => {
        const config = field(value, 'config');
        return {
            endpoint_name: text(field(value, 'endpoint_name'), 200),
            config: { stream: (0,_json_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G)(config) ? text(field(config, 'stream'), 200) : '' },
            health: health(field(value, 'health')),
            fatal_error: nullableText(field(value, 'fatal_error')),
            transport_errors: errors(field(value, 'transport_errors')),
        };
    };
    const metrics = (value) => {
        const metrics = field(value, 'metrics');
        return (0,_json_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G)(metrics) ? metrics : {};
    };
    const keptInputs = inputs.slice(0, MAX_ENDPOINTS).filter(_json_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G);
    const keptOutputs = outputs.slice(0, MAX_ENDPOINTS).filter(_json_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G);
    return {
        global_metrics: globalMetrics(global, text),
        inputs: keptInputs.map((input) => ({
            ...endpoint(input),
            paused: field(input, 'paused') === true,
            metrics: {
                total_records: count(field(metrics(input), 'total_records')),
                num_transport_errors: count(field(metrics(input), 'num_transport_errors')),
                num_parse_errors: count(field(metrics(input), 'num_parse_errors')),
                end_of_input: field(metrics(input), 'end_of_input') === true,
            },
            parse_errors: errors(field(input, 'parse_errors')),
        })),
        outputs: keptOutputs.map((output) => ({
            ...endpoint(output),
            paused: field(output, 'paused') === true,
            metrics: {
                transmitted_records: count(field(metrics(output), 'transmitted_records')),
                num_transport_errors: count(field(metrics(output), 'num_transport_errors')),
                num_encode_errors: count(field(metrics(output), 'num_encode_errors')),
            },
            encode_errors: errors(field(output, 'encode_errors')),
        })),
        // The reader may have skipped endpoints of a huge list already: they count too.
        omitted_endpoints: Math.max(0, inputs.length + (0,_bounded_json_js__WEBPACK_IMPORTED_MODULE_1__/* .droppedItems */ .dV)(inputs) - MAX_ENDPOINTS) +
            Math.max(0, outputs.length + (0,_bounded_json_js__WEBPACK_IMPORTED_MODULE_1__/* .droppedItems */ .dV)(outputs) - MAX_ENDPOINTS),
    };
}
function globalMetrics(global, text) {
    const progress = (value) => (0,_json_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G)(value)
        ? {
            completed: count(field(value, 'completed')),
            in_progress: count(field(value, 'in_progress')),
            remaining: count(field(value, 'remaining')),
            in_progress_processed_records: count(field(value, 'in_progress_processed_records')),
            in_progress_total_records: count(field(value, 'in_progress_total_records')),
        }
        : null;
    return {
        state: text(field(global, 'state'), 40),
        bootstrap_in_progress: field(global, 'bootstrap_in_progress') === true,
        concurrent_bootstrap_phase: text(field(global, 'concurrent_bootstrap_phase'), 40) || 'Inactive',
        commit_progress: progress(field(global, 'commit_progress')),
        concurrent_bootstrap_progress: progress(field(global, 'concurrent_bootstrap_progress')),
        incarnation_uuid: text(field(global, 'incarnation_uuid'), 100),
        total_input_records: count(field(global, 'total_input_records')),
        total_processed_records: count(field(global, 'total_processed_records')),
        output_stall_msecs: count(field(global, 'output_stall_msecs')),
        pipeline_complete: field(global, 'pipeline_complete') === true,
    };
}


/***/ }),

/***/ 54135:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ pipelineDiff),
/* harmony export */   p: () => (/* binding */ pipelineStatus)
/* harmony export */ });
/* harmony import */ var _text_text_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(98544);
/* harmony import */ var _bounded_json_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(41907);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(29210);
/* harmony import */ var _json_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(94351);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(73844);
// A pipeline's status as the step relies on it: the fields checked, the server's strings made inert once.





const STATUS_FIELDS = ['name', 'program_status', 'deployment_status', 'deployment_desired_status'];
/** Checks the fields the action relies on and neutralises the server's strings once, here. */
function pipelineStatus(body, secrets) {
    const record = (typeof body === 'object' && body !== null ? body : {});
    const missing = STATUS_FIELDS.filter((field) => typeof record[field] !== 'string');
    if (missing.length > 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .FelderaError */ .kP('not-feldera', 'UnexpectedResponse', `The pipeline's status lacks ${missing.join(', ')}: is api-url the Feldera API?`);
    }
    const text = (field) => (typeof record[field] === 'string' ? (0,_text_text_js__WEBPACK_IMPORTED_MODULE_3__/* .serverText */ .Tn)(record[field], secrets, 100) : '');
    const error = record.deployment_error;
    return {
        name: text('name'),
        program_status: text('program_status'),
        deployment_status: text('deployment_status'),
        deployment_status_since: text('deployment_status_since'),
        deployment_desired_status: text('deployment_desired_status'),
        deployment_initial: typeof record.deployment_initial === 'string' ? text('deployment_initial') : null,
        bootstrap: parseBootstrap(record),
        deployment_id: typeof record.deployment_id === 'string' ? text('deployment_id') : null,
        program_version: typeof record.program_version === 'number' ? record.program_version : undefined,
        approval_diff: approvalDiff(record.deployment_runtime_status_details, secrets),
        deployment_error: error && typeof error === 'object'
            ? {
                error_code: (0,_text_text_js__WEBPACK_IMPORTED_MODULE_3__/* .serverText */ .Tn)(typeof error.error_code === 'string' ? error.error_code : '', secrets, 100),
                message: (0,_text_text_js__WEBPACK_IMPORTED_MODULE_3__/* .serverText */ .Tn)(typeof error.message === 'string' ? error.message : '', secrets),
                details: error.details,
            }
            : null,
    };
}
const POLICIES = ['allow', 'reject', 'await_approval'];
/** `bootstrap_policy`, `silent_bootstrap`, `concurrent_bootstrap`: what the last start asked for, when the server says. */
function parseBootstrap(record) {
    const policy = record.bootstrap_policy;
    if (typeof policy !== 'string' || !POLICIES.includes(policy))
        return null;
    return {
        policy: policy,
        silent: record.silent_bootstrap === true,
        concurrent: record.concurrent_bootstrap === true,
    };
}
const names = (value, secrets) => Array.isArray(value)
    ? value.filter((name) => typeof name === 'string').map((name) => (0,_text_text_js__WEBPACK_IMPORTED_MODULE_3__/* .serverText */ .Tn)(name, secrets, 200))
    : [];
/** `details.approval_diff`, or, from servers before Feldera PR #6564, the details object itself. */
function approvalDiff(details, secrets) {
    if (!(0,_json_js__WEBPACK_IMPORTED_MODULE_4__/* .isObject */ .G)(details))
        return null;
    return pipelineDiff('approval_diff' in details ? details.approval_diff : 'program_diff' in details ? details : null, secrets);
}
/** A `PipelineDiff` of Feldera's (an approval's, or `/diff`'s answer), its names made inert; null when it is not an object. */
function pipelineDiff(diff, secrets) {
    if (!(0,_json_js__WEBPACK_IMPORTED_MODULE_4__/* .isObject */ .G)(diff))
        return null;
    const program = (0,_json_js__WEBPACK_IMPORTED_MODULE_4__/* .isObject */ .G)(diff.program_diff) ? diff.program_diff : null;
    // Names of a list too long to keep whole (bounded-json.ts) are counted, so that the counts stay true.
    const omitted = {};
    for (const [list, value] of [
        ..._types_js__WEBPACK_IMPORTED_MODULE_2__/* .NAME_LISTS */ .A.program.map((list) => [list, program?.[list]]),
        ..._types_js__WEBPACK_IMPORTED_MODULE_2__/* .NAME_LISTS */ .A.connectors.map((list) => [list, diff[list]]),
    ]) {
        if (Array.isArray(value) && (0,_bounded_json_js__WEBPACK_IMPORTED_MODULE_0__/* .droppedItems */ .dV)(value) > 0)
            omitted[list] = (0,_bounded_json_js__WEBPACK_IMPORTED_MODULE_0__/* .droppedItems */ .dV)(value);
    }
    return {
        program_diff: program && {
            added_tables: names(program.added_tables, secrets),
            removed_tables: names(program.removed_tables, secrets),
            modified_tables: names(program.modified_tables, secrets),
            added_views: names(program.added_views, secrets),
            removed_views: names(program.removed_views, secrets),
            modified_views: names(program.modified_views, secrets),
        },
        program_diff_error: typeof diff.program_diff_error === 'string' ? (0,_text_text_js__WEBPACK_IMPORTED_MODULE_3__/* .serverText */ .Tn)(diff.program_diff_error, secrets) : null,
        added_input_connectors: names(diff.added_input_connectors, secrets),
        modified_input_connectors: names(diff.modified_input_connectors, secrets),
        removed_input_connectors: names(diff.removed_input_connectors, secrets),
        added_output_connectors: names(diff.added_output_connectors, secrets),
        modified_output_connectors: names(diff.modified_output_connectors, secrets),
        removed_output_connectors: names(diff.removed_output_connectors, secrets),
        ...(Object.keys(omitted).length > 0 ? { omitted_names: omitted } : {}),
    };
}


/***/ }),

/***/ 51811:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ downloadSupportBundle),
/* harmony export */   o: () => (/* binding */ BundleProblem)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(57075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(46466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var undici__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(46752);
/* harmony import */ var _text_text_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(98544);
/* harmony import */ var _abortable_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(40987);
/* harmony import */ var _body_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(90273);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(29210);
/* harmony import */ var _http_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(6965);









/** Why no bundle was written: said in a warning, never a failure of the step. */
class BundleProblem extends Error {
    constructor(message) {
        super(message);
        this.name = 'BundleProblem';
    }
}
/** A ZIP starts with a local file header, or an end of central directory when it is empty. */
const ZIP_MAGIC = [Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('PK\x05\x06', 'latin1')];
/**
 * Streams `GET /support_bundle` into `file` and returns its size. Throws a `BundleProblem` that says
 * why when the answer is an error, not a ZIP, too large, too slow or broken; a cancel (`options.signal`) as it is.
 */
async function downloadSupportBundle(options, path, file, limits) {
    const url = new URL(path, options.baseUrl);
    const signal = (0,_abortable_js__WEBPACK_IMPORTED_MODULE_7__/* .ownBudget */ .As)(limits.totalMs, options.signal);
    const megabytes = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
    let bytes = 0;
    const failed = (error) => {
        if (options.signal.aborted)
            throw options.signal.reason;
        if (error instanceof BundleProblem)
            throw error;
        // Not the caller's end: the bundle's own budget.
        if (signal.aborted)
            throw new BundleProblem(`GET ${url.href} took longer than ${(0,_text_text_js__WEBPACK_IMPORTED_MODULE_8__/* .formatDuration */ .a3)(limits.totalMs)} (${megabytes(bytes)} read)`);
        const cause = error instanceof Error && error.cause ? error.cause : error;
        throw new BundleProblem(`GET ${url.href} broke after ${megabytes(bytes)}: ${(0,_text_text_js__WEBPACK_IMPORTED_MODULE_8__/* .serverText */ .Tn)((0,_text_text_js__WEBPACK_IMPORTED_MODULE_8__/* .messageOf */ .bD)(cause), [], 300)}`);
    };
    const response = await (0,undici__WEBPACK_IMPORTED_MODULE_3__.fetch)(url, {
        headers: await (0,_http_js__WEBPACK_IMPORTED_MODULE_6__/* .requestHeaders */ .A1)(options, 'application/zip', signal),
        dispatcher: options.dispatcher,
        signal,
        redirect: 'manual',
    }).catch(failed);
    const secrets = options.credentials.secrets();
    if (response.status !== 200 || !response.body) {
        const text = await (0,_body_js__WEBPACK_IMPORTED_MODULE_4__/* .readExcerpt */ .S)(response, secrets).catch(() => '');
        throw new BundleProblem(refusal(`GET ${url.href}`, response.status, text, secrets));
    }
    options.debug(`GET ${url.href} → 200, streaming to ${file}`);
    const length = Number(response.headers.get('content-length') ?? NaN);
    if (length > limits.maxBytes) {
        await response.body.cancel().catch(() => undefined);
        throw new BundleProblem(`the bundle is ${megabytes(length)}, over the limit of ${megabytes(limits.maxBytes)}`);
    }
    const counted = async function* (source) {
        for await (const chunk of source) {
            if (bytes === 0 && !ZIP_MAGIC.some((magic) => chunk.subarray(0, 4).equals(magic))) {
                throw new BundleProblem(`GET ${url.href} answered 200 with something that is not a ZIP: ${(0,_text_text_js__WEBPACK_IMPORTED_MODULE_8__/* .serverText */ .Tn)(chunk.subarray(0, 200).toString('utf8'), secrets, 200)}`);
            }
            bytes += chunk.byteLength;
            if (bytes > limits.maxBytes)
                throw new BundleProblem(`the bundle passed the limit of ${megabytes(limits.maxBytes)}`);
            yield chunk;
        }
    };
    await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_2__.pipeline)(node_stream__WEBPACK_IMPORTED_MODULE_1__.Readable.fromWeb(response.body), counted, (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createWriteStream)(file), {
        signal,
    }).catch(failed);
    if (bytes === 0)
        throw new BundleProblem(`GET ${url.href} answered 200 with an empty body`);
    return bytes;
}
/** An answer other than the bundle: Feldera's error, or a bare 404 from a Feldera without the route. */
function refusal(request, status, text, secrets) {
    let body;
    try {
        body = JSON.parse(text);
    }
    catch {
        body = undefined;
    }
    if ((0,_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .isErrorResponse */ .CR)(body))
        return `${request} failed: ${status} ${(0,_text_text_js__WEBPACK_IMPORTED_MODULE_8__/* .serverText */ .Tn)(body.error_code, secrets, 100)}: ${(0,_text_text_js__WEBPACK_IMPORTED_MODULE_8__/* .serverText */ .Tn)(body.message, secrets)}`;
    if (status === 404 && !text.trim())
        return `${request} answered 404 with an empty body: this Feldera is older than the support bundle`;
    return `${request} failed: ${status} ${(0,_text_text_js__WEBPACK_IMPORTED_MODULE_8__/* .serverText */ .Tn)(text, secrets, 200) || '(empty body)'}`;
}


/***/ }),

/***/ 73844:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ NAME_LISTS)
/* harmony export */ });
// Shapes of the pipeline manager's answers, with the field names and enum spellings of Feldera's
// openapi.json (PipelineSelectedInfo, ErrorResponse). Enums are open (`| string`): Feldera adds
// statuses often, and an unknown one must mean "keep waiting", not a crash.
/** The lists of names of a `PipelineDiff`: those of its `program_diff`, and its own. */
const NAME_LISTS = {
    program: ['added_tables', 'removed_tables', 'modified_tables', 'added_views', 'removed_views', 'modified_views'],
    connectors: [
        'added_input_connectors',
        'modified_input_connectors',
        'removed_input_connectors',
        'added_output_connectors',
        'modified_output_connectors',
        'removed_output_connectors',
    ],
};


/***/ }),

/***/ 75384:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KE: () => (/* binding */ exitWhenFlushed),
/* harmony export */   bp: () => (/* binding */ untrusted),
/* harmony export */   mU: () => (/* binding */ untrustedLines),
/* harmony export */   pq: () => (/* binding */ info),
/* harmony export */   tV: () => (/* binding */ stepLog)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(91659);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _text_text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(98544);



// The one way to the step's plain log. The runner reads workflow commands in plain lines (not in the
// data of its own `::error::`, `::warning::` and `::debug::` commands, which @actions/core escapes),
// so every plain line passes through `inert`, whatever it holds.
function info(line) {
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq((0,_text_text_js__WEBPACK_IMPORTED_MODULE_2__/* .inert */ .tJ)(line));
}
/**
 * Server lines (a log tail, compiler output) in a collapsed group, each behind a bar, and between
 * `stop-commands` and a token no server can know: the runner runs no command among them.
 */
function untrusted(title, lines) {
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .startGroup */ .Oh((0,_text_text_js__WEBPACK_IMPORTED_MODULE_2__/* .inert */ .tJ)(title));
    untrustedLines(lines);
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .endGroup */ .N4();
}
/** The same inside a group already open. */
function untrustedLines(lines) {
    const token = (0,node_crypto__WEBPACK_IMPORTED_MODULE_1__.randomUUID)();
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`::stop-commands::${token}`);
    for (const line of lines)
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq((0,_text_text_js__WEBPACK_IMPORTED_MODULE_2__/* .inert */ .tJ)(`│ ${line}`));
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`::${token}::`);
}
/** @actions/core's output, with every plain line and group title made inert: what a PhaseLog writes to. */
const stepLog = {
    debug: (line) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz(line),
    isDebug: () => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .isDebug */ ._o(),
    info,
    warning: (line, title) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(line, { title }),
    startGroup: (title) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .startGroup */ .Oh((0,_text_text_js__WEBPACK_IMPORTED_MODULE_2__/* .inert */ .tJ)(title)),
    endGroup: () => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .endGroup */ .N4(),
};
/**
 * Exits once everything printed is flushed. A process left to wind down by itself gives signals back
 * to Node's default first, so a cancel then would kill it; and a request the action cannot abort (the
 * toolkit's ID token fetch has no signal) must not keep it alive.
 */
function exitWhenFlushed() {
    process.stdout.write('', () => process.exit());
}


/***/ }),

/***/ 25414:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ PhaseLog),
/* harmony export */   s: () => (/* binding */ PrefixedLog)
/* harmony export */ });
/**
 * The step's log in phases, a collapsed group each. A group opens with its first line, not when its
 * phase begins: a phase that ends without a word (a start refused at once) leaves no empty group.
 */
class PhaseLog {
    writer;
    pending;
    open = false;
    constructor(writer) {
        this.writer = writer;
    }
    /** Ends the group open, if any; the next line opens a group with this title. */
    group(title) {
        this.end();
        this.pending = title;
    }
    /** A debug line opens its phase's group only where the runner shows it: else the group would look empty. */
    debug(line) {
        (this.writer.isDebug() ? this.opened() : this.writer).debug(line);
    }
    info(line) {
        this.opened().info(line);
    }
    detail(line) {
        this.info(line);
    }
    warning(line, title) {
        this.opened().warning(line, title);
    }
    /** Ends the phase: what follows is outside any group. */
    end() {
        this.pending = undefined;
        if (this.open)
            this.writer.endGroup();
        this.open = false;
    }
    opened() {
        if (this.pending !== undefined) {
            this.writer.startGroup(this.pending);
            this.pending = undefined;
            this.open = true;
        }
        return this.writer;
    }
}
/**
 * One pipeline's lines among several pipelines' (issue: several per step): each behind the
 * pipeline's name in brackets, no groups (they would interleave), details kept for a group of the
 * pipeline's own after the waiting.
 */
class PrefixedLog {
    details = [];
    writer;
    prefix;
    constructor(writer, name) {
        this.writer = writer;
        this.prefix = `[${name}] `;
    }
    info(line) {
        this.writer.info(this.prefix + line);
    }
    warning(line, title) {
        this.writer.warning(this.prefix + line, title);
    }
    debug(line) {
        this.writer.debug(this.prefix + line);
    }
    group(title) {
        this.info(title);
    }
    detail(line) {
        this.details.push(line);
    }
    end() {
        // No group is open: the lines are flat.
    }
}


/***/ }),

/***/ 58762:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Pp: () => (/* binding */ diffLines),
/* harmony export */   Xw: () => (/* binding */ diffChanges),
/* harmony export */   xS: () => (/* binding */ countChanges)
/* harmony export */ });
/* harmony import */ var _text_markdown_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(86590);

/** The changes of a `PipelineDiff` that are not empty, tables first. */
function diffChanges(diff) {
    const program = diff.program_diff;
    const change = (what, change, list, names) => ({
        what,
        change,
        names: names ?? [],
        count: (names?.length ?? 0) + (diff.omitted_names?.[list] ?? 0),
    });
    const all = [
        change('table', 'added', 'added_tables', program?.added_tables),
        change('table', 'removed', 'removed_tables', program?.removed_tables),
        change('table', 'modified', 'modified_tables', program?.modified_tables),
        change('view', 'added', 'added_views', program?.added_views),
        change('view', 'removed', 'removed_views', program?.removed_views),
        change('view', 'modified', 'modified_views', program?.modified_views),
        change('input connector', 'added', 'added_input_connectors', diff.added_input_connectors),
        change('input connector', 'removed', 'removed_input_connectors', diff.removed_input_connectors),
        change('input connector', 'modified', 'modified_input_connectors', diff.modified_input_connectors),
        change('output connector', 'added', 'added_output_connectors', diff.added_output_connectors),
        change('output connector', 'removed', 'removed_output_connectors', diff.removed_output_connectors),
        change('output connector', 'modified', 'modified_output_connectors', diff.modified_output_connectors),
    ];
    return all.filter((change) => change.count > 0);
}
/** `3 views modified, 1 table added`, or what Feldera said when it could not tell. */
function countChanges(diff) {
    const counts = diffChanges(diff).map(({ what, change, count }) => `${count} ${what}${count === 1 ? '' : 's'} ${change}`);
    if (diff.program_diff_error)
        counts.push(`the program diff failed: ${diff.program_diff_error}`);
    return counts.length > 0 ? counts.join(', ') : 'no changes listed';
}
/** The log's lines for a diff: one per kind of change, with the names. */
function diffLines(diff) {
    const lines = diffChanges(diff).map(({ what, change, names, count }) => {
        const more = count > names.length ? [`…and ${(0,_text_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .count */ .U9)(count - names.length)} more`] : [];
        return `${what}s ${change}: ${[...names, ...more].join(', ')}`;
    });
    if (diff.program_diff_error)
        lines.push(`program diff error: ${diff.program_diff_error}`);
    return lines.length > 0 ? lines : ['no changes listed'];
}


/***/ }),

/***/ 24362:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ compilationReport),
/* harmony export */   K: () => (/* binding */ MAX_ANNOTATIONS)
/* harmony export */ });
/* harmony import */ var _text_text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(98544);

/** GitHub shows this many annotations of each level (error, warning) of a step. */
const MAX_ANNOTATIONS = 10;
const EXCERPT_LINES = 40;
function compilationReport(programError, pipelineName, sqlFile) {
    const messages = programError.sql_compilation?.messages ?? [];
    const annotations = messages.map((message) => sqlAnnotation(message, pipelineName, sqlFile));
    const firstSql = messages.find((message) => !message.warning);
    const excerpt = rustExcerpt(programError.rust_compilation?.stderr || programError.rust_compilation?.stdout) ??
        firstLines(programError.system_error);
    const firstError = firstSql
        ? (0,_text_text_js__WEBPACK_IMPORTED_MODULE_0__/* .serverText */ .Tn)(`${position(firstSql)}: ${firstSql.error_type}: ${firstSql.message}`)
        : excerpt && (0,_text_text_js__WEBPACK_IMPORTED_MODULE_0__/* .serverText */ .Tn)(excerpt.split('\n').find((line) => line.trim()) ?? '');
    return { annotations, firstError, excerpt };
}
function position(message) {
    return `line ${message.start_line_number}, column ${message.start_column}`;
}
function sqlAnnotation(message, pipelineName, sqlFile) {
    const level = message.warning ? 'warning' : 'error';
    // @actions/core escapes the message, so the snippet's lines stay inside the annotation.
    const text = `${message.error_type}: ${message.message}${message.snippet ? `\n${message.snippet.trimEnd()}` : ''}`;
    const annotation = { level, title: `SQL ${level} in pipeline ${pipelineName}`, message: text };
    if (!sqlFile)
        return { ...annotation, message: `${position(message)}: ${text}` };
    return {
        ...annotation,
        file: sqlFile,
        startLine: message.start_line_number,
        startColumn: message.start_column,
        endLine: message.end_line_number,
        endColumn: message.end_column,
    };
}
/** cargo's output from its first `error` line on: the part that says what failed. */
function rustExcerpt(output) {
    if (!output?.trim())
        return undefined;
    const lines = output.split('\n');
    const first = lines.findIndex((line) => /^error(\[E\d+\])?:/.test(line));
    return neutralised(first >= 0 ? lines.slice(first, first + EXCERPT_LINES) : lines.slice(-EXCERPT_LINES));
}
function firstLines(text) {
    return text?.trim() ? neutralised(text.split('\n').slice(0, EXCERPT_LINES)) : undefined;
}
/** Each line of compiler output as server text: printed one by one, none can start a workflow command. */
function neutralised(lines) {
    return lines
        .map((line) => (0,_text_text_js__WEBPACK_IMPORTED_MODULE_0__/* .serverText */ .Tn)(line, [], 1000))
        .join('\n')
        .trimEnd();
}


/***/ }),

/***/ 97615:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N2: () => (/* binding */ describeEndpoint),
/* harmony export */   r4: () => (/* binding */ endpointKey),
/* harmony export */   uY: () => (/* binding */ endpointsOf)
/* harmony export */ });
/** The inputs, then the outputs, in Feldera's order. */
function endpointsOf(status) {
    const inputs = status.inputs.map((input) => ({
        name: input.endpoint_name,
        direction: 'input',
        stream: input.config.stream,
        health: input.health,
        fatalError: input.fatal_error,
        errors: input.metrics.num_transport_errors + input.metrics.num_parse_errors,
        records: input.metrics.total_records,
        paused: input.paused,
        lastError: lastError([input.transport_errors, input.parse_errors], input.health, input.fatal_error),
    }));
    const outputs = status.outputs.map((output) => ({
        name: output.endpoint_name,
        direction: 'output',
        stream: output.config.stream,
        health: output.health,
        fatalError: output.fatal_error,
        errors: output.metrics.num_transport_errors + output.metrics.num_encode_errors,
        records: output.metrics.transmitted_records,
        paused: output.paused,
        lastError: lastError([output.transport_errors, output.encode_errors], output.health, output.fatal_error),
    }));
    return [...inputs, ...outputs];
}
/** Names are unique per direction only: an input and an output may share one. */
function endpointKey(endpoint) {
    return `${endpoint.direction}:${endpoint.name}`;
}
/** `input endpoint orders.kafka (stream orders)`: what every message about an endpoint starts with. */
function describeEndpoint(endpoint) {
    return `${endpoint.direction} endpoint ${endpoint.name || '(unnamed)'} (stream ${endpoint.stream || 'unknown'})`;
}
function lastError(lists, health, fatalError) {
    // Each list is oldest first; the newest of their last entries is the last error.
    const newest = lists
        .map((list) => list?.at(-1))
        .filter((error) => error !== undefined && error.message !== '')
        .sort((a, b) => (Date.parse(b.timestamp) || 0) - (Date.parse(a.timestamp) || 0))[0];
    return newest?.message || health?.description || fatalError || undefined;
}


/***/ }),

/***/ 23576:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LY: () => (/* binding */ timelineRows),
/* harmony export */   rn: () => (/* binding */ CLOCK_SKEW_MS)
/* harmony export */ });
/* unused harmony export eventPhases */
/* harmony import */ var _progress_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(30138);

/** How far apart the runner's clock and Feldera's may be: events are read from the step's start less this. */
const CLOCK_SKEW_MS = 30_000;
const key = (phase) => `${phase.of} ${phase.status}`;
/**
 * The events (newest first, as Feldera lists them) as phases, oldest first: one for each run of
 * events that show the same phase (an event is recorded on any change, of a desired status too).
 */
function eventPhases(events) {
    const phases = [];
    let hadError;
    for (const event of [...events].reverse()) {
        const phase = (0,_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .phaseOf */ .hU)(event);
        // Only an error that comes in the list: one there from its first event is from before it.
        const errorAt = hadError === false && event.deployment_has_error ? event.recordedAt : undefined;
        hadError = event.deployment_has_error;
        const last = phases.at(-1);
        if (last && key(last) === key(phase)) {
            last.errorAt ??= errorAt;
            continue;
        }
        if (last)
            last.forMs = event.recordedAt - last.recordedAt;
        phases.push({ ...phase, recordedAt: event.recordedAt, forMs: undefined, errorAt });
    }
    return phases;
}
/**
 * The rows of the summary's timeline. Without events (none read, or none in the window), the step's
 * reads. With them, Feldera's phases from the one it shows at the step's start (the last that began
 * at or before it, the runner's clock read as Feldera's; the first when none did): what came before
 * is another run's. When that phase is not the status the step found (Feldera recorded that before
 * the window, as it records an unchanged status again only every 10 minutes, or the clocks differ),
 * the step's first status comes first, from its reads.
 */
function timelineRows(timeline, events, startedAtEpochMs) {
    const phases = eventPhases(events ?? []);
    if (phases.length === 0)
        return timeline.map((entry, k) => stepRow(entry, k === timeline.length - 1));
    const atStart = Math.max(0, phases.findLastIndex((phase) => phase.recordedAt <= startedAtEpochMs));
    const shown = phases.slice(atStart);
    const found = timeline[0];
    const seen = new Set(timeline.map(key));
    const progress = new Map(timeline.flatMap((entry) => (entry.progress ? [[key(entry), entry.progress]] : [])));
    const lastOf = new Map(shown.map((phase, k) => [key(phase), k]));
    const rows = shown.map((phase, k) => ({
        status: phase.status,
        of: phase.of,
        // The step's last progress of a status, in Feldera's last phase of it: a bootstrap rarely comes twice.
        progress: lastOf.get(key(phase)) === k ? progress.get(key(phase)) : undefined,
        began: { clock: 'feldera', atMs: phase.recordedAt },
        lasted: phase.forMs ?? 'until-end',
        onlyInEvents: !seen.has(key(phase)),
        errorAt: phase.errorAt,
    }));
    const first = shown[0];
    if (found && first && key(first) !== key(found))
        rows.unshift(stepRow(found, false));
    return rows;
}
/** A status as the step's reads saw it: from the read that showed it to the read that showed the next. */
function stepRow(entry, last) {
    const lasted = entry.endedMs === undefined ? undefined : entry.endedMs - entry.beganMs;
    return {
        status: entry.status,
        of: entry.of,
        progress: entry.progress,
        began: { clock: 'step', sinceStartMs: entry.beganMs },
        lasted: last ? 'until-end' : lasted,
        onlyInEvents: false,
        errorAt: undefined,
    };
}


/***/ }),

/***/ 98173:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ parseExpectedDiff),
/* harmony export */   K: () => (/* binding */ expectedMatch)
/* harmony export */ });
/* harmony import */ var _feldera_types_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73844);
/* harmony import */ var _feldera_json_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(94351);
/* harmony import */ var _text_text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(98544);



const LISTS = [..._feldera_types_js__WEBPACK_IMPORTED_MODULE_0__/* .NAME_LISTS */ .A.program, ..._feldera_types_js__WEBPACK_IMPORTED_MODULE_0__/* .NAME_LISTS */ .A.connectors];
const PROGRAM = _feldera_types_js__WEBPACK_IMPORTED_MODULE_0__/* .NAME_LISTS */ .A.program;
const DIFF_KEYS = new Set([..._feldera_types_js__WEBPACK_IMPORTED_MODULE_0__/* .NAME_LISTS */ .A.connectors, 'program_diff', 'program_diff_error', 'omitted_names']);
const SHAPE = 'a PipelineDiff as JSON (the approval-diff or plan-diff output: {"program_diff": {"added_tables": [], "modified_views": ["v1"], ...}, "added_input_connectors": [], ...}, lists of names, a missing list empty)';
/** The names of one list of a diff; a missing list is empty. */
function namesOf(diff, list) {
    const lists = { ...diff.program_diff, ...diff };
    return lists[list] ?? [];
}
/** Approve only when every list holds the same names, whatever their order; a cut list or a failed program diff proves nothing. */
function expectedMatch(diff, expected) {
    if (!diff)
        return { approve: false, reason: 'Feldera did not say what it asks to approve', differences: [] };
    if (!diff.program_diff)
        return {
            approve: false,
            reason: `Feldera could not compute the program diff (${diff.program_diff_error ?? 'it gave no reason'})`,
            differences: [],
        };
    if (expected.program_diff_error)
        return {
            approve: false,
            reason: `expected-diff holds no program diff (${expected.program_diff_error}): the program changes were not reviewed`,
            differences: [],
        };
    const cut = (of) => LISTS.filter((list) => (of.omitted_names?.[list] ?? 0) > 0).map(label);
    if (cut(diff).length > 0)
        return {
            approve: false,
            reason: `Feldera's diff is too long to compare name by name (names omitted in ${cut(diff).join(', ')})`,
            differences: [],
        };
    if (cut(expected).length > 0)
        return {
            approve: false,
            reason: `expected-diff was cut (names omitted in ${cut(expected).join(', ')}): it cannot be compared name by name`,
            differences: [],
        };
    const differences = [];
    for (const list of LISTS) {
        const asked = new Set(namesOf(diff, list));
        const wanted = new Set(namesOf(expected, list));
        const notAsked = [...wanted].filter((name) => !asked.has(name));
        const notExpected = [...asked].filter((name) => !wanted.has(name));
        if (notAsked.length === 0 && notExpected.length === 0)
            continue;
        const parts = [
            notAsked.length > 0 && `expected but not asked: ${notAsked.join(', ')}`,
            notExpected.length > 0 && `asked but not expected: ${notExpected.join(', ')}`,
        ];
        differences.push(`${label(list)}: ${parts.filter(Boolean).join('; ')}`);
    }
    if (differences.length === 0)
        return { approve: true };
    return { approve: false, reason: 'the changes Feldera asks to approve are not those of expected-diff', differences };
}
/** `modified_views` → `views modified`, as the log lists the changes. */
function label(list) {
    const [change, ...what] = list.split('_');
    return `${what.join(' ')} ${change ?? ''}`;
}
/**
 * The input: one PipelineDiff (one pipeline), or an object from every pipeline's name to its
 * PipelineDiff, or to its entry of a plan's `results` (its `plan-diff` read). Undefined: not set.
 */
function parseExpectedDiff(value, pipelineNames, problems) {
    if (!value)
        return undefined;
    let json;
    try {
        json = JSON.parse(value);
    }
    catch {
        problems.push(`expected-diff is not JSON: give ${SHAPE}; with several pipelines, an object from each pipeline's name to its PipelineDiff.`);
        return undefined;
    }
    if (!(0,_feldera_json_js__WEBPACK_IMPORTED_MODULE_1__/* .isObject */ .G)(json)) {
        problems.push(`expected-diff is not a JSON object: give ${SHAPE}.`);
        return undefined;
    }
    const keys = Object.keys(json);
    const byName = keys.length > 0 && keys.every((key) => pipelineNames.includes(key));
    if (!byName) {
        if (pipelineNames.length > 1) {
            problems.push(`expected-diff must map each pipeline of pipeline-name (${pipelineNames.join(', ')}) to its PipelineDiff, as the plan's results output does: ${extraKeys(keys, pipelineNames)}.`);
            return undefined;
        }
        const diff = readPipelineDiff(json, 'expected-diff', problems);
        return diff && new Map([[pipelineNames[0] ?? '', diff]]);
    }
    const missing = pipelineNames.filter((name) => !keys.includes(name));
    if (missing.length > 0) {
        problems.push(`expected-diff has no diff for ${missing.join(', ')}: give one for every pipeline of pipeline-name, auto-approve approves them all.`);
        return undefined;
    }
    const diffs = new Map();
    for (const name of pipelineNames) {
        const diff = entryDiff(json[name], `expected-diff's "${name}"`, problems);
        if (diff)
            diffs.set(name, diff);
    }
    return diffs.size === pipelineNames.length ? diffs : undefined;
}
function extraKeys(keys, pipelineNames) {
    const strangers = keys.filter((key) => !pipelineNames.includes(key));
    return strangers.length > 0
        ? `${strangers.map((key) => `"${key}"`).join(', ')} ${strangers.length === 1 ? 'is not one' : 'are not ones'}`
        : 'it names none';
}
/** A PipelineDiff, or an entry of a plan's `results` that holds one as JSON text in `plan-diff`. */
function entryDiff(value, where, problems) {
    if ((0,_feldera_json_js__WEBPACK_IMPORTED_MODULE_1__/* .isObject */ .G)(value) && 'plan-diff' in value) {
        const text = value['plan-diff'];
        let json;
        try {
            json = typeof text === 'string' ? JSON.parse(text) : undefined;
        }
        catch {
            json = undefined;
        }
        if (json === undefined) {
            problems.push(`${where} has a plan-diff that is not a PipelineDiff as JSON text: did the plan compute a diff for it?`);
            return undefined;
        }
        return readPipelineDiff(json, `${where} plan-diff`, problems);
    }
    return readPipelineDiff(value, where, problems);
}
/** Checks the shape: known keys only (a typo would expect nothing), lists of names, names as the step reads Feldera's. */
function readPipelineDiff(value, where, problems) {
    const wrong = [];
    if (!(0,_feldera_json_js__WEBPACK_IMPORTED_MODULE_1__/* .isObject */ .G)(value))
        wrong.push('it is not an object');
    const record = (0,_feldera_json_js__WEBPACK_IMPORTED_MODULE_1__/* .isObject */ .G)(value) ? value : {};
    const program = record.program_diff;
    for (const key of Object.keys(record))
        if (!DIFF_KEYS.has(key))
            wrong.push(`"${key}" is not a field of a PipelineDiff`);
    if (program !== undefined && program !== null && !(0,_feldera_json_js__WEBPACK_IMPORTED_MODULE_1__/* .isObject */ .G)(program))
        wrong.push('program_diff is not an object');
    const programRecord = (0,_feldera_json_js__WEBPACK_IMPORTED_MODULE_1__/* .isObject */ .G)(program) ? program : {};
    for (const key of Object.keys(programRecord))
        if (!PROGRAM.includes(key))
            wrong.push(`"program_diff.${key}" is not a list of a program diff`);
    const list = (of, key, path) => {
        const names = of[key];
        if (names === undefined || names === null)
            return [];
        if (!Array.isArray(names) || !names.every((name) => typeof name === 'string')) {
            wrong.push(`${path} is not a list of names`);
            return [];
        }
        // As Feldera's names are read (feldera/status.ts), so that the same name compares equal.
        return names.map((name) => (0,_text_text_js__WEBPACK_IMPORTED_MODULE_2__/* .serverText */ .Tn)(name, [], 200));
    };
    const error = record.program_diff_error;
    if (error !== undefined && error !== null && typeof error !== 'string')
        wrong.push('program_diff_error is not a string');
    const omitted = {};
    const omittedRecord = record.omitted_names;
    if (omittedRecord !== undefined && !(0,_feldera_json_js__WEBPACK_IMPORTED_MODULE_1__/* .isObject */ .G)(omittedRecord))
        wrong.push('omitted_names is not an object');
    for (const [key, count] of Object.entries((0,_feldera_json_js__WEBPACK_IMPORTED_MODULE_1__/* .isObject */ .G)(omittedRecord) ? omittedRecord : {})) {
        if (!LISTS.includes(key) ||
            typeof count !== 'number' ||
            !Number.isInteger(count) ||
            count < 0)
            wrong.push(`omitted_names.${key} is not a count of a list`);
        else
            omitted[key] = count;
    }
    const diff = {
        program_diff: {
            added_tables: list(programRecord, 'added_tables', 'program_diff.added_tables'),
            removed_tables: list(programRecord, 'removed_tables', 'program_diff.removed_tables'),
            modified_tables: list(programRecord, 'modified_tables', 'program_diff.modified_tables'),
            added_views: list(programRecord, 'added_views', 'program_diff.added_views'),
            removed_views: list(programRecord, 'removed_views', 'program_diff.removed_views'),
            modified_views: list(programRecord, 'modified_views', 'program_diff.modified_views'),
        },
        program_diff_error: typeof error === 'string' ? error : null,
        added_input_connectors: list(record, 'added_input_connectors', 'added_input_connectors'),
        modified_input_connectors: list(record, 'modified_input_connectors', 'modified_input_connectors'),
        removed_input_connectors: list(record, 'removed_input_connectors', 'removed_input_connectors'),
        added_output_connectors: list(record, 'added_output_connectors', 'added_output_connectors'),
        modified_output_connectors: list(record, 'modified_output_connectors', 'modified_output_connectors'),
        removed_output_connectors: list(record, 'removed_output_connectors', 'removed_output_connectors'),
        ...(Object.keys(omitted).length > 0 ? { omitted_names: omitted } : {}),
    };
    if (wrong.length === 0)
        return diff;
    problems.push(`${where} is not a PipelineDiff (${wrong.join('; ')}): give ${SHAPE}.`);
    return undefined;
}


/***/ }),

/***/ 4405:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  dz: () => (/* binding */ InputError),
  Oc: () => (/* reexport */ SUPPORT_BUNDLE_PARTS),
  W7: () => (/* reexport */ fileOf),
  AN: () => (/* binding */ inputText),
  yG: () => (/* reexport */ parseBoolean),
  Xg: () => (/* binding */ readConfig),
  AB: () => (/* reexport */ sqlFileOf)
});

// UNUSED EXPORTS: INPUT_NAMES, MAX_PIPELINES

;// CONCATENATED MODULE: ./src/model/proxy.ts
/**
 * Reads HTTP_PROXY, HTTPS_PROXY and NO_PROXY (the lowercase name first, as undici does) the way curl
 * does: a bare `host:port` is an HTTP proxy. One that cannot be used is a problem naming the
 * variable, never its value (it may hold a password).
 */
function readProxies(env, problems) {
    return {
        httpProxy: proxyUrl(env, 'http_proxy', 'HTTP_PROXY', problems),
        httpsProxy: proxyUrl(env, 'https_proxy', 'HTTPS_PROXY', problems),
        noProxy: (env.no_proxy ?? env.NO_PROXY ?? '').trim(),
    };
}
function proxyUrl(env, lower, upper, problems) {
    const name = env[lower] !== undefined ? lower : upper;
    const value = (env[name] ?? '').trim();
    if (!value)
        return '';
    const withScheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value) ? value : `http://${value}`;
    const url = URL.canParse(withScheme) ? new URL(withScheme) : undefined;
    if (url?.hostname && (url.protocol === 'http:' || url.protocol === 'https:'))
        return url.href;
    const scheme = url ? ` (${url.protocol.slice(0, -1)} proxies are not supported)` : '';
    problems.push(`${name} is not a proxy URL the action can use${scheme}: give http://host:port or https://host:port; a bare host:port means http://. Its value is not shown, as it may hold a password.`);
    return '';
}

;// CONCATENATED MODULE: ./src/model/config.ts
/** The SQL file of one pipeline: sql-file with `{name}` replaced by the pipeline's name. */
function sqlFileOf(config, pipelineName) {
    return fileOf(config.sqlFile, pipelineName);
}
/** A file input of one pipeline: `{name}` in it replaced by the pipeline's name. */
function fileOf(path, pipelineName) {
    return path?.replaceAll('{name}', pipelineName);
}
/** The query parameters of `GET /support_bundle` that pick a part, each true by default (support_data_collector.rs). */
const SUPPORT_BUNDLE_PARTS = [
    'circuit_profile',
    'heap_profile',
    'metrics',
    'logs',
    'stats',
    'pipeline_config',
    'system_config',
    'dataflow_graph',
    'pipeline_events',
];

// EXTERNAL MODULE: ./src/model/expected-diff.ts
var expected_diff = __webpack_require__(98173);
;// CONCATENATED MODULE: ./src/model/input-parsers.ts
/** Any text; empty: not set. */
const input_parsers_text = (_name, value) => value || undefined;
/** One line of text (it becomes a header); empty: not set. */
const oneLine = (name, value, problems) => {
    if (/[\r\n]/.test(value))
        problems.push(`${name} must be one line.`);
    return value || undefined;
};
function parseBoolean(name, value, problems) {
    const lower = value.toLowerCase();
    if (lower === 'true')
        return true;
    if (lower === 'false')
        return false;
    problems.push(`${name} "${value}" must be true or false.`);
    return undefined;
}
/** One of the values accepted, in any case. */
function oneOf(accepted) {
    return (name, value, problems) => {
        const lower = value.toLowerCase();
        const found = accepted.find((candidate) => candidate === lower);
        if (!found)
            problems.push(`${name} "${value}" is not one of ${accepted.join(', ')}.`);
        return found;
    };
}
/** Some of the parts accepted, separated by commas, spaces or newlines, in their order; empty: not set. */
function someOf(accepted) {
    return (name, value, problems) => {
        if (!value)
            return undefined;
        const names = value.split(/[\s,]+/).filter(Boolean);
        const unknown = names.filter((part) => !accepted.includes(part));
        for (const part of unknown)
            problems.push(`${name} "${part}" is not one of ${accepted.join(', ')}.`);
        if (names.length === 0)
            problems.push(`${name} "${value}" names no part: give some of ${accepted.join(', ')}, or leave it empty for all.`);
        return Object.freeze(accepted.filter((part) => names.includes(part)));
    };
}
// Feldera's validate_pipeline_name: a Kubernetes label.
const PIPELINE_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_]{0,61}[A-Za-z0-9])?$/;
/** One pipeline name, or up to `most` separated by newlines, commas or spaces (a YAML block scalar works). */
function pipelineNames(most) {
    return (name, value, problems) => {
        const names = value.split(/[\s,]+/).filter(Boolean);
        if (names.length === 0)
            problems.push(`${name} is empty: give the name of a pipeline, or several separated by newlines, commas or spaces.`);
        for (const bad of names.filter((each) => !PIPELINE_NAME.test(each)))
            problems.push(`${name} "${bad}" must be 1 to 63 letters, digits, "_" or "-", not starting or ending with "_" or "-".`);
        const repeated = [...new Set(names.filter((each, i) => names.indexOf(each) !== i))];
        if (repeated.length > 0)
            problems.push(`${name} names ${repeated.map((each) => `"${each}"`).join(', ')} more than once: give each pipeline once.`);
        if (names.length > most)
            problems.push(`${name} names ${names.length} pipelines: at most ${most} in one step.`);
        return Object.freeze(names);
    };
}
/** Table names separated by newlines, commas or spaces, or a JSON array of them (`[]`: none); empty: not set. */
const tableNames = (name, value, problems) => {
    if (!value)
        return undefined;
    if (!value.startsWith('['))
        return Object.freeze(value.split(/[\s,]+/).filter(Boolean));
    let names;
    try {
        names = JSON.parse(value);
    }
    catch {
        names = undefined;
    }
    if (!Array.isArray(names) || !names.every((each) => typeof each === 'string' && each !== '')) {
        problems.push(`${name} "${value}" is not a JSON array of table names, such as ["orders", "My Table"]; or give the names separated by newlines, commas or spaces.`);
        return undefined;
    }
    return Object.freeze(names);
};
/** A whole number of days within the bounds. */
function days(least, most) {
    return (name, value, problems) => {
        const count = /^\d+$/.test(value) ? Number(value) : NaN;
        if (count >= least && count <= most)
            return count;
        problems.push(`${name} "${value}" must be a whole number of days from ${least} to ${most}.`);
        return undefined;
    };
}
/** The base URL of Feldera's API; it ends with `/`, so that `new URL('v0/…', apiUrl)` keeps a path prefix. */
const apiUrl = (name, value, problems) => {
    const url = URL.canParse(value) ? new URL(value) : undefined;
    // First, so that a URL with a password is never echoed.
    if (url?.username || url?.password) {
        problems.push(`${name} must not hold a user or password; give the key in api-key.`);
        return undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
        problems.push(`${name} "${value}" must be an http:// or https:// URL, such as https://feldera.example.com.`);
        return undefined;
    }
    if (url.search || url.hash) {
        problems.push(`${name} "${value}" must not have a query or fragment.`);
        return undefined;
    }
    if (!url.pathname.endsWith('/'))
        url.pathname += '/';
    return url;
};
/** A path in the repository, as GitHub places annotations: relative, with `/`; empty: not set. */
const repositoryPath = (name, value, problems) => {
    if (!value)
        return undefined;
    const path = value.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
    if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.split('/').includes('..')) {
        problems.push(`${name} "${value}" must be a path inside the repository, relative to its root, such as sql/program.sql.`);
        return undefined;
    }
    return path;
};
// Feldera's RuntimeSelector takes `vX.Y.Z` or a git SHA (db/types/program.rs), newer ones more: the server judges.
const RUNTIME_VERSION = /^[A-Za-z0-9][A-Za-z0-9._:+-]{0,99}$/;
/** A runtime version of Feldera; empty: not set. */
const runtimeVersion = (name, value, problems) => {
    if (value && !RUNTIME_VERSION.test(value))
        problems.push(`${name} "${value}" is not a runtime version: give a version tag (v0.375.0) or a 40-character git SHA of feldera/feldera, as Feldera takes it.`);
    return value || undefined;
};
// Five days, a self-hosted runner's job limit; well within the 24.8 days that Node's timers can wait
// (a longer delay fires at once).
const MAX_DURATION = '120h';
const MAX_DURATION_MS = 120 * 3600_000;
const PART = '(\\d+(?:\\.\\d+)?)';
const DURATION = new RegExp(`^(?:${PART}h)?(?:${PART}m(?!s))?(?:${PART}s)?(?:${PART}ms)?$`);
/** `90` (seconds), `90s`, `15m`, `1h30m`, `500ms` → milliseconds; more than zero, unless `zero` is allowed. */
function duration(allow = {}) {
    return (name, value, problems) => {
        const seconds = /^\d+(?:\.\d+)?$/.test(value) ? Number(value) : undefined;
        const parts = seconds === undefined ? DURATION.exec(value) : null;
        if (seconds === undefined && (!parts || value === '')) {
            problems.push(`${name} "${value}" is not a duration: give seconds (90) or h, m, s and ms parts (1h30m, 90s, 500ms).`);
            return undefined;
        }
        const [, h = '0', m = '0', s = '0', ms = '0'] = parts ?? [];
        const total = seconds !== undefined ? seconds * 1000 : ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000 + Number(ms);
        if (!(total > 0) && !(allow.zero && total === 0)) {
            problems.push(`${name} "${value}" must be more than zero.`);
            return undefined;
        }
        if (total > MAX_DURATION_MS) {
            problems.push(`${name} "${value}" is longer than ${MAX_DURATION}, the longest a job can run (on a self-hosted runner).`);
            return undefined;
        }
        return Math.round(total);
    };
}

;// CONCATENATED MODULE: ./src/model/input-table.ts



function input(name, field, byDefault, parse, from = {}) {
    return { name, field, default: byDefault, parse, ...from };
}
/** The most pipelines one step starts: each is a few requests a second, and a row of the report. */
const MAX_PIPELINES = 50;
const INITIALS = ['running', 'paused', 'standby'];
const IF_DEPLOYED = ['converge', 'fail'];
const BOOTSTRAP_POLICIES = ['allow', 'reject', 'await_approval'];
const LOGS = ['on-failure', 'always', 'never'];
const CONNECTOR_ERRORS = ['warn', 'fail', 'ignore'];
const SUPPORT_BUNDLE = ['never', 'on-failure', 'always'];
/** Every input of action.yml, in its order: action.yml's names and defaults must be these (test/action-yml.test.ts). */
const INPUTS = [
    input('pipeline-name', 'pipelineNames', undefined, pipelineNames(MAX_PIPELINES)),
    input('api-url', 'apiUrl', '', apiUrl, { env: 'FELDERA_HOST', otherwise: 'http://localhost:8080' }),
    input('api-key', 'apiKey', '', input_parsers_text, { env: 'FELDERA_API_KEY', secret: true }),
    input('initial', 'initial', 'running', oneOf(INITIALS)),
    input('if-deployed', 'ifDeployed', 'converge', oneOf(IF_DEPLOYED)),
    input('bootstrap-policy', 'bootstrapPolicy', 'await_approval', oneOf(BOOTSTRAP_POLICIES)),
    input('silent-bootstrap', 'silentBootstrap', 'false', parseBoolean),
    input('concurrent-bootstrap', 'concurrentBootstrap', 'false', parseBoolean),
    input('auto-approve', 'autoApprove', 'false', parseBoolean),
    input('reloadable-tables', 'reloadableTables', '', tableNames),
    input('dismiss-error', 'dismissError', 'true', parseBoolean),
    input('wait', 'wait', 'true', parseBoolean),
    input('timeout', 'timeoutMs', '30m', duration()),
    input('poll-interval', 'pollIntervalMs', '1s', duration()),
    input('request-timeout', 'requestTimeoutMs', '30s', duration()),
    input('sql-file', 'sqlFile', '', repositoryPath),
    input('logs', 'logs', 'on-failure', oneOf(LOGS)),
    input('health-window', 'healthWindowMs', '0s', duration({ zero: true })),
    input('connector-errors', 'connectorErrors', 'warn', oneOf(CONNECTOR_ERRORS)),
    input('stop-on-failure', 'stopOnFailure', 'false', parseBoolean),
    input('stop-at-job-end', 'stopAtJobEnd', 'false', parseBoolean),
    input('environment', 'environment', '', input_parsers_text),
    input('github-token', 'githubToken', '${{ github.token }}', input_parsers_text, { secret: true }),
    input('oidc-audience', 'oidcAudience', '', input_parsers_text),
    input('tenant', 'tenant', '', oneLine),
    input('support-bundle', 'supportBundle', 'never', oneOf(SUPPORT_BUNDLE)),
    input('support-bundle-parts', 'supportBundleParts', '', someOf(SUPPORT_BUNDLE_PARTS)),
    input('support-bundle-retention-days', 'supportBundleRetentionDays', '7', days(1, 90)),
    input('expected-diff', 'expectedDiff', '', (_name, value, problems, before) => (0,expected_diff/* parseExpectedDiff */.$)(value, before.pipelineNames ?? [], problems)),
    input('plan', 'plan', 'false', parseBoolean),
    input('runtime-version', 'runtimeVersion', '', runtimeVersion),
    input('update-program', 'updateProgram', 'false', parseBoolean),
    input('force-stop', 'forceStop', 'false', parseBoolean),
    input('udf-rust-file', 'udfRustFile', '', repositoryPath),
    input('udf-toml-file', 'udfTomlFile', '', repositoryPath),
];
const INPUT_NAMES = INPUTS.map(({ name }) => name);

;// CONCATENATED MODULE: ./src/model/input-rules.ts
/** The message of a rule that says the same every time. */
const say = (message) => () => message;
const MIN_POLL_INTERVAL_MS = 100;
// A plan changes nothing, so the inputs that act on a pipeline have nothing to act on: said, not ignored.
const ACTING_ON_A_PIPELINE = [
    [() => 'auto-approve: true', ({ values }) => values.autoApprove === true],
    [() => 'expected-diff', ({ given }) => given('expected-diff') !== ''],
    [() => 'reloadable-tables', ({ values }) => values.reloadableTables !== undefined],
    [() => 'stop-on-failure: true', ({ values }) => values.stopOnFailure === true],
    [() => 'stop-at-job-end: true', ({ values }) => values.stopAtJobEnd === true],
    [() => 'environment', ({ values }) => values.environment !== undefined],
    [
        (values) => `support-bundle: ${values.supportBundle}`,
        ({ values }) => (values.supportBundle ?? 'never') !== 'never',
    ],
];
const REFUSED_BY_PLAN = ACTING_ON_A_PIPELINE.map(([label, acts]) => ({
    broken: (reading) => reading.values.plan === true && acts(reading),
    message: ({ values }) => `${label(values)} cannot go with plan: true: a plan starts, approves and stops nothing. Use it in the step that starts the pipeline.`,
}));
/** Every rule on inputs that go together, in the order their problems are listed. */
const INPUT_RULES = [
    {
        // Like fda, the environment may name one credential: explicit inputs choose without complaint.
        broken: ({ given, env }) => !given('api-key') &&
            !given('oidc-audience') &&
            !!env.FELDERA_OIDC_TOKEN_FILE?.trim() &&
            !!env.FELDERA_API_KEY?.trim(),
        message: say('FELDERA_OIDC_TOKEN_FILE and FELDERA_API_KEY are both set in the environment, two credentials: give api-key (or oidc-audience) to choose, or unset one of them.'),
    },
    {
        broken: ({ values }) => values.silentBootstrap === true && values.concurrentBootstrap === true,
        message: say('silent-bootstrap and concurrent-bootstrap cannot both be true: Feldera bootstraps with the output connectors off, or concurrently, not both.'),
    },
    {
        broken: ({ given }) => !!given('oidc-audience') && !!given('api-key'),
        message: say('api-key and oidc-audience are two credentials: give one of them.'),
    },
    {
        broken: ({ values }) => values.environment !== undefined && values.githubToken === undefined,
        message: say("environment needs github-token (by default the job's github.token) to record the deployment."),
    },
    {
        broken: ({ values }) => values.pollIntervalMs !== undefined && values.pollIntervalMs < MIN_POLL_INTERVAL_MS,
        message: ({ given }) => `poll-interval "${given('poll-interval')}" is under the least of 100ms.`,
    },
    {
        broken: ({ values: { pollIntervalMs, timeoutMs } }) => pollIntervalMs !== undefined && timeoutMs !== undefined && pollIntervalMs > timeoutMs,
        message: ({ given, text }) => `poll-interval "${given('poll-interval')}" is longer than timeout "${text('timeout')}".`,
    },
    {
        broken: ({ values }) => values.autoApprove === true && values.wait === false,
        message: say('auto-approve: true needs wait: true; without waiting the step never sees AwaitingApproval to approve it.'),
    },
    {
        broken: ({ values: { reloadableTables, bootstrapPolicy } }) => reloadableTables !== undefined && bootstrapPolicy !== undefined && bootstrapPolicy !== 'allow',
        message: ({ values }) => `reloadable-tables needs bootstrap-policy: allow (not ${values.bootstrapPolicy}): it names the tables that an allowed bootstrap may reload.`,
    },
    {
        broken: ({ values }) => values.reloadableTables !== undefined && values.wait === false,
        message: say('reloadable-tables needs wait: true: the step reads the changes while the pipeline awaits approval, and approves them then.'),
    },
    {
        broken: ({ values }) => values.reloadableTables !== undefined && values.autoApprove === true,
        message: say('reloadable-tables and auto-approve: true cannot go together: auto-approve approves whatever changed, reloadable-tables only a bootstrap that reloads the tables it names.'),
    },
    {
        broken: ({ given, values }) => given('expected-diff') !== '' && values.autoApprove === false,
        message: say('expected-diff needs auto-approve: true: it names the only changes that auto-approve may approve.'),
    },
    {
        broken: ({ given, values: { bootstrapPolicy } }) => given('expected-diff') !== '' && bootstrapPolicy !== undefined && bootstrapPolicy !== 'await_approval',
        message: ({ values }) => `expected-diff needs bootstrap-policy: await_approval (the default), not ${values.bootstrapPolicy}: only then does Feldera ask approval, with the diff to compare.`,
    },
    {
        broken: ({ given, values }) => given('runtime-version') !== '' && values.plan === false,
        message: say("runtime-version goes with plan: true: it is the runtime the plan's diff compiles the program with. A start runs the runtime of the pipeline's own program_config."),
    },
    {
        // A sql-file given but refused has its own problem already.
        broken: ({ given, values }) => values.plan === true && given('sql-file') === '',
        message: say('plan: true needs sql-file: the proposed program (sql/program.sql; with several pipelines, sql/{name}.sql for a file each).'),
    },
    ...REFUSED_BY_PLAN,
    {
        broken: ({ values }) => values.plan === true && values.updateProgram === true,
        message: say('update-program: true cannot go with plan: true: a plan changes nothing. Plan in the pull request, update at release.'),
    },
    {
        broken: ({ given, values }) => values.updateProgram === true && given('sql-file') === '',
        message: say('update-program: true needs sql-file: the program the pipeline is to run (sql/program.sql; with several pipelines, sql/{name}.sql for a file each).'),
    },
    ...['force-stop', 'udf-rust-file', 'udf-toml-file'].map((name) => ({
        broken: ({ given, values }) => given(name) !== '' && values.updateProgram !== true && given(name) !== 'false',
        message: say(`${name} goes with update-program: true: it says how the step updates the program.`),
    })),
];
/** Said, not refused: what the inputs allow but a user would not want. */
const INPUT_WARNINGS = [
    {
        broken: ({ values: { apiUrl, apiKey, oidcTokenFile }, given }) => apiUrl !== undefined &&
            (!!apiKey || !!given('oidc-audience') || !!oidcTokenFile) &&
            apiUrl.protocol === 'http:' &&
            !isLoopback(apiUrl.hostname),
        message: ({ values }) => `api-url ${values.apiUrl?.origin} is plain http: the credential crosses the network unencrypted. Use https.`,
    },
];
function isLoopback(hostname) {
    return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

;// CONCATENATED MODULE: ./src/model/inputs.ts



// The door the rest of src/ goes through to the inputs.



/** Every problem with the inputs, found before any request is sent. */
class InputError extends Error {
    problems;
    constructor(problems) {
        super(`Invalid input:\n${problems.map((problem) => `- ${problem}`).join('\n')}`);
        this.name = 'InputError';
        this.problems = problems;
    }
}
/** Reads and checks every input; throws one `InputError` that lists all problems. */
function readConfig(source) {
    const given = new Map(INPUTS.map(({ name }) => [name, source.getInput(name).trim()]));
    const texts = new Map(INPUTS.map((spec) => [spec.name, textOf(spec, given.get(spec.name) ?? '', source.env)]));
    for (const { name, secret } of INPUTS) {
        const secretText = secret ? texts.get(name) : undefined;
        if (secretText)
            source.onSecret(secretText);
    }
    const problems = [];
    const read = {};
    const values = read;
    for (const spec of INPUTS)
        read[spec.field] = spec.parse(spec.name, texts.get(spec.name) ?? '', problems, values);
    // The token file of the environment is the credential only when no credential input is given.
    const fromEnvironment = !given.get('api-key') && !given.get('oidc-audience');
    read.oidcTokenFile = fromEnvironment ? source.env.FELDERA_OIDC_TOKEN_FILE?.trim() || undefined : undefined;
    read.proxy = readProxies(source.env, problems);
    const reading = {
        values,
        given: (name) => given.get(name) ?? '',
        text: (name) => texts.get(name) ?? '',
        env: source.env,
    };
    for (const rule of INPUT_RULES)
        if (rule.broken(reading))
            problems.push(rule.message(reading));
    if (problems.length > 0)
        throw new InputError(problems);
    const warnings = INPUT_WARNINGS.filter((rule) => rule.broken(reading)).map((rule) => rule.message(reading));
    // With an ID token, a key from FELDERA_API_KEY in the environment is not the credential.
    if (values.oidcAudience)
        read.apiKey = undefined;
    // No problem was found, so each input was parsed.
    return { config: Object.freeze(values), warnings };
}
/** One input's text as readConfig reads it, alone: the post step reads stop-at-job-end before the rest. */
function inputText(name, source) {
    const spec = INPUTS.find((input) => input.name === name);
    return spec ? textOf(spec, source.getInput(name).trim(), source.env) : '';
}
/** The text an input is read from: as given, else its environment variable, else its default. */
function textOf(spec, given, env) {
    const fromEnv = spec.env ? env[spec.env]?.trim() : undefined;
    // A default such as `${{ github.token }}` is the runner's: the step sees what it became, or nothing.
    const byDefault = spec.default?.startsWith('${{') ? undefined : spec.default;
    return given || fromEnv || byDefault || spec.otherwise || '';
}


/***/ }),

/***/ 80973:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ classify),
/* harmony export */   u: () => (/* binding */ targetStatus)
/* harmony export */ });
const COMPILATION_ERRORS = new Set(['SqlError', 'RustError', 'SystemError']);
const UP_STATES = new Set(['Running', 'Paused', 'Standby', 'Suspended']);
/** `running` → `Running`: the `deployment_status` that `/start?initial=running` ends in. */
function targetStatus(initial) {
    return initial.charAt(0).toUpperCase() + initial.slice(1);
}
function classify(status, initial) {
    const target = targetStatus(initial);
    const desired = status.deployment_desired_status;
    // The runner sets the error and desired Stopped in one transaction, often while still Stopping.
    if (desired === 'Stopped' && status.deployment_error) {
        return { kind: 'deployment-error', error: status.deployment_error };
    }
    // Running while a stop or suspend is asked for is not a success: it will not stay Running.
    if (status.deployment_status === target && desired === target)
        return { kind: 'reached' };
    // StartFailedDueToFailedCompilation follows within seconds; no need to wait for it.
    if (COMPILATION_ERRORS.has(status.program_status))
        return { kind: 'compilation-failed' };
    if (desired === 'Stopped')
        return { kind: 'stopped-externally' };
    if (status.deployment_status === 'AwaitingApproval')
        return { kind: 'awaiting-approval' };
    // Started earlier with the same `initial`, then paused, resumed, activated or suspended by someone
    // else: it will not come to the target by itself.
    if (UP_STATES.has(desired) && desired !== target)
        return { kind: 'desired-elsewhere' };
    // Stopped during an early start, Provisioning, Initializing, Unavailable (a blip), Bootstrapping,
    // Replaying, and any status this version does not know yet.
    return { kind: 'waiting' };
}


/***/ }),

/***/ 53993:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Y_: () => (/* binding */ ACTION_CODES),
  Cz: () => (/* binding */ UNDECIDED),
  g5: () => (/* binding */ failureOf),
  WB: () => (/* binding */ internalError),
  FP: () => (/* binding */ statusFailure)
});

// EXTERNAL MODULE: ./src/feldera/credentials.ts
var credentials = __webpack_require__(77947);
// EXTERNAL MODULE: ./src/feldera/errors.ts
var errors = __webpack_require__(29210);
;// CONCATENATED MODULE: ./src/model/hints.ts
const NEEDS_WRITE_ROLE = 'the API key needs the write role.';
const DOES_NOT_COMPILE = 'the program does not compile; fix it, and Feldera compiles it again.';
// What to do next, in terms of this action's inputs, where Feldera's own `details.hint` says nothing.
const BY_CODE = {
    CannotStartWithUndismissedError: 'the pipeline holds an error from an earlier run; set dismiss-error: true to clear it before starting.',
    CannotStartWithCompilationError: DOES_NOT_COMPILE,
    InitialImmutableUnlessStopped: 'the pipeline was already started with another initial: set if-deployed: converge (the default) to move it to the state asked for, stop it first, or ask for the state it was started in.',
    InvalidTransition: "the pipeline process refused the move (Feldera's message says from where): it changed since the step read its status; run the step again once it has settled.",
    EnterpriseFeature: 'this needs Feldera Enterprise: the community (open-source) edition answers 501 EnterpriseFeature.',
    BootstrapPolicyImmutableUnlessStopped: 'the pipeline was already started with another bootstrap policy; stop it first, or give the same bootstrap-policy, silent-bootstrap and concurrent-bootstrap.',
    InitialStandbyNotAllowed: 'standby needs a file storage backend with sync in the runtime config.',
    UnknownPipelineName: 'check pipeline-name and api-url: the pipeline must exist on that Feldera instance.',
    AuthenticationFailed: 'check api-key (or FELDERA_API_KEY).',
    InsufficientPermissions: NEEDS_WRITE_ROLE,
    Unreachable: 'check api-url, and that the runner can reach it (network, proxy, firewall).',
};
// An answer that is not Feldera's has no code of its own, but its status says enough (a 401 has its code).
const BY_STATUS = {
    403: NEEDS_WRITE_ROLE,
    404: 'check api-url: it must be the address of the Feldera API, with its path prefix if it has one.',
};
// Why a pipeline stopped with a `deployment_error`, read from Feldera's runner
// (crates/pipeline-manager/src/runner/error.rs) and the pipeline's /status, and what to do about it.
const BY_DEPLOYMENT_ERROR = {
    RunnerCheckError: "the pipeline's process or storage failed while it ran (it crashed, ran out of memory, or its pod was evicted): the pipeline's log says why; give it more memory in its resources if it ran out.",
    InitializationError: "the pipeline failed while initializing, most often a connector that cannot reach its source or sink, or a bootstrap that was refused (bootstrap-policy: reject refuses a changed program; await_approval or allow let it bootstrap): the message and the pipeline's log say which.",
    AutomatonProvisioningTimeout: "the pipeline's compute and storage were not up within Feldera's provisioning timeout: raise provisioning_timeout in the pipeline's runtime config (a duration such as 20m since Feldera 0.366; provisioning_timeout_secs, in seconds, before), or look in the pipeline's log and the cluster's events for a volume or container that could not be created.",
    RunnerProvisionError: "Feldera could not create the pipeline's compute or storage (the message says why): check the pipeline's resources config and the cluster's capacity.",
    AutomatonInvalidRuntimeConfig: "the pipeline's runtime config is no longer valid after a Feldera upgrade: update its runtime_config (the message says which field), then start it again.",
    AutomatonInvalidProgramInfo: 'the compiled program no longer fits this Feldera version: recompile it (fda update-runtime), then start it again.',
    AutomatonCannotProvisionUnsupportedPlatformVersion: 'the program was compiled by another Feldera version than the one installed: recompile it with the current one (fda update-runtime, or a change to the program), then start it again.',
    StartFailedDueToFailedCompilation: DOES_NOT_COMPILE,
};
/** For a deployment error without a hint of its own: where the reason is. */
const READ_THE_LOG = "the pipeline's log says why it stopped: read its tail below (logs: on-failure, the default), or the whole log in the Feldera console.";
/** What to do about a pipeline that stopped with this `deployment_error` code. */
function deploymentErrorHint(code) {
    return BY_DEPLOYMENT_ERROR[code] ?? READ_THE_LOG;
}
function hintFor(error) {
    if (error.hint)
        return error.hint;
    switch (error.kind) {
        case 'certificate':
            return "if Feldera uses a private certificate authority, set NODE_EXTRA_CA_CERTS to its PEM file in the step's env.";
        case 'redirect':
            return 'set api-url to the address the API really answers at.';
        case 'not-feldera':
            return BY_CODE[error.code] ?? BY_STATUS[error.status ?? 0];
        default:
            return BY_CODE[error.code];
    }
}

// EXTERNAL MODULE: ./src/model/lifecycle.ts
var lifecycle = __webpack_require__(80973);
// EXTERNAL MODULE: ./src/model/run-end.ts
var run_end = __webpack_require__(37092);
;// CONCATENATED MODULE: ./src/model/outcome.ts





/**
 * The action's own error codes (the others are Feldera's): `true` where the action could not do its
 * job (a GitHub deployment's `error`), `false` where the pipeline did not start (`failure`).
 */
const ACTION_CODES = {
    InvalidInput: true,
    Timeout: true,
    Cancelled: true,
    Unreachable: true,
    UnexpectedResponse: true,
    OidcTokenUnavailable: true,
    InternalError: true,
    StoppedExternally: false,
    DesiredStatusChanged: false,
    CannotConverge: false,
    ConnectorFailed: false,
    ConnectorUnhealthy: false,
    ConnectorErrors: false,
    TableReloadNotAllowed: false,
    DiffNotSupported: true,
    UnexpectedDiff: false,
};
/** A run's outcome before it has one: a run that ends with it ended for a reason of the action's own. */
const UNDECIDED = Object.freeze({
    result: 'failed',
    code: 'InternalError',
    message: 'The action ended before it decided anything.',
});
/** The failure an error ended the run with: its code, a message that says what happened, and what to do. */
function failureOf(error, name, config, progress, auth) {
    const pipeline = `pipeline ${name}`;
    if (error instanceof run_end/* RunEnded */.Q && error.code === 'Timeout') {
        const lastFailure = progress.lastFailure ? `; the last failure: ${progress.lastFailure}` : '';
        return {
            result: 'failed',
            code: 'Timeout',
            message: `Feldera ${pipeline} did not become ${(0,lifecycle/* targetStatus */.u)(config.initial)} before ${error.message}: ${progress.describeLast()}${lastFailure}.`,
            hint: 'give a longer timeout if the pipeline needs it, or look in the Feldera console why it is slow.',
        };
    }
    if (error instanceof run_end/* RunEnded */.Q) {
        return {
            result: 'failed',
            code: 'Cancelled',
            message: `Stopped waiting: ${error.message} (${progress.describeLast()}).`,
        };
    }
    if (error instanceof credentials/* CredentialError */.oA)
        return { result: 'failed', code: error.code, message: error.message };
    if (error instanceof errors/* FelderaError */.kP) {
        // One code for "the program does not compile", whether /start refused it or the runner found it.
        const code = error.code === 'CannotStartWithCompilationError' ? 'StartFailedDueToFailedCompilation' : error.code;
        const refused = code === 'AuthenticationFailed' ? auth.refusalHint() : undefined;
        return { result: 'failed', code, message: error.message, hint: refused ?? hintFor(error) };
    }
    return internalError(error);
}
/** A bug of the action's own: the outputs are still set, and the report says what broke. */
function internalError(error) {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return {
        result: 'failed',
        code: 'InternalError',
        message: `The action failed unexpectedly: ${text}`,
        hint: 'please report it with this log.',
    };
}
/** The failure a status means, before the target or after it (in the health window); else undefined. */
function statusFailure(classified, status, initial) {
    const name = status.name;
    const target = (0,lifecycle/* targetStatus */.u)(initial);
    switch (classified.kind) {
        case 'deployment-error':
            return {
                result: 'failed',
                code: classified.error.error_code,
                message: `Pipeline ${name} stopped with ${classified.error.error_code}: ${classified.error.message}`,
                hint: deploymentErrorHint(classified.error.error_code),
            };
        case 'compilation-failed':
            return {
                result: 'failed',
                code: 'StartFailedDueToFailedCompilation',
                message: `Pipeline ${name}'s program failed to compile (program_status ${status.program_status}).`,
                hint: 'fix the program; Feldera compiles it again, and the next start can go ahead.',
            };
        case 'stopped-externally':
            return {
                result: 'failed',
                code: 'StoppedExternally',
                message: `Pipeline ${name} was stopped while starting (desired status Stopped, no deployment error): someone or something else stopped it.`,
                hint: 'find who stopped it (a person in the Feldera console, fda, another workflow), then start it again.',
            };
        case 'desired-elsewhere': {
            const desired = status.deployment_desired_status;
            return {
                result: 'failed',
                code: 'DesiredStatusChanged',
                message: `Pipeline ${name} is ${status.deployment_status} and its desired status is ${desired}, not ${target}: it was started earlier and then changed by someone else, and will not become ${target} by itself.`,
                hint: desired === 'Suspended'
                    ? 'it is being suspended (a graceful stop); start it again once it is Stopped.'
                    : `run the step again with if-deployed: converge (the default) to move it to ${target}, stop it first, or ask for initial: ${desired.toLowerCase()}.`,
            };
        }
        default:
            return undefined;
    }
}


/***/ }),

/***/ 67978:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   XA: () => (/* binding */ planChanges),
/* harmony export */   tD: () => (/* binding */ changed),
/* harmony export */   vE: () => (/* binding */ nextStartMeaning)
/* harmony export */ });
/* harmony import */ var _approval_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58762);

/** `plan-changes`: one line of counts (`1 table added, 2 views modified`); empty when nothing would change. */
function planChanges(diff) {
    return changed(diff) ? (0,_approval_js__WEBPACK_IMPORTED_MODULE_0__/* .countChanges */ .xS)(diff) : '';
}
/** Anything at all would change, or Feldera could not tell (its program diff failed). */
function changed(diff) {
    return (0,_approval_js__WEBPACK_IMPORTED_MODULE_0__/* .diffChanges */ .Xw)(diff).length > 0 || Boolean(diff.program_diff_error);
}
/**
 * What the next start from a checkpoint does with these changes, as Feldera's documentation says
 * (docs.feldera.com, pipelines/modifying.md: "Bootstrapping"): one sentence per kind of change present.
 */
function nextStartMeaning(diff) {
    if (!changed(diff))
        return [
            'The program is the same: the next start resumes from the checkpoint, with nothing to bootstrap or approve.',
        ];
    const present = new Set((0,_approval_js__WEBPACK_IMPORTED_MODULE_0__/* .diffChanges */ .Xw)(diff).map(({ what, change }) => `${what} ${change}`));
    const has = (...kinds) => kinds.some((kind) => present.has(kind));
    const lines = [
        'The next start from a checkpoint bootstraps these changes: with bootstrap-policy await_approval (the default) it stops at AwaitingApproval until they are approved; reject stops it with an error; allow bootstraps at once. Bootstrapping is a Feldera Enterprise feature.',
    ];
    if (has('table added', 'table modified')) {
        lines.push('New and modified tables start empty: their state is truncated, their input connectors start again from their initial configuration, and every view derived from a modified table is modified too.');
    }
    if (has('table removed', 'view removed'))
        lines.push('Removed tables and views lose their state.');
    if (has('view added', 'view modified')) {
        lines.push('New and modified views are computed from the existing state, and their whole contents go to their output connectors (not with silent-bootstrap: true). No retractions are sent for the old contents of a modified view: clear its sinks before approving.');
    }
    if (has('input connector added', 'input connector modified'))
        lines.push('New and modified input connectors start from their initial configuration, not from the checkpoint.');
    if (diff.program_diff_error)
        lines.push('Feldera could not compute the program diff: it cannot say which tables and views change.');
    return lines;
}


/***/ }),

/***/ 30138:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   hU: () => (/* binding */ phaseOf),
/* harmony export */   ke: () => (/* binding */ Progress),
/* harmony export */   m: () => (/* binding */ HEARTBEAT_MS)
/* harmony export */ });
/* harmony import */ var _text_text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(98544);

/** A line at least this often while nothing changes, so that a long bootstrap never looks hung. */
const HEARTBEAT_MS = 30_000;
/**
 * What the wait of one pipeline has seen so far: the statuses and when, the last approval diff, the
 * last transient failure. Owned by the poll loop, which writes it through `observe` and
 * `noteFailure`; the other phases and the report only read it.
 */
class Progress {
    startedAt = performance.now();
    /** The same moment on the runner's wall clock (ms since the epoch): what Feldera's event times are compared with. */
    startedAtEpochMs = Date.now();
    #last;
    #timeline = [];
    #approvalDiff;
    #lastFailure;
    lastLineMs = 0;
    log;
    /** With several pipelines, one heartbeat line speaks for all of them (src/main.ts). */
    heartbeat;
    constructor(log, heartbeat = true) {
        this.log = log;
        this.heartbeat = heartbeat;
    }
    /** The last status read. */
    get last() {
        return this.#last;
    }
    get timeline() {
        return this.#timeline;
    }
    /** The last diff seen while `AwaitingApproval`. */
    get approvalDiff() {
        return this.#approvalDiff;
    }
    /** The last transient failure, for a timeout's message; cleared when a request succeeds. */
    get lastFailure() {
        return this.#lastFailure;
    }
    /** A request failed and will be tried again (a message), or answered again (undefined). */
    noteFailure(message) {
        this.#lastFailure = message;
    }
    elapsedMs() {
        return performance.now() - this.startedAt;
    }
    /** Compute was brought up at some point, so the pipeline may have written a log. */
    get provisioned() {
        return this.timeline.some((entry) => entry.of === 'deployment' && entry.status !== 'Stopped');
    }
    /** Records a snapshot; logs a line when the status, the desired status or the program status changed. */
    observe(status) {
        const before = this.#last;
        const now = this.elapsedMs();
        this.#last = status;
        if (status.deployment_status === 'AwaitingApproval' && status.approval_diff)
            this.#approvalDiff = status.approval_diff;
        const phase = phaseOf(status);
        const current = this.#timeline.at(-1);
        if (current?.status !== phase.status || current.of !== phase.of) {
            if (current)
                current.endedMs = now;
            this.#timeline.push({ ...phase, beganMs: now, endedMs: undefined });
        }
        const changed = before?.deployment_status !== status.deployment_status ||
            before.deployment_desired_status !== status.deployment_desired_status ||
            before.program_status !== status.program_status;
        if (changed) {
            const program = status.program_status === 'Success' ? '' : `, program ${status.program_status}`;
            this.line(`[${(0,_text_text_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(now)}] ${status.deployment_status} (desired ${status.deployment_desired_status}${program})`);
        }
        else if (this.heartbeat && now - this.lastLineMs >= HEARTBEAT_MS) {
            this.line(`[${(0,_text_text_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(now)}] ${this.describeLast(true)}`);
        }
    }
    /** Bootstrap progress, shown by the heartbeat and kept in the phase's timeline entry. */
    noteProgress(text) {
        const current = this.#timeline.at(-1);
        if (current)
            current.progress = text;
    }
    /**
     * `Provisioning for 2m10s`, or `the program is still compiling: CompilingRust for 4m10s`: where
     * the pipeline is and since when. `still` for a heartbeat.
     */
    describeLast(still = false) {
        const current = this.#timeline.at(-1);
        if (!current)
            return 'no status was read';
        const since = `${current.status} for ${(0,_text_text_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(this.elapsedMs() - current.beganMs)}`;
        const progress = current.progress ? ` (${current.progress})` : '';
        if (current.of === 'deployment')
            return `${still ? 'still ' : ''}${since}${progress}`;
        return COMPILING.has(current.status) ? `the program is still compiling: ${since}` : `the program is ${since}`;
    }
    line(text) {
        this.lastLineMs = this.elapsedMs();
        this.log(text);
    }
}
const COMPILING = new Set(['Pending', 'CompilingSql', 'SqlCompiled', 'CompilingRust']);
/** The phase a status read, or one of Feldera's events, shows. */
function phaseOf(status) {
    if (status.deployment_status === 'Stopped' && status.program_status !== 'Success')
        return { status: status.program_status, of: 'program' };
    return { status: status.deployment_status, of: 'deployment' };
}


/***/ }),

/***/ 75988:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $8: () => (/* binding */ deployed),
/* harmony export */   Ag: () => (/* binding */ differs),
/* harmony export */   LX: () => (/* binding */ COMPILING),
/* harmony export */   _B: () => (/* binding */ programFields),
/* harmony export */   _P: () => (/* binding */ COMPILE_FAILED)
/* harmony export */ });
/** The program statuses of a compile under way (`Pending` … `CompilingRust`). */
const COMPILING = new Set(['Pending', 'CompilingSql', 'SqlCompiled', 'CompilingRust']);
/** The program statuses of a program that does not compile. */
const COMPILE_FAILED = new Set(['SqlError', 'RustError', 'SystemError']);
/** The fields a `PATCH` or `PUT` sends: the program, and the UDFs only where a file gave them. */
function programFields(wanted) {
    return {
        program_code: wanted.program_code,
        ...(wanted.udf_rust === undefined ? {} : { udf_rust: wanted.udf_rust }),
        ...(wanted.udf_toml === undefined ? {} : { udf_toml: wanted.udf_toml }),
    };
}
/** The configured program is not the one wanted: an equal value is no change, and Feldera bumps nothing for it. */
function differs(current, wanted) {
    return Object.entries(programFields(wanted)).some(([field, value]) => current[field] !== value);
}
/** Deployed: anything but Stopped and desired Stopped, which is where Feldera takes a program change. */
function deployed(status) {
    return status.deployment_status !== 'Stopped' || status.deployment_desired_status !== 'Stopped';
}


/***/ }),

/***/ 31053:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D8: () => (/* binding */ bootstrapDifferences),
/* harmony export */   FA: () => (/* binding */ transitionText),
/* harmony export */   iq: () => (/* binding */ foundText),
/* harmony export */   mj: () => (/* binding */ decideTransition)
/* harmony export */ });
/* harmony import */ var _lifecycle_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(80973);

/** Phases a pipeline goes through on its way to its desired status; moving it now would skip or cut them. */
const BUSY = new Set(['AwaitingApproval', 'Bootstrapping', 'ConcurrentBootstrapping', 'Synchronizing', 'Replaying']);
/** Where a deployed pipeline rests, and can be moved from (feldera-types' may_transition_to). */
const UP = new Set(['Running', 'Paused', 'Standby']);
/**
 * Found state × asked state → the call (README "When the pipeline is already deployed"). The found
 * state is `deployment_desired_status`, where the pipeline is going now, not `deployment_initial`,
 * which keeps the first start's value through /pause and /resume.
 */
function decideTransition(found, initial, ifDeployed) {
    const asked = (0,_lifecycle_js__WEBPACK_IMPORTED_MODULE_0__/* .targetStatus */ .u)(initial);
    const status = found.deployment_status;
    const desired = found.deployment_desired_status;
    // Stopped, or being stopped: start (start.ts waits for Stopped first).
    if (desired === 'Stopped')
        return { kind: 'start', accepted: 'start' };
    // As before this input: /start, and Feldera refuses what differs from the first start.
    if (ifDeployed === 'fail')
        return { kind: 'start', accepted: desired === asked ? 'none' : undefined };
    if (desired === asked)
        return { kind: 'none' };
    const where = `Pipeline ${found.name} is ${status}${status === desired ? '' : ` (desired ${desired})`}`;
    const stay = `ask for initial: ${desired.toLowerCase()}`;
    if (desired === 'Suspended') {
        return refuse(`${where}: it is being suspended (a graceful stop), and cannot become ${asked} before it is Stopped.`, 'run the step again once it is Stopped: it then starts it.');
    }
    if (BUSY.has(status)) {
        const first = status === 'AwaitingApproval'
            ? 'approve its changes (auto-approve: true, the Feldera console or fda approve) and wait'
            : 'wait';
        return refuse(`${where}: it cannot be moved to ${asked} before it is ${desired}.`, `${first} until it is ${desired}, then run the step again; or ${stay}.`);
    }
    if (!UP.has(status) || !UP.has(desired))
        return { kind: 'wait' };
    if (asked === 'Standby') {
        return refuse(`${where}: a pipeline out of standby cannot go back to Standby.`, `stop it, then start it with initial: standby; or ${stay}.`);
    }
    if (desired === 'Standby')
        return { kind: 'move', transition: 'activate' };
    return { kind: 'move', transition: asked === 'Running' ? 'resume' : 'pause' };
}
function refuse(message, hint) {
    return { kind: 'refuse', message, hint };
}
/** `Paused since 10:42 UTC (started paused)`: where a status read found the pipeline, for the log and the summary. */
function foundText(found, now = new Date()) {
    const { deployment_status: status, deployment_desired_status: desired } = found;
    const toward = status === desired || desired === 'Stopped' ? '' : ` (desired ${desired})`;
    const since = sinceText(found.deployment_status_since, now);
    const started = found.deployment_initial ? ` (started ${found.deployment_initial.toLowerCase()})` : '';
    return `${status}${toward}${since}${started}`;
}
/** ` since 10:42 UTC`, with the day when it is not today's; empty when the time does not parse. */
function sinceText(iso, now) {
    const at = new Date(iso);
    if (Number.isNaN(at.getTime()))
        return '';
    const [day, time] = at.toISOString().split('T');
    const today = now.toISOString().startsWith(day);
    return ` since ${today ? '' : `${day} `}${time.slice(0, 5)} UTC`;
}
const DONE = {
    start: 'started',
    resume: 'resumed',
    pause: 'paused',
    activate: 'activated',
};
/**
 * `was Paused since 10:42 UTC (started paused); resumed`: what the step found and did, for the
 * summary. `decidedOn`: a later read, when the step waited for the pipeline to come up.
 */
function transitionText(found, decidedOn, transition, asked, now = new Date(), 
/** What the step did between where it found the pipeline and the call: `stopped for the update`. */
between) {
    const done = transition === undefined
        ? 'not moved'
        : transition === 'none'
            ? found.deployment_status === asked
                ? 'nothing to do'
                : `nothing to do: already on its way to ${asked}`
            : DONE[transition];
    const once = decidedOn && transition !== undefined && transition !== 'none' ? ` once it was ${decidedOn.deployment_status}` : '';
    return `was ${foundText(found, now)}${between ? `, then ${between}` : ''}; ${done}${once}`;
}
/** The bootstrap inputs that differ from the last start's: a move keeps the start's, so they do not apply. */
function bootstrapDifferences(started, asked) {
    if (!started)
        return [];
    const differences = [];
    if (started.policy !== asked.policy)
        differences.push(`bootstrap-policy ${asked.policy} (started with ${started.policy})`);
    if (started.silent !== asked.silent)
        differences.push(`silent-bootstrap ${String(asked.silent)} (started with ${String(started.silent)})`);
    if (started.concurrent !== asked.concurrent)
        differences.push(`concurrent-bootstrap ${String(asked.concurrent)} (started with ${String(started.concurrent)})`);
    return differences;
}


/***/ }),

/***/ 81059:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D: () => (/* binding */ requestedBootstrap),
/* harmony export */   c: () => (/* binding */ converge)
/* harmony export */ });
/* harmony import */ var _text_text_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(98544);
/* harmony import */ var _feldera_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(29210);
/* harmony import */ var _model_lifecycle_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(80973);
/* harmony import */ var _model_outcome_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(53993);
/* harmony import */ var _model_transition_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(31053);





/** Starting again after a stop in progress: enough for a stop, too few to loop for ever. */
const START_ROUNDS = 3;
/** Feldera's answers while the pipeline is still stopping: wait for Stopped, then try again. */
const STILL_STOPPING = new Set(['IllegalPipelineAction', 'DismissErrorRestrictedToFullyStopped']);
/** A /start that found the pipeline started by someone else since the status read: read again, decide once more. */
const STARTED_MEANWHILE = new Set(['InitialImmutableUnlessStopped', 'BootstrapPolicyImmutableUnlessStopped']);
/** The failures a pipeline coming up can show while the step waits to move it: someone else's start failed, or was stopped. */
const COMING_UP_FAILURES = new Set(['deployment-error', 'compilation-failed', 'stopped-externally']);
/**
 * Reads where the pipeline is, decides from that one read (transition.ts), and makes the one call
 * that gets it to `initial`. A start refused because someone else started the pipeline meanwhile is
 * read and decided once more, never in a loop. What it did goes into `converged`; resolves to a failure, if any.
 */
async function converge(context, converged) {
    const { client, config, progress, log, setup } = context;
    for (let round = 1;; round++) {
        const read = await client.status(setup);
        progress.observe(read);
        converged.found ??= read;
        const decided = await decideWhenUp(read, context);
        if ('failure' in decided)
            return decided.failure;
        const { decision, status } = decided;
        if (status !== read)
            converged.decidedOn = status;
        const what = `Pipeline ${client.pipelineName} is ${(0,_model_transition_js__WEBPACK_IMPORTED_MODULE_3__/* .foundText */ .iq)(status)}`;
        switch (decision.kind) {
            case 'refuse':
                return { result: 'failed', code: 'CannotConverge', message: decision.message, hint: decision.hint };
            case 'none':
                log.info(`${what}: nothing to move (if-deployed: converge).`);
                warnBootstrap(status, context);
                converged.transition = 'none';
                return undefined;
            case 'move': {
                const call = decision.transition === 'activate'
                    ? `POST /activate?initial=${config.initial}`
                    : `POST /${decision.transition}`;
                log.info(`${what}: moving it to ${(0,_model_lifecycle_js__WEBPACK_IMPORTED_MODULE_1__/* .targetStatus */ .u)(config.initial)} with ${call} (if-deployed: converge).`);
                warnBootstrap(status, context);
                // Forwarded to the pipeline process: a 503 while it is out of reach is retried until the step's budget ends.
                const retry = { ...setup, windowMs: Infinity };
                if (decision.transition === 'resume')
                    await client.resume(retry);
                else if (decision.transition === 'pause')
                    await client.pause(retry);
                else
                    await client.activate(config.initial === 'paused' ? 'paused' : 'running', retry);
                converged.transition = decision.transition;
                log.info(`Feldera accepted ${call}.`);
                converged.move = { call, from: status.deployment_desired_status, acceptedMs: progress.elapsedMs() };
                return undefined;
            }
            case 'start':
                try {
                    // Only a pipeline found stopped can hold an error to dismiss: it comes with desired Stopped.
                    await start(context, decision.accepted === 'start');
                }
                catch (error) {
                    if (!(round === 1 &&
                        config.ifDeployed === 'converge' &&
                        error instanceof _feldera_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .FelderaError */ .kP &&
                        STARTED_MEANWHILE.has(error.code)))
                        throw error;
                    log.info(`Someone else started the pipeline since the step read its status (${error.code}); reading it again.`);
                    continue;
                }
                converged.transition = decision.accepted;
                if (decision.accepted === 'start') {
                    converged.startAccepted = true;
                    context.onAccepted();
                }
                return undefined;
        }
    }
}
/** The decision on `read`, or, for a pipeline coming up towards another state, on the first read that finds it up. */
async function decideWhenUp(read, { config, client, log, watch }) {
    const first = (0,_model_transition_js__WEBPACK_IMPORTED_MODULE_3__/* .decideTransition */ .mj)(read, config.initial, config.ifDeployed);
    if (first.kind !== 'wait')
        return { decision: first, status: read };
    log.info(`Pipeline ${client.pipelineName} is ${(0,_model_transition_js__WEBPACK_IMPORTED_MODULE_3__/* .foundText */ .iq)(read)}: waiting until it is up to move it to ${(0,_model_lifecycle_js__WEBPACK_IMPORTED_MODULE_1__/* .targetStatus */ .u)(config.initial)}.`);
    return watch((status) => {
        const verdict = (0,_model_lifecycle_js__WEBPACK_IMPORTED_MODULE_1__/* .classify */ .L)(status, config.initial);
        const failure = COMING_UP_FAILURES.has(verdict.kind) ? (0,_model_outcome_js__WEBPACK_IMPORTED_MODULE_2__/* .statusFailure */ .FP)(verdict, status, config.initial) : undefined;
        if (failure?.result === 'failed')
            return { failure };
        const decision = (0,_model_transition_js__WEBPACK_IMPORTED_MODULE_3__/* .decideTransition */ .mj)(status, config.initial, config.ifDeployed);
        return decision.kind === 'wait' ? undefined : { decision, status };
    });
}
/** Dismisses an earlier error and starts the pipeline, waiting out a stop in progress (API.md 9). */
async function start({ client, config, log, setup, watch }, stopped) {
    for (let round = 1;; round++) {
        try {
            if (config.dismissError && stopped)
                await client.dismissError(setup);
            await client.start(config.initial, requestedBootstrap(config), setup);
            return;
        }
        catch (error) {
            if (!(error instanceof _feldera_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .FelderaError */ .kP && STILL_STOPPING.has(error.code) && round < START_ROUNDS))
                throw error;
            log.info(`The pipeline is still stopping (${error.code}); waiting for Stopped to start it again.`);
            await watch((status) => (status.deployment_status === 'Stopped' ? true : undefined));
        }
    }
}
/** The bootstrap inputs apply to a start only: a pipeline moved keeps those it was started with. */
function warnBootstrap(status, { client, config, log }) {
    const differences = (0,_model_transition_js__WEBPACK_IMPORTED_MODULE_3__/* .bootstrapDifferences */ .D8)(status.bootstrap, requestedBootstrap(config));
    if (differences.length === 0)
        return;
    log.warning(`Pipeline ${client.pipelineName} keeps the bootstrap settings it was started with: ${differences.join(', ')} apply to a start only (Feldera would refuse them with BootstrapPolicyImmutableUnlessStopped). To use them, stop the pipeline and run the step again.`, `${(0,_text_text_js__WEBPACK_IMPORTED_MODULE_4__/* .pipelineLabel */ .nE)(client.pipelineName)} keeps its bootstrap settings`);
}
/** With reloadable-tables, the pipeline must stop at AwaitingApproval for the step to see what it reloads. */
function requestedBootstrap(config) {
    const policy = config.reloadableTables ? 'await_approval' : config.bootstrapPolicy;
    return { policy, silent: config.silentBootstrap, concurrent: config.concurrentBootstrap };
}


/***/ }),

/***/ 9187:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  o: () => (/* binding */ noHealth),
  c: () => (/* binding */ watchHealth)
});

// EXTERNAL MODULE: ./src/feldera/errors.ts
var errors = __webpack_require__(29210);
// EXTERNAL MODULE: ./src/model/lifecycle.ts
var lifecycle = __webpack_require__(80973);
// EXTERNAL MODULE: ./src/model/outcome.ts + 1 modules
var outcome = __webpack_require__(53993);
// EXTERNAL MODULE: ./src/model/run-end.ts
var run_end = __webpack_require__(37092);
// EXTERNAL MODULE: ./src/text/text.ts
var text_text = __webpack_require__(98544);
// EXTERNAL MODULE: ./src/phases/wait.ts + 2 modules
var wait = __webpack_require__(60158);
// EXTERNAL MODULE: ./src/phases/phase.ts
var phase = __webpack_require__(95079);
// EXTERNAL MODULE: ./src/model/endpoints.ts
var endpoints = __webpack_require__(97615);
;// CONCATENATED MODULE: ./src/model/verdict.ts


/** When endpoints fail for different reasons, the step's code is the first of these. */
const GRAVITY = ['ConnectorFailed', 'ConnectorUnhealthy', 'ConnectorErrors'];
/** Endpoints named in a failure's message besides the first; the Connectors table has them all. */
const MORE_NAMED = 5;
/**
 * What one read of `/stats` means for the step (issue 10, Behaviour). A fatal error fails at any read;
 * health is judged only at the end of the window, since a connector may still be connecting when the
 * pipeline becomes Running; errors are judged by how far they rose above the baseline. Paused inputs,
 * ended inputs and idle endpoints are not problems: `initial: paused` pauses them by design.
 */
function healthVerdict(check) {
    const before = new Map((0,endpoints/* endpointsOf */.uY)(check.baseline).map((endpoint) => [(0,endpoints/* endpointKey */.r4)(endpoint), endpoint.errors]));
    const problems = (0,endpoints/* endpointsOf */.uY)(check.current).flatMap((endpoint) => {
        const found = endpointProblems(endpoint, endpoint.errors - (before.get((0,endpoints/* endpointKey */.r4)(endpoint)) ?? 0), check);
        // One per endpoint: the one that fails the step if any, else the gravest.
        return found
            .filter((problem) => problem.fails)
            .concat(found)
            .slice(0, 1);
    });
    const failing = problems.filter((problem) => problem.fails);
    if (failing.length === 0)
        return problems.length > 0 ? { kind: 'warn', problems } : { kind: 'pass' };
    const code = GRAVITY.find((gravest) => failing.some((problem) => problem.code === gravest));
    const [first, ...others] = failing.filter((problem) => problem.code === code);
    // Never: one problem fails, and each has a code of GRAVITY.
    if (!first)
        return { kind: 'warn', problems };
    const message = others.length > 0 ? `${first.message.replace(/([^.!?])$/, '$1.')} ${alsoNamed(others)}` : first.message;
    return { kind: 'fail', code: first.code, message, problems };
}
function endpointProblems(endpoint, newErrors, check) {
    const about = capitalised((0,endpoints/* describeEndpoint */.N2)(endpoint));
    const found = [];
    if (endpoint.fatalError !== null) {
        found.push({
            endpoint,
            code: 'ConnectorFailed',
            fails: true,
            message: `${about} failed: ${endpoint.fatalError || 'Feldera gave no message'}`,
        });
    }
    if (check.phase === 'end' && endpoint.health?.status === 'Unhealthy') {
        const when = check.windowMs > 0
            ? `is still Unhealthy after the health window of ${(0,text_text/* formatDuration */.a3)(check.windowMs)}`
            : 'is Unhealthy at the one check of health-window 0s (it may still be connecting)';
        found.push({
            endpoint,
            code: 'ConnectorUnhealthy',
            fails: check.windowMs > 0,
            message: `${about} ${when}${lastError(endpoint)}`,
        });
    }
    // A count below the baseline means a new pipeline process with its own counters: nothing rose.
    if (newErrors > 0 && check.connectorErrors !== 'ignore') {
        const counted = `counted ${newErrors} new ${newErrors === 1 ? 'error' : 'errors'} since the first read (${endpoint.errors} in all)`;
        found.push({
            endpoint,
            code: 'ConnectorErrors',
            fails: check.connectorErrors === 'fail',
            message: `${about} ${counted}${lastError(endpoint)}`,
        });
    }
    return found;
}
function lastError(endpoint) {
    return endpoint.lastError ? `; Feldera's last error: ${endpoint.lastError}` : '; Feldera gave no message';
}
function alsoNamed(others) {
    const names = others.slice(0, MORE_NAMED).map((problem) => `${problem.endpoint.direction} ${problem.endpoint.name}`);
    const rest = others.length > MORE_NAMED ? ` and ${others.length - MORE_NAMED} more` : '';
    return `The same for ${others.length} more ${others.length === 1 ? 'endpoint' : 'endpoints'}: ${names.join(', ')}${rest}.`;
}
function capitalised(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

;// CONCATENATED MODULE: ./src/phases/health-window.ts








function noHealth() {
    return { baseline: undefined, last: undefined, problems: [], notes: [] };
}
/** A `0s` window still allows its one read a few seconds of retries. */
const MIN_READ_WINDOW_MS = 5000;
/**
 * After the target: reads `/stats` at once, then the status and `/stats` every poll-interval until
 * `health-window` has passed, and judges each read (src/model/verdict.ts). A pipeline that leaves
 * the target fails as it would have before it. The window is part of `timeout`: a budget that runs
 * out inside it ends it, judged on the last read, never as a `Timeout`. Never throws: what it read
 * comes back with the outcome, a cancel's or an error's failure included.
 */
async function watchHealth(context) {
    const health = noHealth();
    let outcome;
    try {
        outcome = await judgeWindow(context, health);
    }
    catch (error) {
        outcome = context.fail(error);
    }
    return { outcome, health };
}
async function judgeWindow({ client, config, progress, signal, log }, health) {
    const waiting = (0,phase/* waitingRetry */.o)(progress, log);
    const windowMs = config.healthWindowMs;
    const endsAt = performance.now() + windowMs;
    let reads = 0;
    /** Why `/stats` could not be read; a refusal (404, 401, …) is not asked again. */
    let unreadable;
    const judge = (phase) => {
        if (!health.last || !health.baseline)
            return undefined;
        const verdict = healthVerdict({
            baseline: health.baseline,
            current: health.last,
            phase,
            windowMs,
            connectorErrors: config.connectorErrors,
        });
        health.problems = verdict.kind === 'pass' ? [] : verdict.problems;
        return verdict.kind === 'fail' ? { result: 'failed', code: verdict.code, message: verdict.message } : undefined;
    };
    try {
        const failed = await (0,wait/* poll */.wt)(async () => {
            // The status that reached the target was just read: the first round reads only `/stats`.
            if (reads++ > 0) {
                const status = await client.status(waiting);
                progress.observe(status);
                const left = (0,outcome/* statusFailure */.FP)((0,lifecycle/* classify */.L)(status, config.initial), status, config.initial);
                if (left)
                    return left;
            }
            if (!unreadable?.final) {
                try {
                    // Retried within one poll-interval, so that the status is read every interval: a pipeline
                    // that dies answers /stats with 503, and only its status says why.
                    const readWindowMs = windowMs === 0
                        ? MIN_READ_WINDOW_MS
                        : Math.min(config.pollIntervalMs, Math.max(0, endsAt - performance.now()));
                    health.last = await client.stats({ windowMs: readWindowMs });
                    health.baseline ??= health.last;
                    unreadable = undefined;
                }
                catch (error) {
                    if (!(error instanceof errors/* FelderaError */.kP))
                        throw error;
                    unreadable = { message: error.message, final: error.kind !== 'gave-up' };
                }
            }
            const phase = performance.now() >= endsAt ? 'end' : 'during';
            return judge(phase) ?? (phase === 'end' ? null : undefined);
        }, config.pollIntervalMs, signal);
        if (failed)
            return failed;
    }
    catch (error) {
        if (!(error instanceof run_end/* RunEnded */.Q && error.code === 'Timeout'))
            throw error;
        health.notes.push(`The timeout ran out inside the health window of ${(0,text_text/* formatDuration */.a3)(windowMs)}: its health was judged on the last read.`);
        const failed = judge('end');
        if (failed)
            return failed;
    }
    if (!health.last)
        health.notes.push(`The pipeline's health could not be checked: ${unreadable?.message ?? 'no read of /stats answered'}.`);
    return { result: 'reached' };
}


/***/ }),

/***/ 95079:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ setupRetry),
/* harmony export */   o: () => (/* binding */ waitingRetry)
/* harmony export */ });
/* harmony import */ var _text_text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(98544);

/** Before the pipeline is moved, a wrong api-url must fail fast, not after the whole budget. */
const SETUP_RETRY_WINDOW_MS = 20_000;
/** The first read and the start retry for a short while only: a wrong api-url fails fast. */
function setupRetry(progress, log) {
    return {
        windowMs: SETUP_RETRY_WINDOW_MS,
        onRetry: (failure, delayMs) => {
            progress.noteFailure(failure.message);
            log.info(`${failure.message}; trying again in ${(0,_text_text_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(delayMs)}.`);
        },
        onRecovered: () => progress.noteFailure(undefined),
    };
}
/** While waiting, failures never end the wait: one warning when an outage starts, a line when it ends. */
function waitingRetry(progress, log) {
    return {
        windowMs: Infinity,
        onRetry: (failure, delayMs, attempt) => {
            progress.noteFailure(failure.message);
            if (attempt === 1)
                log.warning(`${failure.message}; retrying until it answers or the timeout runs out.`, 'Feldera not answering');
            else
                log.info(`Still failing (attempt ${attempt}); trying again in ${(0,_text_text_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(delayMs)}.`);
        },
        onRecovered: (attempts, elapsedMs) => {
            progress.noteFailure(undefined);
            log.info(`Feldera answered again after ${attempts} attempts in ${(0,_text_text_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(elapsedMs)}.`);
        },
    };
}


/***/ }),

/***/ 5109:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GK: () => (/* binding */ unnamedRun),
/* harmony export */   Ke: () => (/* binding */ PipelineRun),
/* harmony export */   zv: () => (/* binding */ recordOf)
/* harmony export */ });
/* harmony import */ var _health_window_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9187);
/* harmony import */ var _log_phase_log_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(25414);
/* harmony import */ var _log_log_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(75384);
/* harmony import */ var _model_progress_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(30138);
// The run of one pipeline as the report and a cancel see it: its name, log, progress, the phase it is
// in, and the record built once when it ends.




/** A record of a run that ended before any phase: only its outcome. */
function recordOf(outcome, parts = {}) {
    return {
        outcome,
        converged: undefined,
        approval: undefined,
        health: (0,_health_window_js__WEBPACK_IMPORTED_MODULE_0__/* .noHealth */ .o)(),
        diagnosis: { problems: [] },
        supportBundle: undefined,
        stop: undefined,
        plan: undefined,
        release: undefined,
        restarted: undefined,
        reachedMs: undefined,
        ...parts,
    };
}
/**
 * The run of one pipeline: its name, its log, the wait's progress, what it is doing now (named by
 * `phase`, for a cancel), and its record once it ended.
 */
class PipelineRun {
    name;
    pipelineUrl;
    log;
    progress;
    #doing = 'starting it';
    #cancel;
    #record;
    constructor(name, apiUrl, log, heartbeat) {
        this.name = name;
        this.pipelineUrl = apiUrl ? new URL(`pipelines/${encodeURIComponent(name)}/`, apiUrl).href : '';
        this.log = log;
        this.progress = new _model_progress_js__WEBPACK_IMPORTED_MODULE_2__/* .Progress */ .ke((line) => log.info(line), heartbeat);
    }
    /** What the run is doing now: `collecting its support bundle`. */
    get doing() {
        return this.#doing;
    }
    /** The runner's cancel, and what the run was doing when it came. */
    get cancel() {
        return this.#cancel;
    }
    /** Undefined until the run ended. */
    get record() {
        return this.#record;
    }
    /** Runs one phase under its name: a cancel that comes meanwhile is said to have come while doing it. */
    phase(doing, work) {
        this.#doing = doing;
        return work();
    }
    /** From now on, where the runner's cancel finds the run is kept, the moment it comes. */
    listen(cancelled) {
        const note = () => {
            const reason = cancelled.reason;
            this.#cancel ??= { reason: reason instanceof Error ? reason.message : String(reason), during: this.#doing };
        };
        if (cancelled.aborted)
            note();
        else
            cancelled.addEventListener('abort', note, { once: true });
    }
    /** Keeps the run's record: once. */
    end(record) {
        if (this.#record)
            throw new Error(`the run of pipeline ${this.name} ended twice`);
        this.#record = record;
    }
}
/** The run of the pipeline the input names, as given, when the inputs could not be read or no run began. */
function unnamedRun(name, cancelled) {
    const run = new PipelineRun(name, undefined, new _log_phase_log_js__WEBPACK_IMPORTED_MODULE_3__/* .PhaseLog */ .U(_log_log_js__WEBPACK_IMPORTED_MODULE_1__/* .stepLog */ .tV), true);
    run.listen(cancelled);
    return run;
}


/***/ }),

/***/ 15634:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ stopPipeline),
/* harmony export */   u: () => (/* binding */ stopsAfter)
/* harmony export */ });
/* harmony import */ var _feldera_abortable_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(40987);
/* harmony import */ var _text_text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(98544);
/* harmony import */ var _wait_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(60158);



/** The failures after which `stop-on-failure` stops the pipeline: the pipeline is up, or coming up, and not right. */
const STOPPED_AFTER = new Set(['Timeout', 'Cancelled', 'ConnectorFailed', 'ConnectorUnhealthy', 'ConnectorErrors']);
/** Whether this step should stop the pipeline it started: never when someone else steers it, or Feldera already stops it. */
function stopsAfter(outcome) {
    return outcome.result === 'failed' && STOPPED_AFTER.has(outcome.code);
}
/** After a cancel, the stop gets this long; the report has the rest of the 5 s the step takes to end. */
const STOP_AFTER_CANCEL_MS = 2500;
/** After a stop, a status read this often until `Stopped`. */
const STOP_POLL_MS = 500;
/**
 * `POST /stop?force=true`, retried like the other writes, then the status until `Stopped`, all within
 * `budgetMs` (and the client's signal). Resolves to `undefined` when the pipeline is `Stopped`, else
 * to what went wrong: the caller warns, and the step's error code stays the one that caused the stop.
 */
async function stopPipeline(client, budgetMs, cancelled) {
    // A cancel cuts what is left of the budget: the runner kills the step soon after its signal.
    const budget = (0,_feldera_abortable_js__WEBPACK_IMPORTED_MODULE_1__/* .ownBudget */ .As)(budgetMs, (0,_feldera_abortable_js__WEBPACK_IMPORTED_MODULE_1__/* .graceAfter */ .Dc)(cancelled, STOP_AFTER_CANCEL_MS));
    const within = client.withSignal(budget);
    try {
        await within.stop({ windowMs: budgetMs });
        await (0,_wait_js__WEBPACK_IMPORTED_MODULE_0__/* .poll */ .wt)(async () => ((await within.status({ windowMs: budgetMs })).deployment_status === 'Stopped' ? true : undefined), STOP_POLL_MS, budget);
        return undefined;
    }
    catch (error) {
        if (budget.aborted)
            return cancelled.aborted
                ? 'the run was cancelled before it was Stopped'
                : `it was not Stopped within ${(0,_text_text_js__WEBPACK_IMPORTED_MODULE_2__/* .formatDuration */ .a3)(budgetMs)}`;
        return (0,_text_text_js__WEBPACK_IMPORTED_MODULE_2__/* .messageOf */ .bD)(error);
    }
}


/***/ }),

/***/ 60158:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  wt: () => (/* binding */ poll),
  oJ: () => (/* binding */ readAccepted),
  wi: () => (/* binding */ waitForTarget),
  VL: () => (/* binding */ watcher),
  A2: () => (/* binding */ whenCompiled)
});

// EXTERNAL MODULE: ./src/feldera/errors.ts
var errors = __webpack_require__(29210);
// EXTERNAL MODULE: ./src/feldera/abortable.ts
var abortable = __webpack_require__(40987);
// EXTERNAL MODULE: ./src/phases/converge.ts
var converge = __webpack_require__(81059);
// EXTERNAL MODULE: ./src/model/lifecycle.ts
var lifecycle = __webpack_require__(80973);
// EXTERNAL MODULE: ./src/model/outcome.ts + 1 modules
var outcome = __webpack_require__(53993);
;// CONCATENATED MODULE: ./src/model/bootstrap.ts
/**
 * `Bootstrapping: 12 of 40 operators, 1.2M of 3.4M records`, or undefined while Feldera reports no
 * commit in progress (a bootstrap replays its inputs before it commits). Operators are counted as
 * the web console does: completed of completed + in progress + remaining; records are those of the
 * operators being flushed.
 */
function bootstrapProgress(status) {
    const global = status.global_metrics;
    const [label, progress] = global.concurrent_bootstrap_phase === 'ConcurrentBootstrapping'
        ? ['Bootstrapping concurrently', global.concurrent_bootstrap_progress]
        : global.concurrent_bootstrap_phase === 'Synchronizing'
            ? ['Synchronizing', global.concurrent_bootstrap_progress]
            : ['Bootstrapping', global.commit_progress];
    return progress ? describeProgress(label, progress) : undefined;
}
function describeProgress(label, progress) {
    const operators = progress.completed + progress.in_progress + progress.remaining;
    if (operators === 0)
        return undefined;
    const records = progress.in_progress_total_records > 0
        ? `, ${formatCount(progress.in_progress_processed_records)} of ${formatCount(progress.in_progress_total_records)} records`
        : '';
    return `${label}: ${formatCount(progress.completed)} of ${formatCount(operators)} operators${records}`;
}
const SUFFIXES = ['k', 'M', 'B', 'T'];
/** `1234567` → `1.2M`: a count short enough for a progress line; one decimal below 100 of a unit. */
function formatCount(count) {
    const rounded = (value) => (value < 100 ? Math.round(value * 10) / 10 : Math.round(value));
    let value = Math.max(0, count);
    let unit = -1;
    // Rounding decides the unit: 999,960 is `1M`, not `1000k`.
    while (unit < SUFFIXES.length - 1 && rounded(value) >= 1000) {
        value /= 1000;
        unit++;
    }
    return unit < 0 ? String(Math.round(value)) : `${rounded(value)}${SUFFIXES[unit]}`;
}

// EXTERNAL MODULE: ./src/model/approval.ts
var model_approval = __webpack_require__(58762);
// EXTERNAL MODULE: ./src/text/text.ts
var text_text = __webpack_require__(98544);
;// CONCATENATED MODULE: ./src/model/reloadable.ts
function reloadApproval(diff, reloadable) {
    if (!diff)
        return { approve: false, reason: 'Feldera did not say what changed', blocked: [] };
    if (!diff.program_diff)
        return {
            approve: false,
            reason: `Feldera could not compute the program diff (${diff.program_diff_error ?? 'it gave no reason'})`,
            blocked: [],
        };
    const blocked = diff.program_diff.modified_tables.filter((table) => !reloadable.includes(table));
    if (blocked.length === 0)
        return { approve: true };
    return {
        approve: false,
        reason: `its bootstrap would reload ${blocked.length === 1 ? 'table' : 'tables'} ${blocked.join(', ')}, not in reloadable-tables`,
        blocked,
    };
}
/** The pipeline is left AwaitingApproval, as the Python client leaves it: someone may still approve it. */
function reloadRefused(name, refusal) {
    return {
        result: 'failed',
        code: 'TableReloadNotAllowed',
        message: `Pipeline ${name} was not approved: ${refusal.reason}. It is left AwaitingApproval.`,
        hint: refusal.blocked.length > 0
            ? `to reload ${refusal.blocked.length === 1 ? 'it' : 'them'}, add ${refusal.blocked.join(', ')} to reloadable-tables and run again, or approve it (fda approve ${name}, or the Feldera console); to keep the tables, stop it (fda stop ${name}) and change the program so that they stay unmodified.`
            : `approve it yourself if the changes may reload any table (fda approve ${name}, or the Feldera console), or stop it (fda stop ${name}).`,
    };
}

// EXTERNAL MODULE: ./src/model/expected-diff.ts
var expected_diff = __webpack_require__(98173);
// EXTERNAL MODULE: ./src/model/release.ts
var release = __webpack_require__(75988);
// EXTERNAL MODULE: ./src/phases/phase.ts
var phase = __webpack_require__(95079);
;// CONCATENATED MODULE: ./src/phases/wait.ts












/** One /approve, retried for a few seconds: a pipeline that stopped meanwhile must not hold the step. */
const APPROVE_RETRY = { windowMs: 5000 };
/** After /resume, /pause or /activate the stored desired status follows on the runner's next poll (measured: within 2 s). */
const MOVE_SEEN_WITHIN_MS = 10_000;
const BOOTSTRAPPING = new Set(['Bootstrapping', 'ConcurrentBootstrapping', 'Synchronizing']);
/** A `/stats` read costs the pipeline more than a status read: bootstrap progress at most this often. */
const BOOTSTRAP_PROGRESS_EVERY_MS = 10_000;
/**
 * The one poll loop. It calls `step` every `intervalMs`, counted from the start of the previous call
 * so that a slow answer does not stretch the cadence, until `step` returns a value. It owns no clock
 * of its own: the run's signal ends it when the budget is spent or the run is cancelled.
 */
async function poll(step, intervalMs, signal) {
    for (;;) {
        const started = performance.now();
        const result = await step();
        if (result !== undefined)
            return result;
        await (0,abortable/* sleep */.yy)(Math.max(0, intervalMs - (performance.now() - started)), signal);
    }
}
/** Reads the status every poll-interval into `progress`, handing each to `until`, until it gives a value. */
function watcher(client, progress, intervalMs, signal, log) {
    const waiting = (0,phase/* waitingRetry */.o)(progress, log);
    return (until) => poll(async () => {
        const status = await client.status(waiting);
        progress.observe(status);
        return until(status);
    }, intervalMs, signal);
}
/**
 * The status once the pipeline's own program is compiled (or failed to): someone changed it a moment
 * ago, and a `/diff` compares with the compiled program. Waited for within the run's budget.
 */
async function whenCompiled(client, progress, intervalMs, signal, log) {
    const first = progress.last ?? (await client.status((0,phase/* waitingRetry */.o)(progress, log)));
    progress.observe(first);
    if (!release/* COMPILING */.LX.has(first.program_status))
        return first;
    log.info(`Its configured program is compiling (${first.program_status}): waiting for it first.`);
    return watcher(client, progress, intervalMs, signal, log)((read) => (release/* COMPILING */.LX.has(read.program_status) ? undefined : read));
}
/** `wait: false`: one status read after the accepted call, for the outputs. */
async function readAccepted({ client, progress, log, fail }) {
    const approval = noApproval();
    try {
        progress.observe(await client.status((0,phase/* setupRetry */.m)(progress, log)));
        return { outcome: { result: 'accepted' }, approval };
    }
    catch (error) {
        return { outcome: fail(error), approval };
    }
}
/**
 * Waits for the target (API.md 9), approving at `AwaitingApproval` as the inputs allow. Never throws:
 * an error ends it with its failure, beside what it approved until then.
 */
async function waitForTarget(context, move) {
    const { client, config, progress, log, signal } = context;
    const approval = noApproval();
    let bootstrapReadMs = -Infinity;
    /** The stored desired status has left the one the step moved the pipeline from. */
    let moveSeen = false;
    /** One attempt at the bootstrap's progress, for the heartbeat and the timeline; never fails the step. */
    const readBootstrapProgress = async () => {
        if (progress.elapsedMs() - bootstrapReadMs < BOOTSTRAP_PROGRESS_EVERY_MS)
            return;
        bootstrapReadMs = progress.elapsedMs();
        try {
            const text = bootstrapProgress(await client.stats({ windowMs: 0 }));
            if (text)
                progress.noteProgress(text);
        }
        catch (error) {
            if (!(error instanceof errors/* FelderaError */.kP))
                throw error;
        }
    };
    const judge = async (status) => {
        const classified = (0,lifecycle/* classify */.L)(status, config.initial);
        if (move && status.deployment_desired_status !== move.from)
            moveSeen = true;
        switch (classified.kind) {
            case 'reached':
                if (config.expectedDiff && !approval.approved)
                    log.info('expected-diff was not compared: Feldera asked no approval.');
                return { result: 'reached' };
            case 'awaiting-approval':
                return approve(status, context, approval);
            case 'desired-elsewhere':
                if (move && !moveSeen)
                    return moveNotSeen(move, status, progress);
                return (0,outcome/* statusFailure */.FP)(classified, status, config.initial);
            case 'deployment-error':
            case 'compilation-failed':
            case 'stopped-externally':
                return (0,outcome/* statusFailure */.FP)(classified, status, config.initial);
            case 'waiting':
                if (BOOTSTRAPPING.has(status.deployment_status))
                    await readBootstrapProgress();
                return undefined;
        }
    };
    log.group(`Waiting for ${(0,lifecycle/* targetStatus */.u)(config.initial)}`);
    try {
        const outcome = await watcher(client, progress, config.pollIntervalMs, signal, log)(judge);
        return { outcome, approval };
    }
    catch (error) {
        return { outcome: context.fail(error), approval };
    }
}
function noApproval() {
    return { approved: false, approvedBy: 'auto-approve: true', notExpected: undefined };
}
/** At `AwaitingApproval`: approves once, as the inputs allow, or ends the wait awaiting approval. */
async function approve(status, { client, config, log }, approval) {
    // Approve once, and only after seeing AwaitingApproval: an earlier /approve pre-approves.
    if (approval.approved)
        return undefined;
    const reload = config.reloadableTables ? reloadApproval(status.approval_diff, config.reloadableTables) : undefined;
    const expected = config.expectedDiff?.get(client.pipelineName);
    const match = expected && (0,expected_diff/* expectedMatch */.K)(status.approval_diff, expected);
    log.group((config.autoApprove && match?.approve !== false) || reload?.approve
        ? 'Approving the changes since the checkpoint'
        : 'Changes awaiting approval');
    for (const line of status.approval_diff ? (0,model_approval/* diffLines */.Pp)(status.approval_diff) : ['Feldera sent no diff.'])
        log.detail(line);
    if (reload && !reload.approve)
        return reloadRefused(status.name, reload);
    if (match && !match.approve) {
        // As without auto-approve: the step stays green, the pipeline waits for someone to look.
        log.warning([`Pipeline ${status.name} was not approved: ${match.reason}.`, ...match.differences].join('\n'), `${(0,text_text/* pipelineLabel */.nE)(status.name)} not approved: not the changes of expected-diff`);
        approval.notExpected = match.reason;
        return { result: 'awaiting-approval' };
    }
    if (!config.autoApprove && !reload)
        return { result: 'awaiting-approval' };
    try {
        await client.approve((0,converge/* requestedBootstrap */.D)(config), APPROVE_RETRY);
    }
    catch (error) {
        // The pipeline may have failed or been stopped meanwhile: the next status read tells.
        if (!(error instanceof errors/* FelderaError */.kP && error.kind === 'gave-up'))
            throw error;
        log.info(`Approving failed (${error.message}); reading the status again.`);
        return undefined;
    }
    approval.approved = true;
    if (reload)
        approval.approvedBy = 'every modified table is in reloadable-tables';
    if (match)
        approval.approvedBy = 'auto-approve: true, the changes of expected-diff';
    log.info(`Approved (${approval.approvedBy}).`);
    log.group(`Waiting for ${(0,lifecycle/* targetStatus */.u)(config.initial)}`);
    return undefined;
}
/** Still the desired status the step moved the pipeline from: the runner's lag for a while, then a failure. */
function moveNotSeen(move, status, progress) {
    if (progress.elapsedMs() - move.acceptedMs < MOVE_SEEN_WITHIN_MS)
        return undefined;
    return {
        result: 'failed',
        code: 'DesiredStatusChanged',
        message: `Feldera accepted ${move.call}, but pipeline ${status.name}'s desired status is still ${move.from} after ${(0,text_text/* formatDuration */.a3)(MOVE_SEEN_WITHIN_MS)}: the pipeline did not take the transition, or someone moved it back.`,
        hint: "read the pipeline's log and the Feldera console, then run the step again.",
    };
}


/***/ }),

/***/ 53952:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X5: () => (/* binding */ connectorWarnings),
/* harmony export */   gC: () => (/* binding */ connectorOutputs),
/* harmony export */   kv: () => (/* binding */ connectorsMarkdown)
/* harmony export */ });
/* unused harmony export MAX_TABLE_ROWS */
/* harmony import */ var _text_text_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(98544);
/* harmony import */ var _feldera_stats_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(12598);
/* harmony import */ var _model_endpoints_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(97615);
/* harmony import */ var _model_compilation_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(24362);
/* harmony import */ var _text_markdown_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(86590);





/** Rows of the Connectors table; the `connectors` output has every endpoint. */
const MAX_TABLE_ROWS = 50;
/** An error message in a table cell: enough to recognise it, short enough to keep the table readable. */
const MESSAGE_CELL_LENGTH = 200;
const NAME_CELL_LENGTH = 200;
/** The `connectors` and `connector-error-count` outputs, from the last read; empty when none was read. */
function connectorOutputs(last) {
    if (!last)
        return { connectors: '[]', 'connector-error-count': '' };
    const endpoints = (0,_model_endpoints_js__WEBPACK_IMPORTED_MODULE_1__/* .endpointsOf */ .uY)(last);
    const connectors = endpoints.map((endpoint) => ({
        name: endpoint.name,
        direction: endpoint.direction,
        stream: endpoint.stream,
        health: endpoint.health?.status ?? '',
        'fatal-error': endpoint.fatalError ?? '',
        errors: endpoint.errors,
        records: endpoint.records,
        paused: endpoint.paused,
    }));
    const errors = endpoints.reduce((sum, endpoint) => sum + endpoint.errors, 0);
    return { connectors: JSON.stringify(connectors), 'connector-error-count': String(errors) };
}
/** A warning annotation for each problem that does not fail the step, as many as GitHub shows. */
function connectorWarnings(problems, pipelineName) {
    const warnings = problems.filter((problem) => !problem.fails);
    return {
        annotations: warnings.slice(0, _model_compilation_js__WEBPACK_IMPORTED_MODULE_2__/* .MAX_ANNOTATIONS */ .K).map((problem) => ({
            title: `${(0,_text_text_js__WEBPACK_IMPORTED_MODULE_3__/* .pipelineLabel */ .nE)(pipelineName)}: ${problem.endpoint.direction} endpoint ${problem.endpoint.name}`,
            message: problem.message,
        })),
        unannotated: warnings.slice(_model_compilation_js__WEBPACK_IMPORTED_MODULE_2__/* .MAX_ANNOTATIONS */ .K),
    };
}
/**
 * The summary's Connectors section: failed and Unhealthy endpoints first, then the others in
 * Feldera's order; errors counted since the baseline shown beside the total; the warnings that did
 * not fit in annotations below the table.
 */
function connectorsMarkdown(last, baseline, unannotated = []) {
    const before = new Map(baseline ? (0,_model_endpoints_js__WEBPACK_IMPORTED_MODULE_1__/* .endpointsOf */ .uY)(baseline).map((endpoint) => [(0,_model_endpoints_js__WEBPACK_IMPORTED_MODULE_1__/* .endpointKey */ .r4)(endpoint), endpoint.errors]) : []);
    const endpoints = (0,_model_endpoints_js__WEBPACK_IMPORTED_MODULE_1__/* .endpointsOf */ .uY)(last)
        .map((endpoint, order) => ({ endpoint, order }))
        .sort((a, b) => rank(a.endpoint) - rank(b.endpoint) || a.order - b.order)
        .map(({ endpoint }) => endpoint);
    if (endpoints.length === 0)
        return '#### Connectors\n\nThe pipeline has no connectors.';
    const rows = endpoints.slice(0, MAX_TABLE_ROWS).map((endpoint) => {
        const newErrors = endpoint.errors - (before.get((0,_model_endpoints_js__WEBPACK_IMPORTED_MODULE_1__/* .endpointKey */ .r4)(endpoint)) ?? 0);
        const errors = baseline && newErrors > 0 ? `${endpoint.errors} (${newErrors} new)` : String(endpoint.errors);
        const message = endpoint.fatalError !== null ? `fatal: ${endpoint.fatalError}` : (endpoint.lastError ?? '');
        return [
            (0,_text_markdown_js__WEBPACK_IMPORTED_MODULE_4__/* .inline */ .mG)(endpoint.name, NAME_CELL_LENGTH),
            endpoint.paused ? `${endpoint.direction}, paused` : endpoint.direction,
            (0,_text_markdown_js__WEBPACK_IMPORTED_MODULE_4__/* .inline */ .mG)(endpoint.stream, NAME_CELL_LENGTH),
            (0,_text_markdown_js__WEBPACK_IMPORTED_MODULE_4__/* .inline */ .mG)(endpoint.health?.status ?? '—', NAME_CELL_LENGTH),
            (0,_text_markdown_js__WEBPACK_IMPORTED_MODULE_4__/* .count */ .U9)(endpoint.records),
            errors,
            (0,_text_markdown_js__WEBPACK_IMPORTED_MODULE_4__/* .inline */ .mG)(message, MESSAGE_CELL_LENGTH),
        ];
    });
    const notes = [];
    if (endpoints.length > MAX_TABLE_ROWS) {
        notes.push(`The first ${MAX_TABLE_ROWS} of ${endpoints.length} endpoints; the \`connectors\` output lists them all.`);
    }
    if (last.omitted_endpoints > 0) {
        notes.push(`${last.omitted_endpoints} more endpoints beyond the first ${_feldera_stats_js__WEBPACK_IMPORTED_MODULE_0__/* .MAX_ENDPOINTS */ .k$} of each direction were not checked.`);
    }
    if (unannotated.length > 0) {
        const list = unannotated
            .slice(0, MAX_TABLE_ROWS)
            .map((problem) => `- ${(0,_text_markdown_js__WEBPACK_IMPORTED_MODULE_4__/* .inline */ .mG)(problem.message, MESSAGE_CELL_LENGTH)}`)
            .concat(unannotated.length > MAX_TABLE_ROWS ? [`- …and ${(0,_text_markdown_js__WEBPACK_IMPORTED_MODULE_4__/* .count */ .U9)(unannotated.length - MAX_TABLE_ROWS)} more`] : [])
            .join('\n');
        notes.push(`Warnings beyond the ${_model_compilation_js__WEBPACK_IMPORTED_MODULE_2__/* .MAX_ANNOTATIONS */ .K} that GitHub shows as annotations:\n\n${list}`);
    }
    const header = ['Endpoint', 'Direction', 'Stream', 'Health', 'Records', 'Errors', 'Fatal or last error'];
    return ['#### Connectors', (0,_text_markdown_js__WEBPACK_IMPORTED_MODULE_4__/* .table */ .tp)(header, rows), ...notes].join('\n\n');
}
function rank(endpoint) {
    if (endpoint.fatalError !== null)
        return 0;
    return endpoint.health?.status === 'Unhealthy' ? 1 : 2;
}


/***/ }),

/***/ 44325:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gj: () => (/* binding */ notDone),
/* harmony export */   bx: () => (/* binding */ lastWord),
/* harmony export */   nV: () => (/* binding */ failureTitle)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(91659);
/* harmony import */ var _step_summary_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(49211);
/* harmony import */ var _phases_run_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5109);
/* harmony import */ var _statement_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(67999);
/* harmony import */ var _model_run_end_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(37092);
/* harmony import */ var _text_text_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(98544);
/* harmony import */ var _text_markdown_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(86590);
/* harmony import */ var _outputs_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(65468);








/**
 * The short report, when a cancel's deadline comes before the full one was written: every output,
 * an error annotation for each failed pipeline, and a few lines of summary. Synchronous: the process
 * exits right after it.
 */
function lastWord(facts, cancelled) {
    if (facts.runs.length === 0)
        facts.runs.push((0,_phases_run_js__WEBPACK_IMPORTED_MODULE_2__/* .unnamedRun */ .GK)(_actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4('pipeline-name'), cancelled));
    const outcomes = facts.runs.map((run) => (0,_statement_js__WEBPACK_IMPORTED_MODULE_3__/* .statedOutcome */ .U)(run, facts.platform));
    const values = (0,_outputs_js__WEBPACK_IMPORTED_MODULE_5__/* .outputValues */ .uN)(facts.runs, outcomes, facts.elapsedMs(), facts.config !== undefined);
    for (const name of _outputs_js__WEBPACK_IMPORTED_MODULE_5__/* .OUTPUT_NAMES */ .P0)
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH(name, values[name]);
    const lines = [
        `### ❌ Cancelled: the step could not finish its report within ${(0,_text_text_js__WEBPACK_IMPORTED_MODULE_6__/* .formatDuration */ .a3)(_model_run_end_js__WEBPACK_IMPORTED_MODULE_4__/* .CANCEL_DEADLINE_MS */ .J)} of the cancel`,
        '',
    ];
    facts.runs.forEach(({ name }, i) => {
        const outcome = outcomes[i];
        if (outcome?.result !== 'failed')
            return;
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .error */ .z3(outcome.message, { title: failureTitle(name, facts.planning) });
        lines.push(`- **${(0,_text_markdown_js__WEBPACK_IMPORTED_MODULE_7__/* .inline */ .mG)((0,_text_text_js__WEBPACK_IMPORTED_MODULE_6__/* .readableNames */ .Vv)(name), 100)}**: ${(0,_text_markdown_js__WEBPACK_IMPORTED_MODULE_7__/* .inline */ .mG)(outcome.code, 100)}: ${(0,_text_markdown_js__WEBPACK_IMPORTED_MODULE_7__/* .inline */ .mG)(outcome.message, 2000)}`);
    });
    (0,_step_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .appendSummary */ .f)(`${lines.join('\n')}\n`);
    process.exitCode = 1;
}
/** The title of the annotation that fails the step for a pipeline. */
function failureTitle(name, planning) {
    return `${(0,_text_text_js__WEBPACK_IMPORTED_MODULE_6__/* .pipelineLabel */ .nE)(name)} ${notDone(planning)}`;
}
/** What a failed run did not do: its start, or with plan: true, its plan. */
function notDone(planning) {
    return planning ? 'could not be planned' : 'did not start';
}


/***/ }),

/***/ 65468:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N_: () => (/* binding */ downtimeSeconds),
/* harmony export */   P0: () => (/* binding */ OUTPUT_NAMES),
/* harmony export */   uN: () => (/* binding */ outputValues)
/* harmony export */ });
/* harmony import */ var _connectors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(53952);
/* harmony import */ var _model_plan_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(67978);
/* harmony import */ var _model_outcome_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(53993);



/** The outputs of one pipeline's run, in action.yml's order: with several, each pipeline's in `results`. */
const RUN_OUTPUT_NAMES = [
    'status',
    'desired-status',
    'awaiting-approval',
    'approved',
    'deployment-id',
    'program-status',
    'error-code',
    'elapsed-seconds',
    'pipeline-url',
    'approval-diff',
    'connectors',
    'connector-error-count',
    'stopped',
    'transition',
    'support-bundle-artifact',
    'plan-diff',
    'plan-changes',
    'program-change',
    'program-version',
    'downtime-seconds',
];
/** Every output of action.yml, in its order. */
const OUTPUT_NAMES = [...RUN_OUTPUT_NAMES, 'results'];
/** The outputs, set on failure too: one pipeline's as they are; with several, what speaks for all, and each in `results`. */
function outputValues(runs, 
/** Each run's, as the report states it (statement.ts). */
outcomes, elapsedMs, namesKnown) {
    const each = runs.map((run, i) => runOutputs(run, outcomes[i] ?? _model_outcome_js__WEBPACK_IMPORTED_MODULE_1__/* .UNDECIDED */ .Cz));
    // Invalid inputs name no pipeline for sure: no results.
    const results = namesKnown ? JSON.stringify(Object.fromEntries(runs.map((run, i) => [run.name, each[i]]))) : '{}';
    const [only] = each;
    if (only && each.length === 1)
        return { ...only, results };
    const none = Object.fromEntries(RUN_OUTPUT_NAMES.map((name) => [name, '']));
    return {
        ...none,
        'error-code': each.find((values) => values['error-code'])?.['error-code'] ?? '',
        'awaiting-approval': String(each.some((values) => values['awaiting-approval'] === 'true')),
        approved: String(each.some((values) => values.approved === 'true')),
        'elapsed-seconds': (elapsedMs / 1000).toFixed(1),
        'support-bundle-artifact': each.find((values) => values['support-bundle-artifact'])?.['support-bundle-artifact'] ?? '',
        results,
    };
}
/** From the stop sent for the update to the target seen again, or to now; empty when the step stopped nothing. */
function downtimeSeconds({ release, reachedMs }, nowMs) {
    const stop = release?.stop;
    if (!stop)
        return '';
    const endMs = reachedMs !== undefined && reachedMs >= stop.sentMs ? reachedMs : nowMs;
    return ((endMs - stop.sentMs) / 1000).toFixed(1);
}
/** One pipeline's outputs, from what was last seen. */
function runOutputs({ progress, pipelineUrl, record }, outcome) {
    const last = progress.last;
    const plan = record?.plan;
    return {
        status: last?.deployment_status ?? '',
        'desired-status': last?.deployment_desired_status ?? '',
        'awaiting-approval': String(last?.deployment_status === 'AwaitingApproval'),
        approved: String(record?.approval?.approved ?? false),
        'deployment-id': last?.deployment_id ?? '',
        'program-status': last?.program_status ?? '',
        'error-code': outcome.result === 'failed' ? outcome.code : '',
        'elapsed-seconds': (progress.elapsedMs() / 1000).toFixed(1),
        'pipeline-url': pipelineUrl,
        'approval-diff': progress.approvalDiff ? JSON.stringify(progress.approvalDiff) : '',
        ...(0,_connectors_js__WEBPACK_IMPORTED_MODULE_0__/* .connectorOutputs */ .gC)(record?.health.last),
        stopped: String(record?.stop?.stopped ?? false),
        transition: record?.converged?.transition ?? '',
        'support-bundle-artifact': record?.supportBundle?.artifactId ?? '',
        'plan-diff': plan ? JSON.stringify(plan.diff) : '',
        'plan-changes': plan ? (0,_model_plan_js__WEBPACK_IMPORTED_MODULE_2__/* .planChanges */ .XA)(plan.diff) : '',
        'program-change': record?.release?.change ?? '',
        'program-version': last?.program_version === undefined ? '' : String(last.program_version),
        'downtime-seconds': record ? downtimeSeconds(record, progress.elapsedMs()) : '',
    };
}


/***/ }),

/***/ 77343:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ STARTED_STATE),
/* harmony export */   j: () => (/* binding */ POST_STATE)
/* harmony export */ });
// What the main step saves for its post step (GITHUB_STATE): names only, never a secret.
/** Saved by the main step: the post step runs the same bundle, and tells itself apart by this. */
const POST_STATE = 'post';
/** The names of the pipelines whose `/start` Feldera accepted, as a JSON array. */
const STARTED_STATE = 'started';


/***/ }),

/***/ 67999:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ statedOutcome),
/* harmony export */   h: () => (/* binding */ sentences)
/* harmony export */ });
/* harmony import */ var _model_outcome_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(53993);
/* harmony import */ var _model_release_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(75988);


/**
 * The outcome of a run as the step states it: the cause its record holds, with what followed said
 * once, here: whether this step stopped the pipeline, whether a cancel came and while doing what,
 * and a refusal of the edition. A run a cancel ended before its record is `Cancelled`.
 */
function statedOutcome(run, platform) {
    const { record, cancel } = run;
    if (!record) {
        if (!cancel)
            return _model_outcome_js__WEBPACK_IMPORTED_MODULE_0__/* .UNDECIDED */ .Cz;
        const message = `Stopped: ${cancel.reason} while ${cancel.during} (${run.progress.describeLast()}).`;
        return { result: 'failed', code: 'Cancelled', message };
    }
    const { outcome } = record;
    if (outcome.result !== 'failed') {
        if (!cancel)
            return outcome;
        const status = run.progress.last?.deployment_status ?? 'not read';
        return {
            result: 'failed',
            code: 'Cancelled',
            message: `Pipeline ${run.name} was ${status} when ${cancel.reason}, while ${cancel.during}: the step did not finish, and left the pipeline as it was.`,
        };
    }
    const cancelled = outcome.code === 'Cancelled';
    const message = sentences(outcome.message, releaseNote(run, record), 
    // A run that ended within the update never began the start: the release note says where it is.
    record.release && record.converged?.found === undefined ? undefined : stopNote(run.name, record, cancelled), cancel && !cancelled ? `Then ${cancel.reason} while ${cancel.during}.` : undefined);
    // An update's refusal has a hint of its own (force-stop: true), which the edition's would hide.
    return { ...outcome, message, ...(record.release ? {} : editionHint(outcome, platform)) };
}
/**
 * Where an update of the program left the pipeline when the run failed: what a release engineer acts
 * on. Said once, for the annotation, the summary and the GitHub deployment alike.
 */
function releaseNote(run, { release, restarted, converged }) {
    if (!release)
        return undefined;
    // Once the start began, the release is done: the start's own outcome says where the pipeline is.
    const startBegan = converged?.found !== undefined;
    const last = run.progress.last;
    const version = last?.program_version === undefined ? '' : ` with program version ${last.program_version}`;
    const compiling = last && _model_release_js__WEBPACK_IMPORTED_MODULE_1__/* .COMPILING */ .LX.has(last.program_status) ? ' configured (still compiling)' : '';
    if (release.rollback?.restored) {
        const again = restarted?.result === 'reached'
            ? `, and it runs again (${last?.deployment_status ?? 'up'})`
            : restarted?.result === 'failed'
                ? `, but it did not start again: ${restarted.code}: ${restarted.message.replace(/\.$/, '')}`
                : '';
        return `The step rolled back pipeline ${run.name} to its previous program (version ${release.versionBefore})${again}.`;
    }
    if (release.rollback) {
        return `The rollback to the previous program (version ${release.versionBefore}) failed: ${release.rollback.problem ?? 'unknown'}. Pipeline ${run.name} is ${last?.deployment_status ?? 'Stopped'}${version}: configure its previous program and start it.`;
    }
    if (startBegan)
        return undefined;
    if (release.stop && last && last.deployment_status !== 'Stopped') {
        return `Pipeline ${run.name} was being stopped for the update (${last.deployment_status}, desired ${last.deployment_desired_status}) and will not be started again by this step. Run the step again to finish the release.`;
    }
    if (release.stop) {
        return `Pipeline ${run.name} was stopped for the update and was not started again: it is Stopped${version}${compiling}. Run the step again to finish the release.`;
    }
    if (release.change === 'updated') {
        return `Pipeline ${run.name} was found Stopped and stays Stopped${version}${compiling}.`;
    }
    return release.change === undefined ? 'Nothing was stopped or changed.' : undefined;
}
/** Whether this step stopped the pipeline after the failure; a cancelled run left as it was says so. */
function stopNote(name, { stop }, cancelled) {
    if (stop?.stopped)
        return `Pipeline ${name} was stopped (stop-on-failure: true).`;
    if (stop)
        return `It could not be stopped (stop-on-failure: true): ${stop.problem}.`;
    return cancelled ? `The pipeline ${name} was left as it was: it is not stopped.` : undefined;
}
/**
 * A refusal that comes from the edition (or the storage standby needs) says so on the open-source
 * edition, where no setting of this step helps.
 */
function editionHint(outcome, platform) {
    if (platform?.edition !== 'Open source')
        return {};
    const edition = `the open-source edition (${platform.version})`;
    if (outcome.code === 'InitialStandbyNotAllowed') {
        return {
            hint: `${outcome.hint ?? ''} This Feldera is ${edition}, where standby is an Enterprise feature: with that storage too, the pipeline would fail to initialize. Use initial: running or paused.`.trim(),
        };
    }
    if (outcome.code === 'EnterpriseFeature' || /enterprise-only feature/i.test(outcome.message)) {
        return { hint: `this Feldera is ${edition}, which does not have this feature: it needs Feldera Enterprise.` };
    }
    return {};
}
/** The parts that are given, each but the last ended with a full stop where Feldera's text has none. */
function sentences(...parts) {
    const given = parts.filter((part) => Boolean(part));
    return given.map((part, i) => (i < given.length - 1 && !/[.!?:]$/.test(part) ? `${part}.` : part)).join(' ');
}


/***/ }),

/***/ 49211:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ appendSummary)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);

/**
 * Appends markdown to the job summary (the file GITHUB_STEP_SUMMARY names), synchronously: a report
 * written at once cannot be cut in half by a cancel's deadline. Returns why it could not, if it could not.
 */
function appendSummary(markdown) {
    const file = process.env.GITHUB_STEP_SUMMARY;
    if (!file)
        return 'GITHUB_STEP_SUMMARY is not set';
    try {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.appendFileSync)(file, markdown);
        return undefined;
    }
    catch (error) {
        return error instanceof Error ? error.message : String(error);
    }
}


/***/ }),

/***/ 99865:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  step: () => (/* binding */ step)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 11 modules
var core = __webpack_require__(91659);
// EXTERNAL MODULE: ./src/connection/connection.ts + 3 modules
var connection_connection = __webpack_require__(27867);
// EXTERNAL MODULE: ./src/feldera/platform.ts
var platform = __webpack_require__(36686);
// EXTERNAL MODULE: ./src/feldera/status.ts
var feldera_status = __webpack_require__(54135);
// EXTERNAL MODULE: ./src/feldera/errors.ts
var errors = __webpack_require__(29210);
// EXTERNAL MODULE: ./src/feldera/http.ts
var http = __webpack_require__(6965);
;// CONCATENATED MODULE: ./src/feldera/status-list.ts



/**
 * Every pipeline's status from one `GET /v0/pipelines?selector=status`, shared by the runs of many
 * pipelines: one request per poll-interval instead of one per pipeline. A list younger than
 * `maxAgeMs` (or on its way) answers every run that asks. Younger than a poll-interval, it is never
 * older than a run's start: a run reads its first status after its start by itself (client.ts).
 */
class StatusList {
    http;
    maxAgeMs;
    /** The pipelines of the step: only their items of the list are kept, however many others Feldera has. */
    names;
    list;
    constructor(http, maxAgeMs, names) {
        this.http = http;
        this.maxAgeMs = maxAgeMs;
        this.names = new Set(names);
    }
    /**
     * A pipeline missing from the list was deleted: Feldera's own code for it. A list asked for before
     * `notBefore` (the run's own last read) is older than what the run has seen, however young: read anew.
     */
    async status(name, retry, notBefore = -Infinity) {
        if (!this.list || performance.now() - this.list.at >= this.maxAgeMs || this.list.at < notBefore) {
            const items = this.read(retry);
            this.list = { at: performance.now(), items };
            // A failed read is not kept: the next run to ask reads again.
            items.catch(() => (this.list = undefined));
        }
        const item = (await this.list.items).get(name);
        if (item === undefined) {
            throw new errors/* FelderaError */.kP('feldera', 'UnknownPipelineName', `GET ${this.url()} lists no pipeline ${name}: it was deleted.`, {
                status: 404,
                hint: 'someone deleted the pipeline while the step waited for it.',
            });
        }
        // Parsed here, for the pipeline asked for: another pipeline's odd entry is none of this run's business.
        return (0,feldera_status/* pipelineStatus */.p)(item, this.http.credentials.secrets());
    }
    async read(retry) {
        const named = (item) => typeof item === 'object' && item !== null && typeof item.name === 'string';
        const ours = (item) => named(item) && this.names.has(item.name);
        const body = await (0,http/* request */.Em)(this.http, 'GET', 'v0/pipelines?selector=status', retry, { keepItem: ours });
        if (!Array.isArray(body))
            throw new errors/* FelderaError */.kP('not-feldera', 'UnexpectedResponse', `GET ${this.url()} answered with no list of pipelines: is api-url the Feldera API?`);
        return new Map(body.filter(named).map((item) => [item.name, item]));
    }
    url() {
        return new URL('v0/pipelines?selector=status', this.http.baseUrl).href;
    }
}

// EXTERNAL MODULE: ./src/model/inputs.ts + 5 modules
var inputs = __webpack_require__(4405);
// EXTERNAL MODULE: ./src/model/lifecycle.ts
var lifecycle = __webpack_require__(80973);
// EXTERNAL MODULE: ./src/log/log.ts
var log = __webpack_require__(75384);
// EXTERNAL MODULE: ./src/model/outcome.ts + 1 modules
var model_outcome = __webpack_require__(53993);
// EXTERNAL MODULE: ./src/log/phase-log.ts
var phase_log = __webpack_require__(25414);
// EXTERNAL MODULE: ./src/text/text.ts
var text_text = __webpack_require__(98544);
// EXTERNAL MODULE: ./src/feldera/abortable.ts
var abortable = __webpack_require__(40987);
;// CONCATENATED MODULE: ./src/phases/deployment.ts



/** A GitHub call that does not answer must not hold the step. */
const GITHUB_CALL_MS = 15_000;
/** After a cancel, the runner kills the step soon: the last status gets this long. */
const AFTER_CANCEL_MS = 1500;
/**
 * Creates the deployment and its `in_progress` status. Any failure is a warning and gives
 * `undefined`: recording a deployment must never fail a start.
 */
async function createDeployment(options) {
    const where = `a GitHub deployment to environment ${options.environment}`;
    const call = () => (0,abortable/* ownBudget */.As)(GITHUB_CALL_MS, options.cancelled);
    let github;
    let id;
    try {
        github = await connect(options.token);
        const created = await github.octokit.rest.repos.createDeployment({
            ...github.repo,
            ref: github.context.sha,
            environment: options.environment,
            description: `Start Feldera pipeline ${options.pipelineName}`,
            auto_merge: false,
            // The start is the check here; the commit's other checks do not gate it.
            required_contexts: [],
            request: { signal: call() },
        });
        if (!('id' in created.data))
            throw new Error(created.data.message ?? 'GitHub created no deployment');
        id = created.data.id;
    }
    catch (error) {
        options.warning(`Could not record ${where}: ${describe(error)}`);
        return undefined;
    }
    const logUrl = `${github.context.serverUrl}/${github.repo.owner}/${github.repo.repo}/actions/runs/${github.context.runId}`;
    const status = async (state, description, signal) => {
        try {
            await github.octokit.rest.repos.createDeploymentStatus({
                ...github.repo,
                deployment_id: id,
                state,
                // GitHub keeps 140 characters of a description.
                description: description.length > 140 ? `${description.slice(0, 139)}…` : description,
                environment_url: options.pipelineUrl,
                log_url: logUrl,
                request: { signal },
            });
        }
        catch (error) {
            options.warning(`Could not record the status ${state} of ${where}: ${describe(error)}`);
        }
    };
    await status('in_progress', `Starting Feldera pipeline ${options.pipelineName}`, call());
    options.info(`Recording ${where} (deployment ${id}).`);
    return {
        finish: async (outcome, changes) => {
            // The last status is recorded after a cancel too, briefly: it says the start did not finish.
            // A cancel that comes while it is recorded cuts the call to that moment as well.
            const signal = (0,abortable/* ownBudget */.As)(GITHUB_CALL_MS, (0,abortable/* graceAfter */.Dc)(options.cancelled, AFTER_CANCEL_MS));
            switch (outcome.result) {
                case 'reached':
                case 'accepted':
                    return status('success', `Feldera pipeline ${options.pipelineName} started`, signal);
                case 'awaiting-approval':
                    return status('pending', `Awaiting approval: ${changes ?? 'the program changed since the checkpoint'}`, signal);
                case 'failed':
                    return status(model_outcome/* ACTION_CODES */.Y_[outcome.code] ? 'error' : 'failure', `${outcome.code}: ${outcome.message}`, signal);
            }
        },
    };
}
/** Loaded only for runs that record a deployment: the other runs start without it. */
async function connect(token) {
    const { context, getOctokit } = await __webpack_require__.e(/* import() */ 351).then(__webpack_require__.bind(__webpack_require__, 61351));
    return { context, octokit: getOctokit(token), repo: context.repo };
}
/** Octokit's errors carry the HTTP status; 403 and 404 mean the token may not write deployments. */
function describe(error) {
    const status = error.status;
    const message = (0,text_text/* serverText */.Tn)((0,text_text/* messageOf */.bD)(error), [], 300);
    if (status === 403 || status === 404) {
        return `${status} ${message}. Give the job \`permissions: deployments: write\` (and contents: read).`;
    }
    return typeof status === 'number' ? `${status} ${message}` : message;
}

// EXTERNAL MODULE: ./src/model/events.ts
var events = __webpack_require__(23576);
// EXTERNAL MODULE: ./src/model/compilation.ts
var model_compilation = __webpack_require__(24362);
;// CONCATENATED MODULE: ./src/phases/diagnose.ts





/** `fda logs` reads for 5 s at most; a tail is all a reader of the run needs. */
const LOG_LIMITS = { totalMs: 5000, idleMs: 500, maxLines: 200, maxBytes: 1 << 20 };
const FOLLOW_UP_RETRY = { windowMs: 5000 };
/**
 * Reads what explains the outcome. Feldera's events come from `events` when their read began earlier, else they are
 * read here, beside the other reads, so that a log that takes its 5 s does not starve them.
 */
async function diagnose(client, config, outcome, progress, events = readEvents(client, progress)) {
    const diagnosis = { problems: [] };
    const failed = outcome.result === 'failed';
    if (failed && outcome.code === 'StartFailedDueToFailedCompilation') {
        try {
            const programError = await client.programError(FOLLOW_UP_RETRY);
            if (programError)
                diagnosis.compilation = (0,model_compilation/* compilationReport */.C)(programError, client.pipelineName, (0,inputs/* sqlFileOf */.AB)(config, client.pipelineName));
        }
        catch (error) {
            diagnosis.problems.push(`Could not read the compiler's messages: ${(0,text_text/* messageOf */.bD)(error)}`);
        }
    }
    const wantLogs = config.logs === 'always' || (config.logs === 'on-failure' && failed);
    if (wantLogs && progress.provisioned) {
        try {
            diagnosis.logTail = await client.logs(LOG_LIMITS);
        }
        catch (error) {
            diagnosis.problems.push(`Could not read the pipeline's log: ${(0,text_text/* messageOf */.bD)(error)}`);
        }
    }
    return { ...diagnosis, ...(await events) };
}
/**
 * `GET /events` once, begun now, never rejecting: a failure is a warning that says why, and the timeline keeps what the
 * step saw. After a success too: one small read, and a blip on the way up (Unavailable, a restart) is worth seeing.
 * Only once the step read a status (else undefined): the events are woven into what it saw.
 */
function readEvents(client, progress) {
    return progress.timeline.length > 0 ? eventsOf(client, progress) : undefined;
}
async function eventsOf(client, progress) {
    try {
        return { events: await client.events(progress.startedAtEpochMs - events/* CLOCK_SKEW_MS */.rn, FOLLOW_UP_RETRY) };
    }
    catch (error) {
        // actix's empty 404 for a route it does not have: /events came with Feldera 0.292.
        const older = error instanceof errors/* FelderaError */.kP && error.status === 404 && error.kind === 'not-feldera';
        const why = older ? 'this Feldera has no GET /events (it came with 0.292)' : (0,text_text/* messageOf */.bD)(error);
        return {
            eventsProblem: `Could not read Feldera's events of pipeline ${client.pipelineName}, so the summary's timeline has only the statuses the step saw: ${why}`,
        };
    }
}

// EXTERNAL MODULE: ./src/feldera/client.ts + 2 modules
var feldera_client = __webpack_require__(41387);
// EXTERNAL MODULE: ./src/phases/health-window.ts + 1 modules
var health_window = __webpack_require__(9187);
// EXTERNAL MODULE: ./src/model/approval.ts
var approval = __webpack_require__(58762);
// EXTERNAL MODULE: ./src/model/expected-diff.ts
var expected_diff = __webpack_require__(98173);
// EXTERNAL MODULE: ./src/model/plan.ts
var plan = __webpack_require__(67978);
// EXTERNAL MODULE: ./src/model/release.ts
var model_release = __webpack_require__(75988);
// EXTERNAL MODULE: ./src/phases/phase.ts
var phases_phase = __webpack_require__(95079);
// EXTERNAL MODULE: ./src/model/run-end.ts
var run_end = __webpack_require__(37092);
;// CONCATENATED MODULE: ./src/phases/diff-failure.ts



/** The first Feldera with `POST /v0/pipelines/{name}/diff` (manager commit 55090bf, "Add pipeline diff"). */
const DIFF_SINCE = '0.324.0';
/** The failure of a `/diff` that refused, or never answered: a plan's, and an update's check before the stop. */
function diffFailure(error, run, client, sqlFile, { fail, version }) {
    const name = run.name;
    if (error instanceof run_end/* RunEnded */.Q && error.code === 'Timeout') {
        const last = run.progress.lastFailure ? `; the last failure: ${run.progress.lastFailure}` : '';
        return {
            outcome: {
                result: 'failed',
                code: 'Timeout',
                message: `Feldera did not compute the diff of pipeline ${name} before ${error.message}${last}.`,
                hint: '/diff compiles the proposed program: a large one needs a longer timeout.',
            },
        };
    }
    // A cancel, a credential that could not be had, a bug: as in a start.
    const failure = fail(error);
    if (!(error instanceof errors/* FelderaError */.kP))
        return { outcome: failure };
    // A route the server lacks is actix's empty 404; an unknown pipeline or program says so in JSON.
    if (error.kind === 'not-feldera' && error.status === 404) {
        const which = version ? `this Feldera (${version}) has` : 'this server has';
        return {
            outcome: {
                result: 'failed',
                code: 'DiffNotSupported',
                message: `${error.message}: ${which} no /diff, which came in Feldera ${DIFF_SINCE}.`,
                hint: `upgrade Feldera to ${DIFF_SINCE} or later to plan; if it is that new, check api-url: it must be the address of the Feldera API, with its path prefix if it has one.`,
            },
        };
    }
    const hint = PLAN_HINTS[error.code];
    if (error.code === 'InvalidNewProgramSql') {
        const compilation = (0,model_compilation/* compilationReport */.C)(client.proposalErrors(error) ?? {}, name, sqlFile);
        const first = compilation.firstError ? `: ${compilation.firstError}` : '';
        const count = compilation.annotations.filter((annotation) => annotation.level === 'error').length;
        const errors = count > 0 ? `${count} error${count === 1 ? '' : 's'}` : 'errors';
        return {
            outcome: {
                result: 'failed',
                code: error.code,
                message: `The proposed program of pipeline ${name} (${sqlFile}) does not compile, ${errors}${first}`,
                hint: compilation.annotations.length > 0 ? `${hint} The annotations point at its lines.` : hint,
            },
            compilation,
        };
    }
    return { outcome: hint ? { ...failure, hint } : failure };
}
/** What to do when `/diff` refuses, by Feldera's error code (api/error.rs, the ApiError of the diff endpoint). */
const PLAN_HINTS = {
    InvalidNewProgramSql: 'fix the SQL of the proposed program.',
    ProgramNotCompiled: "the pipeline's configured program is not compiled yet (or did not compile), so there is nothing to compare against: wait for Feldera to compile it, or fix it, then plan again.",
    ProgramInfoMissesDataflow: "the pipeline's configured program was compiled by a Feldera too old to record its dataflow: recompile it (fda update-runtime, or any change to the program), then plan again.",
    UnknownPipelineName: 'a plan compares against the program of an existing pipeline: create the pipeline first, or check pipeline-name and api-url.',
    InvalidRuntimeVersion: "give runtime-version as Feldera's runtime selector takes it: a version tag (v0.375.0) or a 40-character git SHA.",
    BootstrapNotAllowed: 'the change cannot be bootstrapped (a relation with LATENESS, in the old or the new program): the next start from a checkpoint would fail; start it from scratch (clear its storage) instead, or keep the relations with lateness unchanged.',
    CompilerTimeout: "Feldera's SQL compiler took longer than its sql_compilation_timeout_secs: raise it (FELDERA_SQL_COMPILATION_TIMEOUT_SECS) for a large program.",
    CompilerUnavailable: "Feldera's compiler service did not answer: plan again once it is up.",
    NewProgramCompilationFailed: "Feldera could not compile the proposed program for a reason of its own (the compiler service, or a runtime version it could not download): Feldera's message says which.",
};

// EXTERNAL MODULE: ./src/phases/wait.ts + 2 modules
var wait = __webpack_require__(60158);
;// CONCATENATED MODULE: ./src/phases/compile.ts





/** Waits for the program to compile: after a PATCH, one newer than `before`. */
async function compile(context, sqlFile, before) {
    const { client, config, progress, log } = context;
    const started = progress.elapsedMs();
    const phases = new Map();
    let phase;
    log.info('Waiting for Feldera to compile it.');
    const done = await (0,wait/* watcher */.VL)(client, progress, config.pollIntervalMs, context.signal, log)((status) => {
        const now = progress.elapsedMs();
        if (phase?.status !== status.program_status) {
            if (phase)
                phases.set(phase.status, (phases.get(phase.status) ?? 0) + now - phase.since);
            phase = { status: status.program_status, since: now };
        }
        // The read before Feldera took the PATCH may still show the previous program's Success.
        const newer = before === undefined || (status.program_version ?? before + 1) > before;
        return newer && !model_release/* COMPILING */.LX.has(status.program_status) ? status : undefined;
    });
    const [longest] = [...phases].sort((a, b) => b[1] - a[1]);
    const compile = {
        tookMs: progress.elapsedMs() - started,
        longest: longest ? `${longest[0]} ${(0,text_text/* formatDuration */.a3)(longest[1])}` : 'none',
    };
    const version = done.program_version;
    if (!model_release/* COMPILE_FAILED */._P.has(done.program_status)) {
        log.info(`Compiled in ${(0,text_text/* formatDuration */.a3)(compile.tookMs)} (program version ${version ?? 'not said'}).`);
        return { compile, version, failure: undefined, compilation: undefined };
    }
    const programError = await client.programError((0,phases_phase/* setupRetry */.m)(progress, log)).catch(() => null);
    return {
        compile,
        version,
        compilation: programError ? (0,model_compilation/* compilationReport */.C)(programError, client.pipelineName, sqlFile) : undefined,
        failure: {
            result: 'failed',
            code: 'StartFailedDueToFailedCompilation',
            message: `The new program of pipeline ${client.pipelineName} (${sqlFile}) failed to compile (program_status ${done.program_status}).`,
            hint: 'fix the program and run the release again.',
        },
    };
}

;// CONCATENATED MODULE: ./src/phases/release.ts










/**
 * Makes the pipeline's configured program the one wanted, in the order of issue 30: read it, check
 * the new one with `/diff` before touching anything, stop (with a checkpoint unless force-stop),
 * `PATCH`, wait for the compile, and roll back when it does not compile. Never throws.
 */
async function releaseProgram(context, run, wanted) {
    const release = {
        sqlFile: wanted.sqlFile,
        found: undefined,
        change: undefined,
        versionBefore: undefined,
        versionAfter: undefined,
        diff: undefined,
        unchecked: undefined,
        stop: undefined,
        compile: undefined,
        compilation: undefined,
        rollback: undefined,
    };
    try {
        return await steps(context, run, wanted, release);
    }
    catch (error) {
        return { release, failure: context.fail(error), start: false };
    }
}
async function steps(context, run, wanted, release) {
    const { client, progress, log } = context;
    const name = run.name;
    const setup = (0,phases_phase/* setupRetry */.m)(progress, log);
    const fields = (0,model_release/* programFields */._B)(wanted);
    log.group(`Reading the program of pipeline ${name}`);
    const read = await client.program(setup);
    if (!read) {
        log.info(`Pipeline ${name} does not exist: creating it with the program of ${wanted.sqlFile}.`);
        await client.create(fields, setup);
        release.change = 'created';
        const failed = compiled(release, await compile(context, wanted.sqlFile, undefined));
        return { release, failure: failed, start: !failed };
    }
    progress.observe(read.status);
    release.found = read.status;
    release.versionBefore = read.program.program_version;
    if (!(0,model_release/* differs */.Ag)(read.program, wanted)) {
        release.change = 'none';
        log.info(`Pipeline ${name} already has the program of ${wanted.sqlFile} (version ${release.versionBefore}).`);
        return { release, failure: undefined, start: true };
    }
    const refused = await check(context, run, wanted, release);
    if (refused)
        return { release, failure: refused, start: false };
    const found = progress.last ?? read.status;
    if ((0,model_release/* deployed */.$8)(found)) {
        const stopped = await stop(context, release, found);
        if (stopped)
            return { release, failure: stopped, start: false };
    }
    log.group(`Updating the program of pipeline ${name} to ${wanted.sqlFile}`);
    try {
        await client.update(fields, setup);
    }
    catch (error) {
        if (error instanceof errors/* FelderaError */.kP && error.code === 'UpdateRestrictedToStopped') {
            return { release, failure: { ...context.fail(error), hint: UPDATE_HINT }, start: false };
        }
        throw error;
    }
    release.change = 'updated';
    const failed = compiled(release, await compile(context, wanted.sqlFile, read.program.program_version));
    if (!failed)
        return { release, failure: undefined, start: true };
    // A pipeline found stopped stays stopped with the new program; one this step stopped gets its old one back.
    if (!release.stop)
        return { release, failure: failed, start: false };
    const restored = await rollBack(context, release, read.program);
    return { release, failure: failed, start: restored };
}
/** What to do when Feldera refuses the PATCH because the pipeline is not stopped. */
const UPDATE_HINT = 'someone started the pipeline since the step stopped it (Feldera updates a program only while it is Stopped): find who, then run the step again.';
/**
 * The new program, checked with `/diff` before anything is stopped: its SQL errors, a change Feldera
 * cannot bootstrap, or one that is not the change reviewed (expected-diff) end the update here.
 */
async function check(context, run, wanted, release) {
    const { client, config, progress, log } = context;
    log.group(`Checking the new program with Feldera before anything is stopped (POST /diff)`);
    const status = await (0,wait/* whenCompiled */.A2)(client, progress, config.pollIntervalMs, context.signal, log);
    if (model_release/* COMPILE_FAILED */._P.has(status.program_status)) {
        release.unchecked = `its configured program did not compile (${status.program_status}), so there is nothing to compare with`;
        log.info(`Not checked before the stop: ${release.unchecked}.`);
        return undefined;
    }
    // The check compiles the program: bounded by the step's timeout, not by request-timeout.
    const checking = client.withRequestTimeout(config.timeoutMs);
    try {
        release.diff = await checking.diff(wanted.program_code, undefined, (0,phases_phase/* waitingRetry */.o)(progress, log));
    }
    catch (error) {
        if (error instanceof errors/* FelderaError */.kP && error.kind === 'not-feldera' && error.status === 404) {
            release.unchecked = 'this Feldera has no POST /diff (it came in 0.324)';
            log.info(`Not checked before the stop: ${release.unchecked}.`);
            return undefined;
        }
        const failed = diffFailure(error, { name: run.name, progress }, checking, wanted.sqlFile, {
            fail: context.fail,
            version: undefined,
        });
        release.compilation = failed.compilation;
        return failed.outcome;
    }
    const changes = (0,plan/* planChanges */.XA)(release.diff);
    log.info(`Checked with Feldera before the stop: ${changes || 'no change to tables, views or connectors'}.`);
    for (const line of changes ? (0,approval/* diffLines */.Pp)(release.diff) : [])
        log.detail(line);
    const expected = config.expectedDiff?.get(client.pipelineName);
    const match = expected && (0,expected_diff/* expectedMatch */.K)(release.diff, expected);
    if (match && !match.approve) {
        return {
            result: 'failed',
            code: 'UnexpectedDiff',
            message: [
                `The new program of pipeline ${run.name} is not the change reviewed: ${match.reason}.`,
                ...match.differences,
            ].join('\n'),
            hint: 'plan again (plan: true), review the new plan-diff, and run the release with it as expected-diff.',
        };
    }
    return undefined;
}
/** Stops a deployed pipeline for the update, with a checkpoint unless force-stop; waits for Stopped. */
async function stop(context, release, found) {
    const { client, config, progress, log } = context;
    const force = config.forceStop;
    const how = force ? 'without a checkpoint (force-stop: true)' : 'with a checkpoint first (force-stop: false)';
    log.group(`Stopping pipeline ${found.name} ${how}`);
    log.info(`Stopping pipeline ${found.name} (${found.deployment_status}).`);
    const sentMs = progress.elapsedMs();
    // Kept before the answer: a stop sent and cut short by a cancel may still be under way.
    release.stop = { force, sentMs, tookMs: undefined };
    try {
        await client.stop((0,phases_phase/* setupRetry */.m)(progress, log), force);
    }
    catch (error) {
        if (error instanceof errors/* FelderaError */.kP && error.code === 'EnterpriseFeature') {
            release.stop = undefined;
            return { ...context.fail(error), hint: CHECKPOINT_HINT };
        }
        throw error;
    }
    const stopped = await (0,wait/* watcher */.VL)(client, progress, config.pollIntervalMs, context.signal, log)((status) => status.deployment_status === 'Stopped' && status.deployment_desired_status === 'Stopped' ? status : undefined);
    release.stop = { force, sentMs, tookMs: progress.elapsedMs() - sentMs };
    log.info(`Pipeline ${found.name} is Stopped after ${(0,text_text/* formatDuration */.a3)(release.stop.tookMs ?? 0)}.`);
    const error = stopped.deployment_error;
    if (!error)
        return undefined;
    return {
        result: 'failed',
        code: error.error_code,
        message: `Pipeline ${found.name} stopped with ${error.error_code}: ${error.message} Its state may not have been saved, so the program was not updated: the pipeline is Stopped with its previous program (version ${release.versionBefore}).`,
        hint: `find why in its log and the Feldera console; start it again as it was, or run the step again with force-stop: true to update it without a checkpoint (its state is lost).`,
    };
}
/** What to do when the edition cannot stop with a checkpoint. */
const CHECKPOINT_HINT = "this Feldera cannot stop with a checkpoint (a graceful stop is Feldera Enterprise's), so the pipeline's state cannot be kept: nothing was stopped or changed. To update it anyway, losing its state, set force-stop: true.";
/** Keeps a compile's facts in the release. */
function compiled(release, { compile, version, failure, compilation }) {
    release.compile = compile;
    release.versionAfter = version;
    release.compilation = compilation;
    return failure;
}
/** The previous program and UDFs configured again, compiled: the pipeline can start as it was. */
async function rollBack(context, release, previous) {
    const { client, progress, log } = context;
    log.group(`Rolling back pipeline ${client.pipelineName} to its previous program (version ${previous.program_version})`);
    try {
        const { program_version: _, ...fields } = previous;
        await client.update(fields, (0,phases_phase/* setupRetry */.m)(progress, log));
        release.change = 'rolled-back';
        const { failure } = await compile(context, release.sqlFile, release.versionAfter);
        release.rollback = { restored: !failure, problem: failure?.message };
        return !failure;
    }
    catch (error) {
        if (context.signal.aborted)
            throw error;
        release.rollback = { restored: false, problem: context.fail(error).message };
        return false;
    }
}

// EXTERNAL MODULE: ./src/phases/run.ts
var phases_run = __webpack_require__(5109);
// EXTERNAL MODULE: ./src/phases/converge.ts
var converge = __webpack_require__(81059);
;// CONCATENATED MODULE: ./src/phases/start.ts



/**
 * Gets the pipeline to `initial` from wherever it is (converge.ts): the one call that moves it, once
 * accepted. Never throws: an error ends it with its failure, beside what it did until then.
 */
async function startPipeline(context, 
/** Told when Feldera accepted the start: from then on, the pipeline is this step's to clean up. */
onAccepted) {
    const { client, config, progress, log, signal } = context;
    const converged = {
        found: undefined,
        decidedOn: undefined,
        transition: undefined,
        startAccepted: false,
        move: undefined,
    };
    const setup = (0,phases_phase/* setupRetry */.m)(progress, log);
    log.group(`Starting pipeline ${client.pipelineName}`);
    try {
        const watch = (0,wait/* watcher */.VL)(client, progress, config.pollIntervalMs, signal, log);
        const failure = await (0,converge/* converge */.c)({ client, config, progress, log, setup, watch, onAccepted }, converged);
        if (failure)
            return { converged, failure };
    }
    catch (error) {
        return { converged, failure: context.fail(error) };
    }
    if (converged.transition === 'start') {
        const flags = [
            config.silentBootstrap && 'silent-bootstrap',
            config.concurrentBootstrap && 'concurrent-bootstrap',
        ].filter(Boolean);
        const policy = config.reloadableTables
            ? 'allow, sent as await_approval to check the tables it reloads against reloadable-tables'
            : config.bootstrapPolicy;
        log.info(`Start accepted: initial ${config.initial}, bootstrap-policy ${policy}${flags.map((flag) => `, ${flag}`).join('')}.`);
    }
    return { converged, failure: undefined };
}

// EXTERNAL MODULE: ./src/phases/stop.ts
var phases_stop = __webpack_require__(15634);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/feldera/support-bundle.ts
var support_bundle = __webpack_require__(51811);
;// CONCATENATED MODULE: ./src/phases/support-bundle.ts







/** What a support bundle may take: Feldera's own profiles alone may be 300 MB, a runner's disk and upload less. */
const BUNDLE_MAX_BYTES = 200e6;
/** The download, Feldera's collection included, and the upload each have a budget of their own, like the follow-up reads. */
const BUNDLE_DOWNLOAD_MS = 60_000;
const BUNDLE_UPLOAD_MS = 60_000;
/** The parts that hold configuration: the connectors' settings, their secrets among them. */
const CONFIGURATION_PARTS = ['pipeline_config', 'system_config'];
/** `on-failure` takes the bundle of a failed run only; a cancel takes none. */
function wantsBundle(config, outcome) {
    if (outcome.result === 'failed' && outcome.code === 'Cancelled')
        return false;
    return config.supportBundle === 'always' || (config.supportBundle === 'on-failure' && outcome.result === 'failed');
}
/** `feldera-support-<pipeline>-<run id>-<attempt>`: unique in the run, whatever the job. */
function artifactName(pipeline, env) {
    return `feldera-support-${pipeline}-${env.GITHUB_RUN_ID ?? 'local'}-${env.GITHUB_RUN_ATTEMPT ?? '1'}`;
}
/** A public repository whose bundles hold the configuration: anyone at all can download the connectors' secrets. */
function publicBundleWarning(config, env) {
    if (config.supportBundle === 'never')
        return undefined;
    const parts = config.supportBundleParts ?? inputs/* SUPPORT_BUNDLE_PARTS */.Oc;
    const exposed = CONFIGURATION_PARTS.filter((part) => parts.includes(part));
    if (exposed.length === 0 || !isPublicRepository(env.GITHUB_EVENT_PATH))
        return undefined;
    return (`support-bundle: ${config.supportBundle} uploads ${exposed.join(' and ')} in a public repository: anyone can download the artifact, ` +
        `and the configuration can hold the connectors' secrets. Leave ${exposed.join(' and ')} out of support-bundle-parts, or set support-bundle: never.`);
}
function isPublicRepository(eventPath) {
    if (!eventPath)
        return false;
    try {
        const event = JSON.parse((0,external_node_fs_.readFileSync)(eventPath, 'utf8'));
        return event.repository?.private === false;
    }
    catch {
        return false;
    }
}
/**
 * Downloads the pipeline's support bundle to a file and uploads it as an artifact, or, outside GitHub
 * (no ACTIONS_RUNTIME_TOKEN), leaves the file and says where. Never throws: a problem is a warning;
 * undefined at a cancel, which skips it.
 */
async function collectSupportBundle(client, config, cancelled, log, env = process.env, budget = { downloadMs: BUNDLE_DOWNLOAD_MS, uploadMs: BUNDLE_UPLOAD_MS }) {
    const name = artifactName(client.pipelineName, env);
    const local = !env.ACTIONS_RUNTIME_TOKEN;
    const base = env.RUNNER_TEMP || (local ? process.cwd() : (0,external_node_os_.tmpdir)());
    let dir;
    try {
        dir = local ? base : (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(base, 'feldera-support-'));
        const file = (0,external_node_path_.join)(dir, local ? `${name}.zip` : `${client.pipelineName}-support-bundle.zip`);
        log.info(`Downloading the support bundle of pipeline ${client.pipelineName}.`);
        const bytes = await client
            .supportBundle(config.supportBundleParts, inputs/* SUPPORT_BUNDLE_PARTS */.Oc, file, {
            maxBytes: BUNDLE_MAX_BYTES,
            totalMs: budget.downloadMs,
        })
            .catch((error) => {
            (0,external_node_fs_.rmSync)(file, { force: true });
            throw error;
        });
        const size = `${(bytes / 1e6).toFixed(1)} MB`;
        if (local) {
            log.info(`Support bundle of pipeline ${client.pipelineName} (${size}) written to ${file} (no ACTIONS_RUNTIME_TOKEN: not on GitHub, no artifact).`);
            return { name, path: file };
        }
        const artifactId = await upload(name, file, dir, { retentionDays: config.supportBundleRetentionDays, timeoutMs: budget.uploadMs }, cancelled);
        // Kept when the upload did not end: it may still be reading the file; the runner empties RUNNER_TEMP.
        (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true });
        const url = `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY ?? ''}/actions/runs/${env.GITHUB_RUN_ID ?? ''}/artifacts/${artifactId}`;
        log.info(`Support bundle of pipeline ${client.pipelineName} (${size}) uploaded as artifact ${name}: ${url}`);
        return { name, artifactId, url };
    }
    catch (error) {
        if (cancelled.aborted)
            return undefined;
        const why = error instanceof support_bundle/* BundleProblem */.o ? error.message : (0,text_text/* serverText */.Tn)((0,text_text/* messageOf */.bD)(error), [], 1000);
        return { name, problem: `No support bundle for pipeline ${client.pipelineName}: ${why}.` };
    }
}
/** `@actions/artifact`, loaded only when a bundle is uploaded; it takes no signal, so its promise is raced and left behind. */
async function upload(name, file, dir, { retentionDays, timeoutMs }, cancelled) {
    const { DefaultArtifactClient } = await Promise.all(/* import() */[__webpack_require__.e(351), __webpack_require__.e(189)]).then(__webpack_require__.bind(__webpack_require__, 82189));
    // Already a ZIP, deflated by Feldera: stored as it is in the artifact's own ZIP.
    const uploading = new DefaultArtifactClient().uploadArtifact(name, [file], dir, {
        retentionDays,
        compressionLevel: 0,
    });
    const ended = (0,abortable/* ownBudget */.As)(timeoutMs, cancelled);
    try {
        const { id } = await (0,abortable/* raceAbort */.Mu)(uploading, ended);
        if (id === undefined)
            throw new Error('the artifact service gave no artifact id');
        return String(id);
    }
    catch (error) {
        // Not the service's answer: its budget was spent, or the run cancelled.
        if ((0,abortable/* endedBy */.mr)(ended, error))
            throw new Error(cancelled.aborted ? 'cancelled' : `the artifact service took longer than ${(0,text_text/* formatDuration */.a3)(timeoutMs)}`, { cause: error });
        throw new Error(`the artifact service refused the upload: ${(0,text_text/* messageOf */.bD)(error)}`, { cause: error });
    }
}

;// CONCATENATED MODULE: ./src/phases/pipeline-run.ts














/** Reading the compiler's messages and the log after the outcome: a few seconds, even after a Timeout. */
const FOLLOW_UP_MS = 6000;
/** A stop after a Timeout or a failed health check has a budget of its own, like the follow-up reads. */
const STOP_MS = 30_000;
/** `[2m30s] orders Bootstrapping for 2m10s, billing Running for 5s`: with several pipelines, one heartbeat for all. */
function heartbeatLine(runs, elapsedMs) {
    return `[${(0,text_text/* formatDuration */.a3)(elapsedMs)}] ${runs.map((run) => `${run.name} ${run.progress.describeLast()}`).join(', ')}`;
}
/**
 * Start, wait, check the health, read what explains the outcome, maybe stop: each a phase that returns
 * its result, composed into the run's record. Then the GitHub deployment's last status. Never throws.
 */
async function runPipeline(run, context, wanted) {
    const { config, end } = context;
    const deployment = config.environment
        ? await run.phase('recording a GitHub deployment', () => createDeployment({
            token: config.githubToken ?? '',
            environment: config.environment ?? '',
            pipelineName: run.name,
            pipelineUrl: run.pipelineUrl,
            cancelled: end.cancelled,
            info: (line) => run.log.info(line),
            warning: (line) => run.log.warning(line, `${(0,text_text/* pipelineLabel */.nE)(run.name)}: GitHub deployment not recorded`),
        }))
        : undefined;
    let record;
    try {
        record = await phases(run, context, wanted);
    }
    catch (error) {
        // A bug of the action's own ends this pipeline's run, not the others'.
        record = (0,phases_run/* recordOf */.zv)((0,model_outcome/* internalError */.WB)(error));
    }
    run.end(record);
    const diff = run.progress.approvalDiff;
    await run.phase("recording the GitHub deployment's last status", () => deployment?.finish(context.stated(run), diff && (0,approval/* countChanges */.xS)(diff)));
}
async function phases(run, { config, http, auth, end, statuses, accepted }, wanted) {
    const { name, log, progress } = run;
    // Its own debug lines: with several pipelines, each behind its name.
    const client = new feldera_client/* PipelineClient */.I({ ...http, debug: (line) => log.debug(line) }, name, statuses);
    const context = {
        client,
        config,
        progress,
        log,
        signal: end.signal,
        fail: (error) => (0,model_outcome/* failureOf */.g5)(error, name, config, progress, auth),
    };
    const released = wanted && (await run.phase('updating its program', () => releaseProgram(context, run, wanted)));
    const reached = await reach(run, context, released, () => accepted(name));
    // Follow-up reads get a budget of their own: the step's may be spent (a Timeout), a cancel is not.
    const followUp = () => client.withSignal((0,abortable/* ownBudget */.As)(FOLLOW_UP_MS, end.cancelled));
    let { outcome } = reached;
    let health = (0,health_window/* noHealth */.o)();
    let events;
    // Standby runs nothing yet, so there is no health to check.
    if (outcome.result === 'reached' && config.initial !== 'standby') {
        const window = config.healthWindowMs > 0 ? ` for ${(0,text_text/* formatDuration */.a3)(config.healthWindowMs)}` : '';
        log.group(`Checking the connectors' health${window}`);
        const watched = run.phase('starting it', () => (0,health_window/* watchHealth */.c)(context));
        // A window of one read holds no event worth waiting for: Feldera's events are read beside it, not after.
        if (config.healthWindowMs === 0)
            events = readEvents(followUp(), progress);
        ({ outcome, health } = await watched);
    }
    log.end();
    const after = await afterOutcome(run, context, outcome, {
        followUp,
        events,
        startAccepted: reached.converged.startAccepted,
        cancelled: end.cancelled,
    });
    // After a rollback, the start was the previous program's: the release's failure is the outcome.
    const restarted = released?.failure && released.start ? outcome : undefined;
    const compilation = released?.release.compilation;
    return {
        outcome: released?.failure ?? outcome,
        converged: reached.converged,
        approval: reached.approval,
        health,
        diagnosis: compilation ? { ...after.diagnosis, compilation } : after.diagnosis,
        supportBundle: after.supportBundle,
        stop: after.stop,
        plan: undefined,
        release: released?.release,
        restarted,
        reachedMs: reached.reachedMs,
    };
}
/** The start and the wait for the target, unless the update of the program ended the run. */
async function reach(run, context, released, onAccepted) {
    let converged = {
        found: undefined,
        decidedOn: undefined,
        transition: undefined,
        startAccepted: false,
        move: undefined,
    };
    if (released?.failure && !released.start) {
        return { outcome: released.failure, converged, approval: undefined, reachedMs: undefined };
    }
    const started = await run.phase('starting it', () => startPipeline(context, onAccepted));
    converged = started.converged;
    if (started.failure)
        return { outcome: started.failure, converged, approval: undefined, reachedMs: undefined };
    const move = converged.move;
    const { outcome, approval } = await run.phase('starting it', () => context.config.wait ? (0,wait/* waitForTarget */.wi)(context, move) : (0,wait/* readAccepted */.oJ)(context));
    // The read that showed the target: where a release's downtime ends.
    const reachedMs = outcome.result === 'reached' ? context.progress.timeline.at(-1)?.beganMs : undefined;
    return { outcome, converged, approval, reachedMs };
}
/** What follows the outcome: the reads that explain it, the support bundle, and the stop of stop-on-failure. */
async function afterOutcome(run, { client, config, progress, log }, outcome, { followUp, events, startAccepted, cancelled, }) {
    const diagnosis = outcome.result === 'failed' && outcome.code === 'Cancelled'
        ? { problems: [] }
        : await run.phase("reading the compiler's messages, the pipeline's log and Feldera's events", () => diagnose(followUp(), config, outcome, progress, events));
    // Before a stop: a stopped pipeline's bundle lacks what only the running process gives (profiles, metrics, stats).
    const supportBundle = wantsBundle(config, outcome) && !cancelled.aborted
        ? await run.phase('collecting its support bundle', () => collectSupportBundle(client.withSignal(cancelled), config, cancelled, log))
        : undefined;
    if (!(config.stopOnFailure && startAccepted && (0,phases_stop/* stopsAfter */.u)(outcome)))
        return { diagnosis, supportBundle, stop: undefined };
    log.info(`Stopping pipeline ${run.name} after ${outcome.code} (stop-on-failure: true).`);
    const problem = await run.phase('stopping it (stop-on-failure: true)', () => (0,phases_stop/* stopPipeline */.J)(client, STOP_MS, cancelled));
    log.info(problem ? `Could not stop pipeline ${run.name}: ${problem}.` : `Pipeline ${run.name} is Stopped.`);
    return { diagnosis, supportBundle, stop: problem === undefined ? { stopped: true } : { stopped: false, problem } };
}

// EXTERNAL MODULE: ./src/report/statement.ts
var statement = __webpack_require__(67999);
;// CONCATENATED MODULE: ./src/phases/plan.ts










/**
 * Plan mode for one pipeline: sends the proposed program to `/diff` and keeps Feldera's answer. Read
 * only: no start, stop, approve or dismiss. The request compiles the program, so it may take as long
 * as the SQL compiler does: it is bounded by the step's timeout, not by request-timeout.
 */
async function planPipeline(run, { config, http, auth, platform, end }, programCode) {
    const sqlFile = (0,inputs/* sqlFileOf */.AB)(config, run.name) ?? '';
    const client = new feldera_client/* PipelineClient */.I({ ...http, requestTimeoutMs: config.timeoutMs, debug: (line) => run.log.debug(line) }, run.name);
    const runtime = config.runtimeVersion ? ` with runtime ${config.runtimeVersion}` : '';
    run.log.group(`Planning pipeline ${run.name}: the program of ${sqlFile}${runtime} against its configured program`);
    const record = await run.phase("waiting for Feldera's diff (POST /diff)", async () => {
        try {
            // A change of the pipeline's own program a moment ago: the diff compares with it once compiled.
            await (0,wait/* whenCompiled */.A2)(client, run.progress, config.pollIntervalMs, end.signal, run.log);
            const diff = await client.diff(programCode, config.runtimeVersion, (0,phases_phase/* waitingRetry */.o)(run.progress, run.log));
            for (const line of (0,plan/* planChanges */.XA)(diff) ? (0,approval/* diffLines */.Pp)(diff) : ['no change'])
                run.log.info(line);
            return (0,phases_run/* recordOf */.zv)({ result: 'planned' }, { plan: { sqlFile, diff } });
        }
        catch (error) {
            return planFailure(error, run, client, sqlFile, { config, auth, version: platform()?.version });
        }
    });
    run.log.end();
    run.end(record);
}
function planFailure(error, run, client, sqlFile, context) {
    const fail = (cause) => (0,model_outcome/* failureOf */.g5)(cause, run.name, context.config, run.progress, context.auth);
    const { outcome, compilation } = diffFailure(error, run, client, sqlFile, { fail, version: context.version });
    return (0,phases_run/* recordOf */.zv)(outcome, { diagnosis: { problems: [], compilation } });
}

;// CONCATENATED MODULE: ./src/phases/programs.ts



/**
 * Each pipeline's program (plan: true, update-program: true): sql-file's, and the UDF files given,
 * read before any request: a file that cannot be read is an invalid input, said with every other one.
 * Paths are relative to the workspace, as annotations are.
 */
function readPrograms(config, workspace) {
    const programs = new Map();
    const problems = [];
    const read = (input, path, name) => {
        const file = (0,inputs/* fileOf */.W7)(path, name);
        if (file === undefined)
            return undefined;
        try {
            return (0,external_node_fs_.readFileSync)((0,external_node_path_.resolve)(workspace, file), 'utf8');
        }
        catch (error) {
            const why = error.code === 'ENOENT' ? 'there is no such file' : error.message;
            problems.push(`${input} "${file}"${file === path ? '' : ` (of pipeline ${name})`} cannot be read: ${why}. Check out the repository first (actions/checkout), and give the path from its root.`);
            return undefined;
        }
    };
    for (const name of config.pipelineNames) {
        programs.set(name, {
            sqlFile: (0,inputs/* fileOf */.W7)(config.sqlFile, name) ?? '',
            program_code: read('sql-file', config.sqlFile, name) ?? '',
            udf_rust: read('udf-rust-file', config.udfRustFile, name),
            udf_toml: read('udf-toml-file', config.udfTomlFile, name),
        });
    }
    if (problems.length > 0)
        throw new inputs/* InputError */.dz(problems);
    return programs;
}

// EXTERNAL MODULE: ./src/report/state.ts
var state = __webpack_require__(77343);
// EXTERNAL MODULE: ./src/model/progress.ts
var progress = __webpack_require__(30138);
// EXTERNAL MODULE: ./src/cancellation.ts
var cancellation = __webpack_require__(34632);
// EXTERNAL MODULE: ./src/report/last-word.ts
var last_word = __webpack_require__(44325);
;// CONCATENATED MODULE: ./src/main.ts




















/** Above this many pipelines, one list of all statuses per poll-interval costs fewer requests than one read each. */
const LIST_STATUSES_ABOVE = 10;
/**
 * Runs the step and returns how it ended; the caller fails the process on a failure. `cancel` is the
 * runner's, installed by the entry before anything loaded (@github/local-action gives none).
 */
async function run(cancel = (0,cancellation/* cancellation */.W)()) {
    // The runner runs this bundle again as the post step (action.yml runs.post): it tells by this state.
    core/* saveState */.LZ(state/* POST_STATE */.j, 'true');
    const startedAt = performance.now();
    const facts = {
        config: undefined,
        runs: [],
        credential: 'none chosen',
        planning: false,
        platform: undefined,
        elapsedMs: () => performance.now() - startedAt,
    };
    let reported = false;
    // Whatever still holds the step when a cancel's deadline comes, a short report is its word.
    cancel.atDeadline(() => {
        if (!reported)
            (0,last_word/* lastWord */.bx)(facts, cancel.signal);
    });
    try {
        await startAll(facts, cancel.signal);
    }
    catch (error) {
        // Whatever went wrong, the step still ends with its outputs, its summary and an annotation.
        const outcome = error instanceof inputs/* InputError */.dz
            ? { result: 'failed', code: 'InvalidInput', message: error.message }
            : (0,model_outcome/* internalError */.WB)(error);
        if (!facts.config)
            facts.planning = /^true$/i.test(core/* getInput */.V4('plan').trim());
        if (facts.runs.length === 0)
            facts.runs.push((0,phases_run/* unnamedRun */.GK)(core/* getInput */.V4('pipeline-name'), cancel.signal));
        for (const run of facts.runs)
            if (!run.record)
                run.end((0,phases_run/* recordOf */.zv)(outcome));
    }
    // A cancel from here on came while the step reported.
    for (const run of facts.runs)
        run.phase('reporting', () => undefined);
    try {
        const { report } = await reportCode();
        // Synchronous: a cancel either came before, and the report says so, or is too late to change it.
        report(facts);
    }
    catch (error) {
        // The report itself failed: still the error code and an annotation.
        core/* setOutput */.uH('error-code', 'InternalError');
        core/* error */.z3((0,model_outcome/* internalError */.WB)(error).message, { title: 'Feldera start-pipeline could not report' });
        return (0,model_outcome/* internalError */.WB)(error);
    }
    finally {
        reported = true;
    }
    const outcomes = facts.runs.map((run) => (0,statement/* statedOutcome */.U)(run, facts.platform));
    return outcomes.find((outcome) => outcome.result === 'failed') ?? outcomes[0] ?? (0,model_outcome/* internalError */.WB)('no pipeline was run');
}
let reportModule;
/** The report's code, loading from the first call: once the first request is on its way, or at the latest to report. */
function reportCode() {
    if (!reportModule) {
        reportModule = __webpack_require__.e(/* import() */ 637).then(__webpack_require__.bind(__webpack_require__, 99637));
        // A failure to load is reported where the report is awaited, not as an unhandled rejection meanwhile.
        reportModule.catch(() => undefined);
    }
    return reportModule;
}
/** Reads the inputs, then runs every pipeline side by side under the one budget, into `facts`. */
async function startAll(facts, cancelled) {
    const read = (0,inputs/* readConfig */.Xg)({
        getInput: (name) => core/* getInput */.V4(name),
        env: process.env,
        onSecret: (secret) => core/* setSecret */.Pq(secret),
    });
    const config = read.config;
    facts.config = config;
    facts.planning = config.plan;
    for (const warning of read.warnings)
        core/* warning */.$e(warning, { title: 'Feldera start-pipeline input' });
    const exposed = publicBundleWarning(config, process.env);
    if (exposed)
        core/* warning */.$e(exposed, { title: 'Support bundle of a public repository' });
    const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
    const programs = config.plan || config.updateProgram ? readPrograms(config, workspace) : undefined;
    const several = config.pipelineNames.length > 1;
    // One pipeline logs in phases; several log flat, each line behind its pipeline's name.
    facts.runs = config.pipelineNames.map((name) => {
        const run = new phases_run/* PipelineRun */.Ke(name, config.apiUrl, several ? new phase_log/* PrefixedLog */.s(log/* stepLog */.tV, name) : new phase_log/* PhaseLog */.U(log/* stepLog */.tV), !several);
        run.listen(cancelled);
        return run;
    });
    for (const run of facts.runs) {
        run.log.info(`${config.plan ? 'Planning' : 'Starting'} Feldera pipeline ${run.name}${config.plan ? '' : ` towards ${(0,lifecycle/* targetStatus */.u)(config.initial)}`}: ${run.pipelineUrl}`);
    }
    const end = (0,cancellation/* runEnd */.l)(config.timeoutMs, (0,text_text/* formatDuration */.a3)(config.timeoutMs), cancelled);
    const heartbeat = several
        ? setInterval(() => (0,log/* info */.pq)(heartbeatLine(facts.runs, facts.elapsedMs())), progress/* HEARTBEAT_MS */.m)
        : undefined;
    let connection;
    try {
        connection = (0,connection_connection/* connect */.N)(config, end.signal);
        facts.credential = connection.auth.describe();
        // Beside the first requests, never waited for: the report uses it if it came in time.
        void (0,platform/* readPlatform */.K)(connection.http).then((answer) => {
            facts.platform = answer;
            if (answer)
                core/* debug */.Yz(`Feldera ${(0,platform/* describePlatform */.d)(answer)}`);
        });
        // Nothing of the report is needed before the first request: it loads beside the requests, not after the outcome.
        void reportCode();
        const context = {
            config,
            http: connection.http,
            auth: connection.auth,
            end,
            statuses: config.pipelineNames.length > LIST_STATUSES_ABOVE
                ? new StatusList(connection.http, listAge(config), config.pipelineNames)
                : undefined,
            platform: () => facts.platform,
            accepted: startedBy(config),
            stated: (run) => (0,statement/* statedOutcome */.U)(run, facts.platform),
        };
        await Promise.all(facts.runs.map((run) => config.plan
            ? planPipeline(run, context, programs?.get(run.name)?.program_code ?? '')
            : runPipeline(run, context, programs?.get(run.name))));
        facts.credential = connection.auth.describe();
    }
    finally {
        clearInterval(heartbeat);
        end.dispose();
        await connection?.close();
    }
}
/** A list younger than most of a poll-interval serves every run that asks in that interval. */
function listAge(config) {
    return config.pollIntervalMs * 0.9;
}
/** Keeps the names of the pipelines whose start Feldera accepted in the step's state, for the post step: never a secret. */
function startedBy(config) {
    const started = new Set();
    return (name) => {
        started.add(name);
        core/* saveState */.LZ(state/* STARTED_STATE */.C, JSON.stringify(config.pipelineNames.filter((pipeline) => started.has(pipeline))));
    };
}

;// CONCATENATED MODULE: ./src/step.ts




/** What the runner reads as a failed step. Set here, not in run(): @github/local-action calls run() itself. */
const EXIT_FAILURE = 1;
/**
 * The runner runs the bundle twice: as the step, and as its post step (action.yml runs.post), which
 * has the state the step saved. The post step never fails the job, not even when its code cannot load.
 */
async function step(cancel) {
    if ((0,core/* getState */.Gu)(state/* POST_STATE */.j)) {
        await __webpack_require__.e(/* import() */ 661).then(__webpack_require__.bind(__webpack_require__, 86661))
            .then(({ post }) => post(cancel))
            .catch((error) => (0,core/* warning */.$e)(`stop-at-job-end: ${String(error)}`, { title: 'stop-at-job-end' }));
    }
    else {
        const outcome = await run(cancel);
        if (outcome.result === 'failed')
            process.exitCode = EXIT_FAILURE;
    }
    (0,log/* exitWhenFlushed */.KE)();
}


/***/ }),

/***/ 86590:
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


/***/ }),

/***/ 98544:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E$: () => (/* binding */ redact),
/* harmony export */   Tn: () => (/* binding */ serverText),
/* harmony export */   Vv: () => (/* binding */ readableNames),
/* harmony export */   a3: () => (/* binding */ formatDuration),
/* harmony export */   bD: () => (/* binding */ messageOf),
/* harmony export */   nE: () => (/* binding */ pipelineLabel),
/* harmony export */   tJ: () => (/* binding */ inert)
/* harmony export */ });
// Text that came from the server (error messages, hints, status values, log and compiler lines) goes
// through `serverText` once, where it enters the action; every plain line the action prints goes
// through `inert` (src/log/log.ts) on its way out. Together they keep the runner from reading a workflow
// command in anything a server sent.
const MAX_LENGTH = 600;
// ANSI escape sequences: CSI (colours, cursor moves; ESC [ or the one-byte C1 form), OSC (titles,
// links; ended by BEL or ESC \), and the two-byte escapes. Feldera's logs are coloured.
const ANSI = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|(?:\u001b\]|\u009d)[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[@-Z\\-_]/g;
// The runner finds commands with .NET's culture-sensitive IndexOf and StartsWith, which skip what ICU
// ignores: control and format characters, variation selectors. Such a character between `#` and `#[`
// would hide a command from a plain search, so it goes (it shows as nothing anyway).
const IGNORABLE = /[\p{Cc}\p{Default_Ignorable_Code_Point}\u2028\u2029]+/gu;
const LINE_BREAKS = /[\r\n\u0085\u2028\u2029\v\f]+/g;
function serverText(text, secrets = [], maxLength = MAX_LENGTH) {
    // Line breaks and tabs become spaces first, so words stay apart; the other invisible characters go.
    const plain = redact(text.replace(ANSI, ''), secrets).replace(LINE_BREAKS, ' ').replace(/\t/g, ' ');
    // Leading spaces stay: they are the indentation of log and compiler lines, which the action prefixes.
    const line = inert(plain).trimEnd();
    return line.length > maxLength ? `${line.slice(0, maxLength - 1)}…` : line;
}
/**
 * One line the runner prints as it is: it reads `::command::` at the start of a line, after spaces,
 * and the legacy `##[command]` anywhere in it (actions/runner, ActionCommand.TryParseV2 and TryParse).
 * Both are broken by a visible space; invisible characters that could hide them are removed first.
 */
function inert(line) {
    return line
        .replace(IGNORABLE, (match) => (/[\r\n\u2028\u2029]/.test(match) ? ' ' : ''))
        .replace(/##\[/g, '## [')
        .replace(/^(\s*):(?=:)/u, '$1: ');
}
/** What an error says, whatever was thrown. */
function messageOf(error) {
    return error instanceof Error ? error.message : String(error);
}
/** The text with every secret replaced by `***`, as the runner masks them. */
function redact(text, secrets) {
    let result = text;
    for (const secret of secrets) {
        if (secret)
            result = result.split(secret).join('***');
    }
    return result;
}
/** `90500` → `1m30.5s`: how the action writes durations, the way users write them as inputs. */
function formatDuration(ms) {
    const tenths = Math.round(ms / 100);
    const hours = Math.floor(tenths / 36_000);
    const minutes = Math.floor((tenths % 36_000) / 600);
    const seconds = (tenths % 600) / 10;
    const parts = [];
    if (hours)
        parts.push(`${hours}h`);
    if (minutes)
        parts.push(`${minutes}m`);
    if (seconds || parts.length === 0)
        parts.push(`${seconds.toFixed(seconds % 1 ? 1 : 0)}s`);
    return parts.join('');
}
/**
 * `Feldera pipeline orders`, or `Feldera pipelines orders, billing and refunds`: the one way a title or
 * a heading names pipelines, whatever the input held (names one a line, or comma-separated).
 */
function pipelineLabel(names) {
    return `Feldera pipeline${namesOf(names).length > 1 ? 's' : ''} ${readableNames(names)}`;
}
/** `orders`, or `orders, billing and refunds`: a name list as a reader says it; `(no name)` for none. */
function readableNames(names) {
    const each = namesOf(names);
    if (each.length <= 1)
        return each[0] ?? '(no name)';
    return `${each.slice(0, -1).join(', ')} and ${each.at(-1) ?? ''}`;
}
function namesOf(names) {
    return names
        .split(/[\n,]/)
        .map((name) => name.trim())
        .filter(Boolean);
}


/***/ })

};
