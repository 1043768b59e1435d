// The part of undici the CLI uses (src/notion/client.ts: Agent; src/notion/attempt.ts: the
// dispatcher's `request`), bundled by scripts/bundle-cli.mjs into dist/bundle/undici.cjs instead of
// the whole package: undici's index loads fetch, WebSocket, cookies, mocks and caches as well, and
// Node's own copy of undici with them (about 60 ms of a cold start). The wiring is undici's own
// index.js: the API methods go on Dispatcher.prototype. test/package/bundle.test.ts runs the bundle
// against the emulator; the tsc build (dist/cli) keeps using the full package.
const Dispatcher = require('undici/lib/dispatcher/dispatcher');
const api = require('undici/lib/api');

Object.assign(Dispatcher.prototype, api);

module.exports = { Agent: require('undici/lib/dispatcher/agent'), Dispatcher };
