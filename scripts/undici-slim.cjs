// The part of undici the CLI uses (src/notion/client.ts: Agent; src/notion/exchange.ts: the
// dispatcher's `dispatch`, with its own handler), bundled by scripts/bundle-cli.mjs into
// dist/bundle/undici.cjs instead of the whole package: undici's index loads fetch, WebSocket,
// cookies, mocks and caches as well, and Node's own copy of undici with them (about 60 ms of a cold
// start). No API method (`request`, `stream`, …) is needed: exchange.ts calls `dispatch` itself.
// test/package/bundle.test.ts runs the bundle against the emulator; the tsc build (dist/cli) keeps
// using the full package.
const Dispatcher = require('undici/lib/dispatcher/dispatcher');

module.exports = { Agent: require('undici/lib/dispatcher/agent'), Dispatcher };
